"""A staff member has a language: the invitation's, or the one they choose on their settings
page. Every e-mail to them and every document they download defaults to it."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from equalcity.models import Message, Role, User
from tests.factories import UserFactory, VenueFactory
from tests.outbox import deliver_queued
from trainings.models import ClusterMeeting, StaffRegistration, TrainingDay
from trainings.planning import plan_training_reminders

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06FF]")
ETHIOPIC = re.compile(r"[\u1200-\u137F]")
SWEDISH_WORDS = re.compile(r"\b(och|för|lösenord|hälsningar|Hej)\b|[åäöÅÄÖ]")


def invite(client, coordinator, organisation, email, language, capture):
    client.force_login(coordinator)
    with capture(execute=True):
        response = client.post(
            reverse("staff_invite"),
            {
                "email": email,
                "first_name": "Layla",
                "last_name": "Haddad",
                "kind": Role.Kind.MUNICIPAL_STAFF,
                "organisation": organisation.pk,
                "language": language,
            },
        )
    assert response.status_code == 302
    return User.objects.get(email=email)


def test_someone_invited_in_arabic_gets_the_training_reminder_in_arabic(
    client, goteborg_coordinator, goteborg, region, django_capture_on_commit_callbacks
):
    invited = invite(
        client,
        goteborg_coordinator,
        goteborg,
        "layla@example.se",
        "ar",
        django_capture_on_commit_callbacks,
    )
    date = timezone.localdate() + dt.timedelta(days=2)
    day = TrainingDay.objects.create(
        organiser=region,
        title="Att arbeta med tolk",
        title_ar="العمل مع المترجم",
        date=date,
        starts_at=dt.time(9),
        ends_at=dt.time(16),
        venue=VenueFactory(municipality=goteborg),
        registration_deadline=date - dt.timedelta(days=7),
        status=TrainingDay.Status.OPEN,
    )
    StaffRegistration.objects.create(
        training_day=day, user=invited, municipality=goteborg, status="confirmed"
    )

    assert plan_training_reminders() == 1

    assert invited.language == "ar"
    reminder = Message.objects.get(kind="training_reminder", to_address="layla@example.se")
    assert reminder.language == "ar"
    assert "العمل مع المترجم" in reminder.subject
    assert ARABIC.search(reminder.body.split("\n")[0]), "the greeting is Arabic"
    assert "/ar/accounts/login/" in reminder.body


def test_a_person_who_has_logged_in_keeps_their_language_when_invited_again(
    client, goteborg_coordinator, goteborg, integrationscentrum, django_capture_on_commit_callbacks
):
    somali = UserFactory(
        email="hodan@example.se",
        language="so",
        last_login=timezone.now(),
        role=(Role.Kind.MUNICIPAL_STAFF, goteborg),
    )

    invite(
        client,
        goteborg_coordinator,
        integrationscentrum,
        "hodan@example.se",
        "sv",
        django_capture_on_commit_callbacks,
    )

    somali.refresh_from_db()
    assert somali.language == "so"
    deliver_queued()
    (message,) = mail.outbox
    assert "/so/accounts/password/reset/key/" in message.body, "the e-mail is in her language"


def test_an_invitation_never_answered_takes_the_language_of_the_new_one(
    client, goteborg_coordinator, goteborg, integrationscentrum, django_capture_on_commit_callbacks
):
    UserFactory(email="yonas@example.se", role=(Role.Kind.MUNICIPAL_STAFF, goteborg))

    invited = invite(
        client,
        goteborg_coordinator,
        integrationscentrum,
        "yonas@example.se",
        "ti",
        django_capture_on_commit_callbacks,
    )

    assert invited.language == "ti"
    deliver_queued()
    (message,) = mail.outbox
    assert ETHIOPIC.search(message.body)


@pytest.mark.parametrize(
    "kind",
    [
        Role.Kind.REGIONAL_COORDINATOR,
        Role.Kind.MUNICIPAL_COORDINATOR,
        Role.Kind.COURSE_LEADER,
        Role.Kind.MUNICIPAL_STAFF,
        Role.Kind.EVALUATOR,
    ],
)
def test_every_staff_member_changes_their_name_and_language_on_their_settings_page(
    client, region, kind
):
    user = UserFactory(first_name="Anna", role=(kind, region))
    client.force_login(user)

    page = client.get("/sv/staff/settings/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/sv/staff/settings/"' in html, "the staff menu links to the settings page"
    assert user.email in html
    assert re.search(r'<option value="sv"[^>]* selected', html), "the language they have"
    assert re.search(r'<option value="ar"[^>]* lang="ar" dir="rtl"', html)

    response = client.post(
        "/sv/staff/settings/", {"first_name": "Amal", "last_name": "Nur", "language": "fa-af"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.language) == ("Amal", "Nur", "fa-af")


def test_a_language_we_do_not_offer_is_refused_on_the_settings_page(client, region):
    user = UserFactory(role=(Role.Kind.EVALUATOR, region))
    client.force_login(user)

    response = client.post(
        "/sv/staff/settings/", {"first_name": "A", "last_name": "B", "language": "xx"}
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.language == "sv"


def test_the_language_list_names_each_language_in_its_own_words(client, region):
    client.force_login(UserFactory(role=(Role.Kind.EVALUATOR, region)))

    html = client.get("/sv/staff/settings/").content.decode()

    assert "ትግርኛ" in html and "العربية" in html and "Soomaali" in html


def test_the_password_reset_e_mail_is_in_the_staff_members_language(client, settings, region):
    settings.SITE_URL = "https://equalcity.goteborgsregionen.se"
    user = UserFactory(email="amina@example.se", language="ar", role=(Role.Kind.EVALUATOR, region))

    client.post("/sv/accounts/password/reset/", {"email": "amina@example.se"})

    deliver_queued()
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert ARABIC.search(message.subject) and ARABIC.search(message.body)
    link = re.search(r"https://\S+", message.body).group(0)
    assert link.startswith("https://equalcity.goteborgsregionen.se/ar/accounts/password/reset/key/")
    assert "example.com" not in message.subject + message.body


@pytest.mark.parametrize("known", [True, False])
def test_a_password_reset_asked_for_on_a_tigrinya_page_names_our_site_not_example_com(
    client, settings, region, known
):
    settings.SITE_URL = "https://equalcity.goteborgsregionen.se"
    if known:
        UserFactory(email="yonas@example.se", language="ti", role=(Role.Kind.EVALUATOR, region))

    client.post("/ti/accounts/password/reset/", {"email": "yonas@example.se"})

    deliver_queued()
    (message,) = mail.outbox
    text = message.subject + "\n" + message.body
    assert "example.com" not in text
    assert "equalcity.goteborgsregionen.se" in message.body
    assert "Equalcity" in text, "the site's name from settings"
    assert ETHIOPIC.search(message.subject) and ETHIOPIC.search(message.body)
    assert not SWEDISH_WORDS.search(text), "nothing Swedish in a Tigrinya e-mail"


def test_staff_are_told_in_their_language_when_their_password_changes(client, region):
    user = UserFactory(language="ti", role=(Role.Kind.EVALUATOR, region))
    client.force_login(user)

    response = client.post(
        "/sv/accounts/password/change/",
        {
            "oldpassword": "correct-horse-battery",
            "password1": "ny-lösen-2031-kaffe",
            "password2": "ny-lösen-2031-kaffe",
        },
    )

    assert response.status_code == 302
    deliver_queued()
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert ETHIOPIC.search(message.subject) and ETHIOPIC.search(message.body)
    assert "127.0.0.1" in message.body, "where the change came from"
    assert "example.com" not in message.subject + message.body


def test_e_mail_addresses_are_not_managed_through_allauths_pages(client, region):
    client.force_login(UserFactory(role=(Role.Kind.EVALUATOR, region)))

    assert client.get("/sv/accounts/email/").status_code == 404
    assert client.get("/sv/accounts/confirm-email/abc/").status_code == 404


@pytest.fixture
def day_in_three_languages(region, goteborg):
    date = timezone.localdate() + dt.timedelta(days=30)
    return TrainingDay.objects.create(
        organiser=region,
        title="Att arbeta med tolk",
        title_ar="العمل مع المترجم",
        title_ti="ምስ ተርጓሚ ምስራሕ",
        date=date,
        starts_at=dt.time(9),
        ends_at=dt.time(16),
        venue=VenueFactory(municipality=goteborg),
        registration_deadline=date - dt.timedelta(days=7),
        status=TrainingDay.Status.OPEN,
    )


def document_links(html, pattern):
    return re.findall(pattern, html)


def test_training_day_documents_are_offered_in_the_readers_language_first(
    client, molndal, day_in_three_languages
):
    day = day_in_three_languages
    client.force_login(UserFactory(language="ti", role=(Role.Kind.MUNICIPAL_STAFF, molndal)))

    for url in (reverse("trainings:documents"), reverse("trainings:detail", args=[day.pk])):
        html = client.get(url).content.decode()
        offered = re.findall(rf"/staff/trainings/{day.pk}/invitation-([a-z-]+)\.pdf", html)
        assert offered == ["ti", "sv", "ar"], url
        assert "ትግርኛ" in html, "each language named in its own words"


def test_cluster_minutes_are_offered_in_the_readers_language_and_in_swedish(
    client, molndal, region, goteborg
):
    meeting = ClusterMeeting.objects.create(
        date=timezone.localdate() - dt.timedelta(days=5),
        starts_at=dt.time(13),
        ends_at=dt.time(16),
        venue=VenueFactory(municipality=goteborg),
        status=ClusterMeeting.Status.HELD,
        minutes_sv="Samverkan.",
        minutes_ar="التعاون.",
    )
    meeting.municipalities.set([molndal])
    client.force_login(UserFactory(language="ar", role=(Role.Kind.MUNICIPAL_COORDINATOR, molndal)))

    for url in (reverse("trainings:documents"), reverse("trainings:clusters")):
        html = client.get(url).content.decode()
        offered = re.findall(rf"/staff/clusters/{meeting.pk}/minutes-([a-z-]+)\.pdf", html)
        assert offered == ["ar", "sv"], url
