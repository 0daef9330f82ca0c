import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.models import Course, Meeting
from courses.services import course_save
from equalcity.capacity import waitlist_position
from participants.models import Registration
from participants.services import registration_cancel, registration_create
from tests.factories import CourseFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db


def register(course, municipality, number, **overrides):
    return registration_create(
        course_id=course.pk,
        municipality=municipality,
        **parent(phone=f"+4670123{number:04d}", **overrides),
    )


def test_seats_go_first_then_the_waiting_list_in_arrival_order(open_course, goteborg):
    open_course.capacity = 2
    open_course.save()

    people = [register(open_course, goteborg, n) for n in range(5)]

    assert [p.status for p in people] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
        "waitlisted",
    ]
    assert [waitlist_position(p) for p in people] == [None, None, 1, 2, 3]
    open_course.refresh_from_db()
    assert open_course.status == Course.Status.FULL


def test_cancelling_a_seat_offers_it_to_the_first_in_line_and_holds_it(open_course, goteborg):
    open_course.capacity = 1
    open_course.save()
    seated, first, second = (register(open_course, goteborg, n) for n in range(3))

    offered = registration_cancel(registration_id=seated.pk)

    assert [p.pk for p in offered] == [first.pk]
    first.refresh_from_db()
    second.refresh_from_db()
    # Offered, not imposed: the seat is held for them until they answer.
    assert first.status == "offered" and first.promoted_at is None
    assert first.offered_at is not None and first.offer_expires_at > timezone.now()
    assert waitlist_position(second) == 1
    open_course.refresh_from_db()
    assert (open_course.seats_left, open_course.status) == (0, Course.Status.FULL)
    # Cancelling again changes nothing and offers nothing more.
    assert registration_cancel(registration_id=seated.pk) == []
    assert Registration.objects.filter(status__in=["confirmed", "offered"]).count() == 1


def test_a_cancelled_queue_place_frees_no_seat(open_course, goteborg):
    open_course.capacity = 1
    open_course.save()
    register(open_course, goteborg, 0)
    waiting = register(open_course, goteborg, 1)
    last = register(open_course, goteborg, 2)

    assert registration_cancel(registration_id=waiting.pk) == []
    last.refresh_from_db()
    assert (last.status, waitlist_position(last)) == ("waitlisted", 1)


def test_raising_the_capacity_offers_the_new_seats_to_the_waiting_list(open_course, goteborg):
    open_course.capacity = 1
    open_course.save()
    people = [register(open_course, goteborg, n) for n in range(4)]

    open_course.capacity = 3
    course_save(course=open_course)

    statuses = [Registration.objects.get(pk=p.pk).status for p in people]
    assert statuses == ["confirmed", "offered", "offered", "waitlisted"]
    assert Registration.objects.filter(offered_at__isnull=False).count() == 2
    open_course.refresh_from_db()
    assert open_course.status == Course.Status.FULL


def test_the_same_phone_cannot_take_two_places_on_a_course(open_course, goteborg):
    register(open_course, goteborg, 7)

    with pytest.raises(ValidationError) as refused:
        register(open_course, goteborg, 7, first_name="Someone")

    assert "phone" in refused.value.error_dict
    assert Registration.objects.count() == 1


def test_after_cancelling_the_same_phone_may_register_again(open_course, goteborg):
    first = register(open_course, goteborg, 7)
    registration_cancel(registration_id=first.pk)

    again = register(open_course, goteborg, 7)

    assert again.status == "confirmed"


def test_registration_closes_when_the_period_ends(open_course, goteborg):
    open_course.registration_closes = timezone.localdate() - dt.timedelta(days=1)
    open_course.registration_opens = open_course.registration_closes - dt.timedelta(days=10)
    open_course.save()

    with pytest.raises(ValidationError, match="closed|stängt"):
        register(open_course, goteborg, 1)


def test_registration_closes_when_the_course_starts(open_course, goteborg):
    Meeting.objects.filter(course=open_course, number=1).update(
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(hours=1),
    )

    with pytest.raises(ValidationError):
        register(open_course, goteborg, 1)


def test_drafts_take_no_registrations(open_course, goteborg):
    open_course.status = Course.Status.DRAFT
    open_course.save()

    with pytest.raises(ValidationError):
        register(open_course, goteborg, 1)


def test_a_local_course_is_for_residents_of_its_municipality(open_course, goteborg, molndal):
    open_course.eligibility = Course.Eligibility.MUNICIPALITY
    open_course.save()

    with pytest.raises(ValidationError) as refused:
        register(open_course, molndal, 1)
    assert "municipality" in refused.value.error_dict
    assert register(open_course, goteborg, 2).status == "confirmed"


def test_a_note_is_kept_only_with_consent(open_course, goteborg):
    without = register(open_course, goteborg, 1, needs_note="Astma")
    with_consent = register(open_course, goteborg, 2, needs_note="Astma", needs_note_consent=True)

    assert without.needs_note == ""
    assert (with_consent.needs_note, with_consent.needs_note_consent) == ("Astma", True)


def test_each_course_keeps_its_own_seats_and_waiting_list(
    open_course, goteborg, integrationscentrum
):
    """Another course's parents never take a seat, a queue place or a promotion here."""
    from equalcity.capacity import with_waitlist_positions

    other = CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        capacity=1,
        registration_opens=open_course.registration_opens,
        registration_closes=open_course.registration_closes,
        first_date=open_course.first_date,
    )
    open_course.capacity = 1
    open_course.save()
    there = [
        registration_create(
            course_id=other.pk, municipality=goteborg, **parent(phone=f"+4670555{n:04d}")
        )
        for n in range(3)
    ]
    seated, waiting = (register(open_course, goteborg, n) for n in range(2))

    assert (seated.status, waiting.status) == ("confirmed", "waitlisted")
    assert waitlist_position(waiting) == 1
    queue = with_waitlist_positions(other.registrations.all())
    assert [(p.pk, p.waitlist_position) for p in queue] == [(there[1].pk, 1), (there[2].pk, 2)]
    open_course.refresh_from_db()
    assert (open_course.confirmed_count, open_course.waiting_count) == (1, 1)

    assert [p.pk for p in registration_cancel(registration_id=seated.pk)] == [waiting.pk]
    assert [p.status for p in Registration.objects.filter(course=other).order_by("pk")] == [
        p.status for p in there
    ]
    open_course.refresh_from_db()
    assert (open_course.confirmed_count, open_course.waiting_count) == (1, 0)


def test_parents_who_join_the_queue_in_the_same_instant_keep_their_arrival_order(
    open_course, goteborg, monkeypatch
):
    open_course.capacity = 1
    open_course.save()
    instant = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: instant)  # a clock that ticks coarsely

    people = [register(open_course, goteborg, n) for n in range(3)]

    assert [waitlist_position(p) for p in people] == [None, 1, 2]
