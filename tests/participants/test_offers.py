"""A freed seat is offered, not imposed: deadlines, answers, expiry, calls for staff."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Course, Meeting
from courses.services import course_dates_refresh
from equalcity.models import Message
from participants.models import Registration
from participants.offers import offer_accept, offer_decline, offers_expire
from participants.services import registration_cancel, registration_create
from tests.factories import CourseFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db


def register(course, municipality, number, **overrides):
    return registration_create(
        course_id=course.pk,
        municipality=municipality,
        **parent(phone=f"+4670123{number:04d}", needs_childcare=False, **overrides),
    )


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def fresh(registration):
    return Registration.objects.get(pk=registration.pk)


@pytest.fixture
def full_course(open_course, goteborg):
    """One seat, taken; two people waiting."""
    open_course.capacity = 1
    open_course.save()
    seated, first, second = (register(open_course, goteborg, n) for n in range(3))
    return open_course, seated, first, second


def test_the_offer_lasts_offer_hours_and_holds_the_seat(full_course, settings, goteborg):
    settings.OFFER_HOURS = 48
    course, seated, first, second = full_course
    before = timezone.now()

    registration_cancel(registration_id=seated.pk)

    first = fresh(first)
    assert first.status == "offered"
    assert before + dt.timedelta(hours=48) <= first.offer_expires_at
    assert first.offer_expires_at <= timezone.now() + dt.timedelta(hours=48)
    # The held seat counts as taken: a new parent joins the queue behind the second.
    latecomer = register(course, goteborg, 9)
    assert latecomer.status == "waitlisted"
    assert fresh(second).status == "waitlisted"


def test_the_deadline_never_passes_the_first_meeting(full_course, settings):
    settings.OFFER_HOURS = 48
    course, seated, first, _second = full_course
    starts = timezone.now() + dt.timedelta(hours=5)
    Meeting.objects.filter(course=course, number=1).update(
        starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    course_dates_refresh(course=course)

    registration_cancel(registration_id=seated.pk)

    assert fresh(first).offer_expires_at == starts


def test_accepting_confirms_the_seat_and_sends_the_usual_confirmation(full_course):
    _course, seated, first, _second = full_course
    registration_cancel(registration_id=seated.pk)

    outcome = offer_accept(registration_id=first.pk, source="link")

    first = fresh(first)
    assert (outcome.answer, first.status, first.offer_answered_via) == (
        "accepted",
        "confirmed",
        "link",
    )
    assert first.promoted_at is not None
    confirmation = Message.objects.get(recipient_id=first.pk, kind="registration_promoted")
    assert first.link_token in confirmation.body
    # A second tap (or a late "1" by SMS) changes nothing and sends nothing; nor does a "2".
    again = offer_accept(registration_id=first.pk, source="sms")
    assert (again.answer, again.changed) == ("accepted", False)
    too_late = offer_decline(registration_id=first.pk, source="sms")
    assert (too_late.answer, too_late.changed, fresh(first).status) == (
        "accepted",
        False,
        "confirmed",
    )
    assert Message.objects.filter(recipient_id=first.pk).count() == 3


def test_declining_passes_the_seat_to_the_next_in_line_at_once(full_course):
    _course, seated, first, second = full_course
    registration_cancel(registration_id=seated.pk)

    before = timezone.now()
    outcome = offer_decline(registration_id=first.pk, source="sms")

    assert [r.pk for r in outcome.offered] == [second.pk]
    first = fresh(first)
    assert (first.status, first.offer_answer, first.offer_answered_via) == (
        "cancelled",
        "declined",
        "sms",
    )
    assert before <= first.cancelled_at <= timezone.now()  # the staff list shows the date
    assert fresh(second).status == "offered"
    assert Message.objects.filter(recipient_id=second.pk, kind="seat_offered").exists()
    # Saying yes after saying no does not take the seat back.
    assert offer_accept(registration_id=first.pk, source="link").answer == "declined"
    assert fresh(second).status == "offered"


def test_the_next_parents_hours_start_the_moment_the_seat_was_declined(full_course, settings):
    """One moment for both: the declined offer ends, and the next parent's offer_hours begin."""
    settings.OFFER_HOURS = 48
    _course, seated, first, second = full_course
    registration_cancel(registration_id=seated.pk)

    offer_decline(registration_id=first.pk, source="link")

    declined_at = fresh(first).cancelled_at
    assert fresh(second).offer_expires_at == declined_at + dt.timedelta(hours=48)


def test_an_answer_after_the_deadline_is_too_late(full_course, monkeypatch):
    _course, seated, first, second = full_course
    registration_cancel(registration_id=seated.pk)
    late = fresh(first).offer_expires_at + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: late)

    outcome = offer_accept(registration_id=first.pk, source="sms")

    assert outcome.answer == "expired"
    assert (fresh(first).status, fresh(second).status) == ("cancelled", "offered")
    # Ended by the deadline, not answered: as the planner's sweep would have recorded it.
    assert (fresh(first).offer_answered_via, fresh(first).cancelled_at) == ("", late)


def test_at_the_deadline_itself_the_offer_has_ended(full_course, monkeypatch):
    _course, seated, first, second = full_course
    registration_cancel(registration_id=seated.pk)
    deadline = fresh(first).offer_expires_at
    monkeypatch.setattr(timezone, "now", lambda: deadline)

    assert offer_accept(registration_id=first.pk, source="link").answer == "expired"
    assert (fresh(first).status, fresh(second).status) == ("cancelled", "offered")


def test_the_planner_sweeps_expired_offers_and_offers_the_seats_again(full_course):
    course, seated, first, second = full_course
    registration_cancel(registration_id=seated.pk)
    deadline = fresh(first).offer_expires_at

    assert offers_expire(now=deadline - dt.timedelta(seconds=1)) == {"expired": 0, "offered": 0}
    assert offers_expire(now=deadline) == {"expired": 1, "offered": 1}

    assert (fresh(first).status, fresh(first).offer_answer) == ("cancelled", "expired")
    assert fresh(first).cancelled_at == deadline
    assert fresh(second).status == "offered"
    course.refresh_from_db()
    assert course.status == Course.Status.FULL
    # Nobody is offered the same seat twice: the next sweep finds the new offer still open.
    assert offers_expire(now=deadline) == {"expired": 0, "offered": 0}


def _course_with_open_offers(goteborg, integrationscentrum, seats, prefix):
    course = CourseFactory(municipality=goteborg, organiser=integrationscentrum, capacity=seats)
    seated = [register(course, goteborg, prefix + n) for n in range(seats)]
    [register(course, goteborg, prefix + 100 + n) for n in range(2 * seats)]
    for registration in seated:
        registration_cancel(registration_id=registration.pk)
    return course


def test_the_sweep_asks_the_same_queries_for_one_offer_or_many(goteborg, integrationscentrum):
    _course_with_open_offers(goteborg, integrationscentrum, 1, 0)
    later = timezone.now() + dt.timedelta(days=3)
    with CaptureQueriesContext(connection) as one:
        assert offers_expire(now=later) == {"expired": 1, "offered": 1}
    _course_with_open_offers(goteborg, integrationscentrum, 6, 1000)
    with CaptureQueriesContext(connection) as six:
        # The first course's new offer, made at `later`, is still open.
        assert offers_expire(now=later) == {"expired": 6, "offered": 6}

    assert len(six) == len(one)


def test_a_parent_registered_on_the_phone_without_a_confirmed_mobile_gets_a_call(
    open_course, goteborg, goteborg_coordinator, client
):
    open_course.capacity = 1
    open_course.save()
    seated = register(open_course, goteborg, 0)
    by_phone = registration_create(
        course_id=open_course.pk,
        municipality=goteborg,
        registered_by=goteborg_coordinator,
        **parent(phone="031-367 91 64", first_name="Saba", needs_childcare=False),
    )

    registration_cancel(registration_id=seated.pk)

    assert fresh(by_phone).status == "offered"
    assert not Message.objects.filter(kind="seat_offered").exists()
    client.force_login(goteborg_coordinator)
    page = client.get(reverse("participants:staff_list", args=[open_course.pk])).content.decode()
    calls = page.split('class="call-tasks"')[1].split("</section>")[0]
    assert 'href="tel:+46313679164"' in calls and "Saba" in calls
    deadline = timezone.localtime(fresh(by_phone).offer_expires_at)
    assert f"{deadline:%H:%M}" in page


def test_a_staff_registered_parent_whose_mobile_took_a_message_gets_the_offer_by_sms(
    open_course, goteborg, goteborg_coordinator
):
    open_course.capacity = 1
    open_course.save()
    seated = register(open_course, goteborg, 0)
    by_phone = registration_create(
        course_id=open_course.pk,
        municipality=goteborg,
        registered_by=goteborg_coordinator,
        **parent(phone="+46701112233", needs_childcare=False),
    )
    Message.objects.filter(recipient_id=by_phone.pk).update(status=Message.Status.DELIVERED)

    registration_cancel(registration_id=seated.pk)

    offer = Message.objects.get(kind="seat_offered")
    assert (offer.recipient_id, offer.channel, offer.to_address) == (
        by_phone.pk,
        "sms",
        "+46701112233",
    )


def test_staff_see_offers_with_deadlines_and_record_an_answer_given_on_the_phone(
    full_course, goteborg_coordinator, client
):
    course, seated, first, _second = full_course
    registration_cancel(registration_id=seated.pk)
    client.force_login(goteborg_coordinator)
    url = reverse("participants:staff_list", args=[course.pk])

    page = client.get(url).content.decode()
    deadline = timezone.localtime(fresh(first).offer_expires_at)
    assert f"{deadline:%H:%M}" in page and "Call them" not in page

    answer = reverse("participants:staff_offer", args=[course.pk, first.pk])
    client.post(answer, {"answer": "accept"})

    first = fresh(first)
    assert (first.status, first.offer_answered_via) == ("confirmed", "staff")


def test_staff_of_another_municipality_cannot_answer_an_offer(
    full_course, molndal_coordinator, client
):
    course, seated, first, _second = full_course
    registration_cancel(registration_id=seated.pk)
    client.force_login(molndal_coordinator)

    response = client.post(
        reverse("participants:staff_offer", args=[course.pk, first.pk]), {"answer": "accept"}
    )

    assert response.status_code == 404
    assert fresh(first).status == "offered"


def test_the_parent_answers_on_the_personal_page_in_their_language(full_course, client):
    _course, seated, first, second = full_course
    registration_cancel(registration_id=seated.pk)
    offer = url("participants:offer", "ti", token=first.link_token)

    shown = client.get(offer)
    page = shown.content.decode()
    assert shown.status_code == 200
    assert 'name="answer" value="accept"' in page and 'name="answer" value="decline"' in page
    assert any("\u1200" <= char <= "\u137f" for char in page)  # Ethiopic script

    client.post(offer, {"answer": "decline"})

    assert fresh(first).status == "cancelled"
    assert fresh(second).status == "offered"
    page = client.get(url("participants:registration", "ti", token=first.link_token)).content
    assert b'value="accept"' not in page
    # The offer page of an answered offer leads back to the personal page.
    assert client.get(offer).status_code == 302


def test_after_an_expired_offer_the_page_says_so_kindly(full_course, client):
    _course, seated, first, _second = full_course
    registration_cancel(registration_id=seated.pk)
    offers_expire(now=fresh(first).offer_expires_at)

    page = client.get(url("participants:registration", "en", token=first.link_token))
    assert b"did not get your answer in time" in page.content
    assert b'value="accept"' not in page.content


def test_a_sweep_offers_each_course_its_own_next_in_line_and_a_begun_course_nobody(
    goteborg, integrationscentrum
):
    """One sweep over three courses whose offers ran out: two still ahead, one that begins just
    as the sweep runs. Its seat is offered to nobody: there is no time left to answer."""
    begins = timezone.now() + dt.timedelta(hours=72)
    courses, waiting = [], []
    for n in range(3):
        course = CourseFactory(municipality=goteborg, organiser=integrationscentrum, capacity=1)
        seated, first, second = (register(course, goteborg, 10 * n + k) for k in range(3))
        if n == 2:
            Meeting.objects.filter(course=course, number=1).update(
                starts_at=begins, ends_at=begins + dt.timedelta(hours=2)
            )
            course_dates_refresh(course=course)
        registration_cancel(registration_id=seated.pk)
        assert fresh(first).offer_expires_at < begins
        courses.append(course)
        waiting.append(second)

    assert offers_expire(now=begins) == {"expired": 3, "offered": 2}

    assert [fresh(second).status for second in waiting] == ["offered", "offered", "waitlisted"]
    assert fresh(waiting[0]).offer_expires_at == begins + dt.timedelta(hours=48)


def test_declining_with_nobody_waiting_thanks_the_parent_and_frees_the_seat(
    open_course, goteborg, client
):
    open_course.capacity = 1
    open_course.save()
    seated, first = (register(open_course, goteborg, n) for n in range(2))
    registration_cancel(registration_id=seated.pk)
    open_course.refresh_from_db()
    assert open_course.status == Course.Status.FULL

    page = client.post(
        url("participants:offer", "en", token=first.link_token), {"answer": "decline"}, follow=True
    )

    assert "Thank you for telling us. The seat goes to the next person in line." in (
        page.content.decode()
    )
    open_course.refresh_from_db()
    assert (open_course.status, open_course.seats_left) == (Course.Status.OPEN, 1)
    assert register(open_course, goteborg, 9).status == "confirmed"
