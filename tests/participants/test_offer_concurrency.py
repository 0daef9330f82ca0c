"""Seats offered, answered and expiring at the same moment never overfill a course (PostgreSQL).

Ten seats, thirty waiting: five parents cancel at once; then five accept their offers while
five planners sweep five other offers that have run out. A watcher counts the seats held
(confirmed or offered) all along.
"""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from equalcity.models import Message
from participants.models import Registration
from participants.offers import offer_accept, offers_expire
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
HOLDING = ("confirmed", "offered")


def race(jobs):
    """Run the jobs at the same moment, each in its own thread and connection."""
    start = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            start.wait()
            job()
        except Exception as error:  # noqa: BLE001 - every failure is collected and asserted
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


class Watcher:
    """Counts the seats held on the course, again and again, until stopped."""

    def __init__(self, course):
        self.course, self.most, self.stop = course, 0, threading.Event()
        self.thread = threading.Thread(target=self.watch)

    def watch(self):
        try:
            while not self.stop.is_set():
                held = Registration.objects.filter(course=self.course, status__in=HOLDING)
                self.most = max(self.most, held.count())
        finally:
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=30)


def test_cancellations_acceptances_and_expiries_at_once_never_overfill(open_course, goteborg):
    assert open_course.capacity == 10
    people = [
        registration_create(
            course_id=open_course.pk,
            municipality=goteborg,
            **parent(phone=f"+467013{n:05d}", needs_childcare=False),
        )
        for n in range(40)
    ]
    seated, queue = people[:10], people[10:]
    assert {p.status for p in seated} == {"confirmed"} and len(queue) == 30

    with Watcher(open_course) as first_race:
        race([lambda r=r: registration_cancel(registration_id=r.pk) for r in seated[:5]])
    offered = Registration.objects.filter(course=open_course, status="offered")
    assert sorted(offered.values_list("pk", flat=True)) == [r.pk for r in queue[:5]]

    # Five more seats were offered earlier, and those offers have run out.
    for registration in seated[5:]:
        registration_cancel(registration_id=registration.pk)
    Registration.objects.filter(pk__in=[r.pk for r in queue[5:10]]).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )

    with Watcher(open_course) as second_race:
        race(
            [lambda r=r: offer_accept(registration_id=r.pk, source="sms") for r in queue[:5]]
            + [offers_expire for _ in range(5)]
        )
    offers_expire()  # a sweeper that found the course locked tries again on the next run

    assert first_race.most <= 10 and second_race.most <= 10
    statuses = dict(Registration.objects.filter(course=open_course).values_list("pk", "status"))
    assert [statuses[r.pk] for r in queue[:5]] == ["confirmed"] * 5
    assert [statuses[r.pk] for r in queue[5:10]] == ["cancelled"] * 5
    assert [statuses[r.pk] for r in queue[10:15]] == ["offered"] * 5
    assert [statuses[r.pk] for r in queue[15:]] == ["waitlisted"] * 15
    assert sum(status in HOLDING for status in statuses.values()) == 10
    # Offers went in queue order, and nobody was offered a seat twice.
    ever_offered = Registration.objects.filter(course=open_course, offered_at__isnull=False)
    assert sorted(ever_offered.values_list("pk", flat=True)) == [r.pk for r in queue[:15]]
    offers = Message.objects.filter(kind="seat_offered").values_list("recipient_id", flat=True)
    assert sorted(offers) == [r.pk for r in queue[:15]]
