"""Staff in tests take the second step of the login the way a real login leaves it behind."""

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.test import Client


def totp_activate(user) -> str:
    """Give the user an authenticator app; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    user.totp_secret = secret
    return secret


#: A code typed in the last seconds of its 30-second window may reach the server in the next
#: one, where allauth (no tolerance) refuses it: a person would read the next code, and so does
#: a test that would otherwise type it.
FRESH_FOR_SECONDS = 5


def totp_code(secret: str) -> str:
    """The six digits the user's app shows right now, with time left to type them."""
    left = 30 - time.time() % 30
    if left < FRESH_FOR_SECONDS:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def totp_code_for(user) -> str:
    """The code the user's app shows right now, read from the stored authenticator."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return totp_code(decrypt(authenticator.data["secret"]))


class TwoStepClient(Client):
    """`force_login` as after a login with password and authenticator code.

    A user without an authenticator app stays at the first step, so the gate sends them to set
    one up, as it would after a real login."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None:
            return
        session = self.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "email": user.email},
            {"method": "mfa", "at": time.time(), "id": totp.pk, "type": "totp"},
        ]
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
        session.save()
