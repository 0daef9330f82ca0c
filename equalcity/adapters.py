from dataclasses import dataclass
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from equalcity.client import client_address
from equalcity.models import User
from equalcity.two_step import password_entered_recently

# Links that allauth puts into its e-mails; they open in the reader's language.
_LINKS = ("password_reset_url", "activate_url", "signup_url")


@dataclass(frozen=True)
class SiteFromSettings:
    """What allauth's templates read as `current_site`: our name and address from settings,
    never django.contrib.sites' database row (which says "example.com")."""

    name: str
    domain: str


def current_site() -> SiteFromSettings:
    return SiteFromSettings(name=settings.SITE_NAME, domain=settings.SITE_DOMAIN)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


class StaffAccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """The address the trusted proxy names (settings.CLIENT_IP_HEADER), validated, the
        same one the registration limit uses; never an error for a missing one."""
        return client_address(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed logins count per account *and* client address: someone elsewhere who types
        a colleague's address wrong five times locks out only themselves. (allauth's own key
        is the account alone; the per-address limit in ACCOUNT_RATE_LIMITS stays too.)"""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{client_address(request)}"

    def is_open_for_signup(self, request):
        """Nobody signs up: coordinators invite staff (see `staff_invite`)."""
        return False

    def is_reauthentication_required(self, *, app, **kwargs):
        """A password entered at login a few minutes ago counts: a coordinator setting up the
        authenticator app right after logging in is not asked for it a second time."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = allauth_context.request
        return not (request.user.is_authenticated and password_entered_recently(request))

    def send_mail(self, template_prefix, email, context):
        """Every allauth e-mail (password reset, security notices) in the language of the staff
        member it goes to; to an address we do not know, in the language of the page."""
        user = User.objects.filter(email__iexact=email).first()
        language = user.language if user else translation.get_language()
        ctx = {
            "request": allauth_context.request,
            "email": email,
            "user": user,
            "current_site": current_site(),
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL.rstrip("/"),
            **context,
        }
        for key in _LINKS:  # resolved in the page's language, reversed in the reader's
            if ctx.get(key):
                ctx[key] = translate_url(ctx[key], language)
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
        message.send()

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        """Setting up the app also makes the first recovery codes; allauth then says the old
        ones no longer work, which alarms someone who never had any. Only a replacement
        (the recovery-codes page) says so."""
        match = getattr(request, "resolver_match", None)
        if (
            message_template == "mfa/messages/recovery_codes_generated.txt"
            and match is not None
            and match.url_name == "mfa_activate_totp"
        ):
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def get_http_user_agent(self, request):
        """Blank rather than allauth's English "Unspecified" when the browser sent none."""
        return request.META.get("HTTP_USER_AGENT", "")

    def format_email_subject(self, subject):
        """Our subjects name the site themselves (allauth's prefix reads the sites table)."""
        return subject

    def get_reset_password_from_key_url(self, key):
        """The link points at SITE_URL, whatever Host header the request came with."""
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))
