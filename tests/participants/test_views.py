import re

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from equalcity.models import Role
from participants.models import Registration
from participants.selectors.registrations import registration_token
from participants.services import registration_create
from tests.factories import UserFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db
ETHIOPIC = re.compile(r"[\u1200-\u137F]")


def url(name, language="sv", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def post_data(goteborg, **overrides):
    data = {
        "first_name": "ዮናስ",
        "last_name": "ተስፋይ",
        "phone": "070-123 45 67",
        "email": "",
        "municipality": goteborg.pk,
        "children_0_5": "1",
        "children_6_12": "1",
        "children_13_17": "0",
        "channel": "sms",
        "language": "ti",
        "referral": "friends",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_parent_registers_in_tigrinya_and_gets_a_personal_page(client, open_course, goteborg):
    form = client.get(url("participants:register", "ti", pk=open_course.pk))
    assert form.status_code == 200
    assert ETHIOPIC.search(form.content.decode())

    response = client.post(
        url("participants:register", "ti", pk=open_course.pk), post_data(goteborg)
    )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/ti/r/") and response["Location"].endswith("?new=1")
    assert (registration.phone, registration.language, registration.status) == (
        "+46701234567",
        "ti",
        "confirmed",
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    assert '<html lang="ti" dir="ltr">' in html
    assert ETHIOPIC.search(re.search(r"<h1>(.*?)</h1>", html).group(1))
    assert html.count('class="meetings"') == 1 and html.count("<li") >= 7


def test_the_personal_link_gives_the_meetings_as_a_calendar(client, open_course, goteborg):
    registration = registration_create(course_id=open_course.pk, municipality=goteborg, **parent())

    response = client.get(url("participants:calendar", token=registration_token(registration)))

    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    meetings = list(open_course.meetings.order_by("number"))
    assert [event.decoded("dtstart") for event in events] == [m.starts_at for m in meetings]
    assert len({str(event["uid"]) for event in events}) == 7


def test_cancelling_through_the_personal_link_offers_the_seat_to_the_next_in_line(
    client, open_course, goteborg
):
    open_course.capacity = 1
    open_course.save()
    seated = registration_create(course_id=open_course.pk, municipality=goteborg, **parent())
    waiting = registration_create(
        course_id=open_course.pk, municipality=goteborg, **parent(phone="+46709999999")
    )
    token = registration_token(seated)

    confirm = client.get(url("participants:cancel", "ar", token=token))
    assert confirm.status_code == 200
    done = client.post(url("participants:cancel", "ar", token=token))

    assert done.status_code == 302
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.status, waiting.status) == ("cancelled", "offered")


def test_a_tampered_link_finds_nothing(client, open_course, goteborg):
    registration = registration_create(course_id=open_course.pk, municipality=goteborg, **parent())
    token = registration_token(registration)

    assert client.get(url("participants:registration", token=token[:-2] + "xx")).status_code == 404
    registration.link_token = "a-new-secret-0000"
    registration.save()
    assert client.get(url("participants:registration", token=token)).status_code == 404


@pytest.mark.parametrize("token", ["\x00", "abc\x00def", "%00", "\u202e", "x" * 41, "a b"])
@pytest.mark.parametrize(
    "page",
    ["participants:registration", "participants:calendar", "participants:cancel", "short_link"],
)
def test_a_personal_link_with_junk_in_it_finds_nothing(client, open_course, goteborg, page, token):
    registration_create(course_id=open_course.pk, municipality=goteborg, **parent())

    # (the short link's 404 is first sent on to the same path under the language prefix)
    response = client.get(reverse(page, kwargs={"token": token}), follow=True)

    assert response.status_code == 404


def test_links_sent_before_the_token_column_still_open(client, open_course, goteborg):
    """Links in SMS sent before migration 0004 carry a base-36 id, a dot and an HMAC."""
    registration = registration_create(course_id=open_course.pk, municipality=goteborg, **parent())
    registration.link_token = "1a.Zm9vYmFyYmF6cXV4_-AB"
    registration.save()

    response = client.get(url("participants:registration", token=registration.link_token))

    assert response.status_code == 200


def test_errors_are_listed_at_the_top_and_linked_to_their_fields(client, open_course, goteborg):
    response = client.post(
        url("participants:register", "ar", pk=open_course.pk),
        post_data(goteborg, phone="12", first_name=""),
    )

    html = response.content.decode()
    assert response.status_code == 200
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'href="#id_phone"' in summary and 'href="#id_first_name"' in summary
    assert re.search(
        r'id="id_phone"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="id_phone"', html
    )
    assert Registration.objects.count() == 0


def test_too_many_registrations_from_one_client_are_slowed_down(
    client, settings, open_course, goteborg
):
    settings.REGISTRATION_RATE_LIMIT = "2/m"
    for number in range(2):
        client.post(
            url("participants:register", pk=open_course.pk),
            post_data(goteborg, phone=f"+4670111000{number}"),
        )

    blocked = client.post(
        url("participants:register", "so", pk=open_course.pk),
        post_data(goteborg, phone="+46701110009"),
    )

    assert blocked.status_code == 429
    assert Registration.objects.count() == 2


def test_the_course_page_tells_the_queue_place_a_parent_would_get(client, open_course, goteborg):
    open_course.capacity = 1
    open_course.save()
    for number in range(3):
        registration_create(
            course_id=open_course.pk, municipality=goteborg, **parent(phone=f"+4670222000{number}")
        )

    html = client.get(url("participants:course", "en", pk=open_course.pk)).content.decode()

    assert "number 3 on the waiting list" in html


def test_staff_register_a_parent_on_their_behalf_in_the_parents_language(
    client, goteborg_coordinator, open_course, goteborg
):
    client.force_login(goteborg_coordinator)

    response = client.post(
        url("participants:staff_register", pk=open_course.pk),
        post_data(goteborg, first_name="Hodan", last_name="Cali", language="so"),
    )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.registered_by, registration.language) == (goteborg_coordinator, "so")


def test_only_staff_responsible_for_the_course_see_its_participants(
    client, open_course, goteborg, molndal_coordinator, evaluator, integrationscentrum
):
    registration_create(course_id=open_course.pk, municipality=goteborg, **parent())
    list_url = url("participants:staff_list", pk=open_course.pk)
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    other_leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    open_course.leaders.add(leader)

    for user, status in [
        (molndal_coordinator, 404),
        (evaluator, 404),
        (other_leader, 404),
        (leader, 200),
    ]:
        client.force_login(user)
        response = client.get(list_url)
        assert response.status_code == status, user
        assert ("+46701234567" in response.content.decode()) == (status == 200)


def test_a_registration_without_the_csrf_token_is_refused(open_course, goteborg):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url("participants:register", pk=open_course.pk), post_data(goteborg))

    assert response.status_code == 403
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"first_name": "ሀ" * 100_000},
        {"phone": "0" * 50_000},
        {"municipality": "1\x00"},
        {"municipality": "'; DROP TABLE participants_registration; --"},
        {"children_0_5": "9" * 400},
        {"language": "xx"},
        {"channel": "fax"},
        {"first_name": "\u202e\u200f\u2066"},
        {"referral": "x" * 1000},
    ],
)
def test_hostile_posts_get_the_form_back_with_errors_never_a_server_error(
    client, open_course, goteborg, overrides
):
    response = client.post(
        url("participants:register", "ti", pk=open_course.pk), post_data(goteborg, **overrides)
    )

    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert Registration.objects.count() == 0


def test_a_parent_turns_reminders_off_and_on_from_the_personal_link(client, open_course, goteborg):
    registration = registration_create(course_id=open_course.pk, municipality=goteborg, **parent())
    token = registration_token(registration)

    client.post(url("participants:reminders", "so", token=token), {"reminders": "off"})
    registration.refresh_from_db()
    assert registration.reminders is False
    page = client.get(url("participants:registration", "so", token=token)).content.decode()
    assert 'name="reminders" value="on"' in page

    client.post(url("participants:reminders", "so", token=token), {"reminders": "on"})
    registration.refresh_from_db()
    assert registration.reminders is True


def test_the_short_link_in_an_sms_opens_the_page_in_the_parents_language(
    client, open_course, goteborg
):
    registration = registration_create(
        course_id=open_course.pk, municipality=goteborg, **parent(language="fa-af")
    )

    response = client.get(f"/r/{registration_token(registration)}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/fa-af/r/")


def test_a_coordinator_on_the_phone_reads_the_privacy_text_in_the_parents_language(
    client, open_course, goteborg_coordinator
):
    client.force_login(goteborg_coordinator)
    url = reverse("participants:staff_register", kwargs={"pk": open_course.pk})
    page = client.get(url)
    html = page.content.decode()

    assert '<div lang="ar" dir="rtl" class="read-aloud__text">' in html
    with translation.override("ar"):
        from django.utils.translation import gettext

        arabic = gettext("We never ask for your personal identity number.")
    assert arabic in html
    form = page.context["form"]
    with translation.override("en"):
        assert str(form.fields["municipality"].label) == (
            "Which municipality does the parent live in?"
        )

    open_course.status = "draft"
    open_course.save()
    closed = client.get(url)
    assert (
        closed.context["closed_reason"]
        and '<form method="post" novalidate>' not in closed.content.decode()
    )
