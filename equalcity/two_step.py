"""Two-step login (allauth's TOTP) for the staff who see personal data.

Coordinators and course leaders see names, phone numbers and attendance of parents whose course
language can reveal their origin, so every staff page asks them for a second step: an
authenticator app, set up the first time they come (allauth's activation page), and its code
at every login (allauth's login stage). A session counts as verified when it entered a code,
at login, on reauthentication or when the app was set up in it; knowing that the account has an
authenticator is not enough, since a session opened before it was set up never entered one.
Evaluators see only counts and are not asked. `REQUIRE_MFA=0` turns the requirement off for a
laptop demo.
"""

import time
from functools import wraps

from allauth.account import app_settings as account_settings
from allauth.account.authentication import get_authentication_records
from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.admin import AdminSite
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from equalcity.access import scope_for
from equalcity.redirects import next_path

CONTINUE_TO = "equalcity_two_step_continue_to"
SET_UP_IN_SESSION = "equalcity_two_step_set_up"


def two_step_required(user) -> bool:
    scope = scope_for(user)
    return settings.REQUIRE_MFA and (scope.coordinator or scope.course_leader)


def _code_entered(request) -> bool:
    """This session entered a code from the app: at login, on reauthentication or at set-up."""
    user = request.user
    if request.session.get(SET_UP_IN_SESSION) == user.pk:
        return True
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def two_step_done(request) -> bool:
    """The second step is behind this session, or not asked of this user: the staff menu may
    show. (Without side effects, unlike two_step_redirect.)"""
    if not two_step_required(request.user):
        return True
    return is_mfa_enabled(request.user, [Authenticator.Type.TOTP]) and _code_entered(request)


def two_step_redirect(request, *, required=None):
    """Where a staff member must go before this page, or None when they may see it."""
    if required is None:
        required = two_step_required(request.user)
    if not required:
        return None
    has_app = is_mfa_enabled(request.user, [Authenticator.Type.TOTP])
    if has_app and _code_entered(request):
        return None
    here = request.get_full_path()
    if not has_app:
        if request.method == "GET":
            request.session[CONTINUE_TO] = here
        return redirect("mfa_activate_totp")
    return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': here})}")


def continue_after_set_up(request):
    """After the recovery codes: back to the page that asked for the second step."""
    target = next_path(request, request.session.pop(CONTINUE_TO, None))
    return redirect(target or "staff_home")


@receiver(authenticator_added)
def _set_up_in_this_session(sender, request, user, authenticator, **kwargs):
    # Setting the app up means entering a code from it: this session has done the second step.
    if authenticator.type == Authenticator.Type.TOTP:
        request.session[SET_UP_IN_SESSION] = user.pk


def password_entered_recently(request) -> bool:
    """True when this session logged in or confirmed the password within allauth's timeout."""
    records = get_authentication_records(request, request.user)
    horizon = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
    return any(r.get("method") == "password" and r.get("at", 0) > horizon for r in records)


class TwoStepAdminSite(AdminSite):
    """The admin shows every record, so all who may use it take both steps: they log in
    through allauth's page, which asks for the code, and set up the app first if they have none."""

    def admin_view(self, view, cacheable=False):
        @wraps(view)
        def gated(request, *args, **kwargs):
            detour = two_step_redirect(request, required=settings.REQUIRE_MFA)
            return detour or view(request, *args, **kwargs)

        return super().admin_view(gated, cacheable)

    def login(self, request, extra_context=None):
        return secure_admin_login(super().login)(request, extra_context)
