"""The demo's staff accounts, each with a known authenticator app.

A newcomer explores the demo with two-step login on and no phone at hand: every demo login
comes with an authenticator whose secret is DEMO_TOTP_SECRET (documented in README.md), and
`manage.py demo_code <e-mail>` prints the code it shows right now.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from demo.seed.places import IC
from equalcity.models import Organisation, Role, User

DEMO_PASSWORD = "equalcity-demo"  # noqa: S105 - printed for the demo; never used in production
# Base32, as authenticator apps take it; the same for every demo login.
DEMO_TOTP_SECRET = "EQUALCITYDEMO234EQUALCITYDEMO234"  # noqa: S105 - documented demo secret

DEMO_USERS = [
    # e-mail, first name, last name, role, organisation slug
    ("regional@demo.equalcity.se", "Rebecka", "Regional", Role.Kind.REGIONAL_COORDINATOR, "gr"),
    (
        "goteborg@demo.equalcity.se",
        "Maria",
        "Göteborg",
        Role.Kind.MUNICIPAL_COORDINATOR,
        "goteborg",
    ),
    ("molndal@demo.equalcity.se", "Mats", "Mölndal", Role.Kind.MUNICIPAL_COORDINATOR, "molndal"),
    ("leader@demo.equalcity.se", "Amina", "Kursledare", Role.Kind.COURSE_LEADER, IC),
    ("staff@demo.equalcity.se", "Sara", "Socialsekreterare", Role.Kind.MUNICIPAL_STAFF, "molndal"),
    ("evaluator@demo.equalcity.se", "Jeanette", "Följeforskare", Role.Kind.EVALUATOR, "gr"),
    ("translator@demo.equalcity.se", "Tsegay", "Översättare", Role.Kind.TRANSLATOR, "gr"),
]
LOGINS = {email for email, *_rest in DEMO_USERS}
# The languages the demo translator translates into.
TRANSLATOR_LANGUAGES = ["ti", "ar"]

# One leader per language (the demo login leads the Arabic courses).
LEADERS = {
    "ar": "leader@demo.equalcity.se",
    "fa-AF": "dari.leader@demo.equalcity.se",
    "en": "english.leader@demo.equalcity.se",
    "so": "somali.leader@demo.equalcity.se",
    "ti": "tigrinya.leader@demo.equalcity.se",
}
DEMO_LEADER = LEADERS["ar"]
LEADER_NAMES = {"fa-AF": "Farid", "en": "Grace", "so": "Hodan", "ti": "Yonas"}


def is_demo_login(email: str) -> bool:
    """An account seed_demo creates with the demo password and the demo authenticator."""
    return email.lower() in LOGINS


def users_seed(*, orgs: dict[str, Organisation]) -> dict[str, User]:
    users = {}
    accounts = [*DEMO_USERS] + [
        (email, LEADER_NAMES[code], "Kursledare", Role.Kind.COURSE_LEADER, IC)
        for code, email in LEADERS.items()
        if email not in LOGINS
    ]
    for email, first, last, kind, org in accounts:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        if created:
            if email in LOGINS:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
        role, _ = Role.objects.get_or_create(user=user, kind=kind, organisation=orgs[org])
        if kind == Role.Kind.TRANSLATOR and role.languages != TRANSLATOR_LANGUAGES:
            role.languages = TRANSLATOR_LANGUAGES
            role.save(update_fields=["languages"])
        if email in LOGINS:
            authenticator_seed(user=user)
        users[email] = user
    return users


def authenticator_seed(*, user: User) -> None:
    """The demo authenticator, unless the account has one (one set up in the demo is kept)."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
