"""Two-step login: coordinators and course leaders enter a code from an authenticator app
before any staff page, and set the app up the first time they come."""

import re

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from equalcity.models import Role
from tests.factories import UserFactory
from tests.two_step import totp_code

PASSWORD = "correct-horse-battery"
ETHIOPIC = re.compile(r"[\u1200-\u137F]")

pytestmark = pytest.mark.django_db


def log_in(client, user, language="sv"):
    return client.post(f"/{language}/accounts/login/", {"login": user.email, "password": PASSWORD})


def test_staff_log_in_with_their_password_and_a_code_from_their_app(regional_coordinator):
    client = Client()

    response = log_in(client, regional_coordinator)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("staff_home")).status_code == 302, "not in after the password alone"

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    with translation.override("sv"):
        explained = gettext("Incorrect code.")
    assert explained != "Incorrect code." and explained in wrong.content.decode()

    right = client.post(
        reverse("mfa_authenticate"), {"code": totp_code(regional_coordinator.totp_secret)}
    )
    assert right.status_code == 302
    assert client.get(reverse("staff_home")).status_code == 200


def test_a_recovery_code_replaces_a_lost_phone(goteborg_coordinator):
    code = RecoveryCodes.activate(goteborg_coordinator).get_unused_codes()[0]
    client = Client()

    log_in(client, goteborg_coordinator)
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert client.get(reverse("participants:my_courses")).status_code == 200
    client.logout()
    log_in(client, goteborg_coordinator)
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200, "each recovery code works once"


@pytest.mark.django_db(transaction=True)  # the app is set up on commit, as in production
def test_a_new_course_leader_sets_up_the_app_and_comes_back_to_the_page_they_asked_for(
    integrationscentrum,
):
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum), totp=False)
    client = Client()
    log_in(client, leader)
    wanted = reverse("participants:my_courses")

    detour = client.get(wanted)
    assert detour.status_code == 302
    assert detour["Location"] == reverse("mfa_activate_totp")

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200, "the password entered a minute ago is not asked again"
    html = page.content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    assert 'src="data:image/svg+xml;base64,' in html
    grouped = " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))
    assert f'<code class="secret-key" dir="ltr" translate="no">{grouped}</code>' in html, (
        "the key to type in, in groups of four"
    )
    link = re.search(r'href="(otpauth://totp/[^"]+)"', html)
    assert link and f"secret={secret}" in link.group(1), "a tap opens the app on this phone"
    menu = (f'href="{reverse("staff_home")}"', f'href="{wanted}"')
    assert not any(link in html for link in menu), "no staff menu before the set-up is done"
    assert reverse("account_logout") in html, "only the way out"

    wrong = client.post(reverse("mfa_activate_totp"), {"code": "123456"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=leader).exists()

    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert done["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(done["Location"]).content.decode()
    assert len(re.findall(r"<li><code>\d{8}</code></li>", codes_page)) == 10
    with translation.override("sv"):
        assert gettext("Two-step login is on.") in codes_page
        replaced = gettext("New recovery codes have been made. The old ones no longer work.")
    assert replaced not in codes_page, "a first set-up has no old codes to warn about"
    assert all(link in codes_page for link in menu), "the staff menu once the set-up is done"

    back = client.get(reverse("two_step_continue"))
    assert back["Location"] == wanted
    assert client.get(wanted).status_code == 200


def test_setting_up_the_app_long_after_logging_in_asks_for_the_password_again(
    integrationscentrum,
):
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum), totp=False)
    client = Client()
    log_in(client, leader)
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] -= 600
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    confirm = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert confirm.status_code == 302
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_a_session_that_never_entered_a_code_is_asked_for_one_before_personal_data(
    open_course, goteborg_coordinator
):
    client = Client()
    client.force_login(goteborg_coordinator)  # as a session opened before the app was set up
    wanted = reverse("participants:staff_list", kwargs={"pk": open_course.pk})

    detour = client.get(wanted)
    assert detour.status_code == 302
    assert (
        detour["Location"] == f"{reverse('mfa_reauthenticate')}?next={wanted.replace('/', '%2F')}"
    )

    confirmed = client.post(
        detour["Location"], {"code": totp_code(goteborg_coordinator.totp_secret)}
    )
    assert confirmed["Location"] == wanted
    assert client.get(wanted).status_code == 200


def test_evaluators_see_only_counts_and_are_not_asked(evaluator):
    Authenticator.objects.filter(user=evaluator).delete()
    client = Client()
    client.force_login(evaluator)

    assert client.get(reverse("evaluation:dashboard")).status_code == 200


def test_the_requirement_can_be_turned_off_for_a_laptop_demo(settings, goteborg_coordinator):
    settings.REQUIRE_MFA = False
    Authenticator.objects.filter(user=goteborg_coordinator).delete()
    client = Client()
    client.force_login(goteborg_coordinator)

    assert client.get(reverse("courses:list")).status_code == 200


def test_the_admin_asks_for_both_steps_too(region):
    admin = UserFactory(is_staff=True, is_superuser=True, totp=False)
    client = Client()

    anonymous = client.get("/admin/")
    assert "/accounts/login/" in client.get(anonymous["Location"])["Location"]

    client.force_login(admin)
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


def test_the_set_up_page_speaks_the_leaders_language(integrationscentrum):
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum), totp=False)
    client = Client()
    log_in(client, leader, language="ti")

    html = client.get("/ti/accounts/2fa/totp/activate/").content.decode()

    heading = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert ETHIOPIC.search(heading)
    text = re.sub(r"<[^>]+>", " ", html)
    for product in ("Microsoft Authenticator", "Google Authenticator", "FreeOTP"):
        text = text.replace(product, "")  # app names stay as the store shows them
    for english in ("authenticator", "code", "scan", "key", "phone", "set up", "enter"):
        assert english not in text.lower(), english


@pytest.mark.django_db(transaction=True)  # the message is added on commit, as in production
def test_replacing_the_recovery_codes_says_that_the_old_ones_stop_working(goteborg_coordinator):
    from tests.two_step import TwoStepClient

    client = TwoStepClient()
    client.force_login(goteborg_coordinator)
    RecoveryCodes.activate(goteborg_coordinator)

    response = client.post(reverse("mfa_generate_recovery_codes"), follow=True)

    with translation.override("sv"):
        warning = gettext("New recovery codes have been made. The old ones no longer work.")
    assert warning in response.content.decode()
