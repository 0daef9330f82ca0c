"""Print the code a demo account's authenticator app shows right now (DEBUG only)."""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed.people import DEMO_LEADER, is_demo_login
from equalcity.models import User


class Command(BaseCommand):
    help = (
        "Print the current two-step login code of a demo account, for exploring the demo "
        "without a phone. Only with DEBUG on, and only for the accounts seed_demo creates."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default=DEMO_LEADER, help="a demo login")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_code runs only with DEBUG on: it gives away the second step of a login, "
                "which is fine on a laptop demo and never on a real server."
            )
        if not is_demo_login(email):
            raise CommandError(
                f"{email} is not a demo account: demo_code prints codes only for the logins "
                "seed_demo creates (the @demo.equalcity.se accounts in README.md), never for a "
                "real person's authenticator."
            )
        user = User.objects.filter(email__iexact=email).first()
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None:
            raise CommandError(
                f"{email} has no authenticator yet: run `manage.py seed_demo` first."
            )
        secret = decrypt(totp.data["secret"])
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
