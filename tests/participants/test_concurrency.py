"""Fifty parents press "send" at the same moment on a course with ten seats (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from equalcity.capacity import with_waitlist_positions
from participants.models import Registration
from participants.services import registration_cancel, registration_create
from tests.participants.conftest import parent

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; CI runs this on PostgreSQL",
    ),
]


def test_fifty_concurrent_registrations_fill_ten_seats_and_queue_the_rest(open_course, goteborg):
    assert open_course.capacity == 10
    start = threading.Barrier(50)
    errors = []

    def sign_up(number):
        try:
            start.wait()
            registration_create(
                course_id=open_course.pk,
                municipality=goteborg,
                **parent(phone=f"+467012{number:05d}"),
            )
        except Exception as error:  # noqa: BLE001 - every failure is collected and asserted
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    registrations = Registration.objects.filter(course=open_course)
    assert registrations.filter(status="confirmed").count() == 10
    waiting = with_waitlist_positions(registrations).order_by("waitlist_position")
    assert [r.waitlist_position for r in waiting] == list(range(1, 41))
    # Arrival order: positions follow the order in which the queue was joined.
    assert [r.pk for r in waiting] == sorted(r.pk for r in waiting)

    seated = registrations.filter(status="confirmed").first()
    first_in_line = waiting[0]
    offered = registration_cancel(registration_id=seated.pk)

    # The freed seat is offered to the first in line, and held for them.
    assert [p.pk for p in offered] == [first_in_line.pk]
    assert registrations.filter(status="confirmed").count() == 9
    assert registrations.filter(status="offered").get().pk == first_in_line.pk
    assert [r.waitlist_position for r in with_waitlist_positions(registrations)] == list(
        range(1, 40)
    )


def test_two_planners_at_the_same_moment_create_each_reminder_once(open_course, goteborg):
    import datetime as dt

    from django.utils import timezone

    from courses.models import Meeting
    from equalcity.models import Message
    from participants.planning import plan_meeting_reminders

    starts = timezone.now() + dt.timedelta(hours=6)
    Meeting.objects.filter(course=open_course, number=1).update(
        starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    for number in range(8):
        registration_create(
            course_id=open_course.pk, municipality=goteborg, **parent(phone=f"+467055{number:05d}")
        )
    Message.objects.all().delete()
    start = threading.Barrier(2)
    created, errors = [], []

    def plan():
        try:
            start.wait()
            created.append(plan_meeting_reminders())
        except Exception as error:  # noqa: BLE001 - collected and asserted
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=plan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(created) == 8
    assert Message.objects.filter(kind="meeting_reminder").count() == 8
