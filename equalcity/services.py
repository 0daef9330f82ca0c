"""Writes for the shared core: inviting staff, a staff member's own settings."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from equalcity.access import scope_for
from equalcity.models import Message, Organisation, Role, User
from equalcity.outbox import Draft, messages_queue
from equalcity.refs import Ref

# A municipal coordinator may hand out these roles within their own organisation.
DELEGABLE_ROLES = {
    Role.Kind.MUNICIPAL_COORDINATOR,
    Role.Kind.COURSE_LEADER,
    Role.Kind.MUNICIPAL_STAFF,
}


def _password_link(user: User, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    site: str = settings.SITE_URL  # read by django-environ, which ships no types
    return site.rstrip("/") + path


@transaction.atomic
def staff_invite(
    *,
    invited_by: User,
    email: str,
    first_name: str,
    last_name: str,
    kind: str,
    organisation: Organisation,
    language: str = "sv",
) -> User:
    """Give a staff member a role, creating their account if needed, and e-mail them a link to
    choose a password. Nobody can sign up on their own.

    The language chosen here becomes the person's language for e-mails and documents. A person
    who already has an account and has logged in keeps the language they have (they may have
    chosen it on their settings page); one who never logged in never had that chance, so the
    new invitation's language replaces the old one. The e-mail goes out in the language kept."""
    scope = scope_for(invited_by)
    if not (scope.regional or (kind in DELEGABLE_ROLES and scope.coordinates(organisation.pk))):
        raise PermissionDenied
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, first_name=first_name, last_name=last_name, language=language)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    elif user.last_login is None and user.language != language:
        user.language = language
        user.full_clean()
        user.save(update_fields=["language"])
    if Role.objects.filter(user=user, kind=kind, organisation=organisation).exists():
        raise ValidationError(_("%(email)s already has this role.") % {"email": email})
    role = Role(user=user, kind=kind, organisation=organisation)
    role.full_clean()
    role.save()

    with translation.override(user.language):
        context = {
            "user": user,
            "role": role,
            "invited_by": invited_by,
            "link": _password_link(user, user.language),
        }
        subject = _("You are invited to Equalcity")
        body = render_to_string("equalcity/email/staff_invitation.txt", context)
    # Through the outbox like every message: kept if the mail server is down, retried, visible.
    messages_queue(
        [
            Draft(
                kind="staff_invitation",
                recipient=Ref.to(user),
                about=Ref.to(role),
                channel=Message.Channel.EMAIL,
                language=user.language,
                to_address=user.email,
                subject=subject,
                body=body,
            )
        ]
    )
    return user


def staff_settings_update(*, user: User, first_name: str, last_name: str, language: str) -> User:
    """A staff member's own name and their language for e-mails and documents."""
    user.first_name = first_name
    user.last_name = last_name
    user.language = language
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "language"])
    return user
