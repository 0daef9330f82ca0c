"""A freed seat is offered, not imposed: the parent's answer, the planner's sweep, the message.

The seats themselves are counted in `equalcity.capacity`, on the locked course row. This module
tells the parent (SMS or e-mail in their language, through the outbox) or, for a parent whom
staff registered on the phone and whose mobile we cannot rely on, leaves a call for staff on
the course's participant page instead. The SMS reply handler calls `offer_accept` and
`offer_decline` for a reply to a message of kind "seat_offered".
"""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import cast

from django.db import transaction
from django.utils import timezone

from courses.models import Course
from courses.services import course_fill_refresh
from equalcity import capacity
from equalcity.models import Enrolment
from equalcity.outbox import messages_queue
from participants.messages import Event, event_drafts, next_meetings
from participants.models import Registration
from participants.notifications import registration_notify
from participants.selectors.registrations import offers_needing_a_call

Source = Registration.AnswerSource
SOURCES = frozenset(Source.values)


def offers_notify(offered: Sequence[Enrolment]) -> int:
    """Tell each parent offered a seat (or leave the call to staff): a fixed number of queries
    for any number of offers. Call inside the transaction that made the offers."""
    if not offered:
        return 0
    registrations = list(
        Registration.objects.filter(pk__in=[r.pk for r in offered]).select_related(
            "course__venue", "course__language"
        )
    )
    calls = offers_needing_a_call(registrations)
    meetings = next_meetings({r.course_id for r in registrations})
    drafts = []
    for registration in registrations:
        if registration.pk not in calls:
            drafts += event_drafts(
                registration, Event.OFFERED, meeting=meetings.get(registration.course_id)
            )
    return messages_queue(drafts)


def _answer(
    registration_id: int, source: str, answer: Callable[..., capacity.OfferOutcome]
) -> capacity.OfferOutcome:
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    course_id = Registration.objects.values_list("course_id", flat=True).get(pk=registration_id)
    course = Course.objects.select_for_update().get(pk=course_id)
    registration = Registration.objects.select_related("course").get(pk=registration_id)
    registration.course = course
    outcome = answer(enrolment=registration, source=source)
    if outcome.changed:
        course_fill_refresh(course=course)
    if outcome.answer == Registration.OfferAnswer.ACCEPTED and outcome.changed:
        registration_notify(registration=registration, event=Event.PROMOTED)
    offers_notify(outcome.offered)
    return outcome


@transaction.atomic
def offer_accept(*, registration_id: int, source: str) -> capacity.OfferOutcome:
    """The parent takes the seat offered to them (by SMS reply, on their page, or through
    staff). `outcome.answer` says how it ended: "accepted", or "expired" if the deadline had
    passed (the seat then goes to the next in line), or the earlier answer if there was one."""
    return _answer(registration_id, source, capacity.offer_accept)


@transaction.atomic
def offer_decline(*, registration_id: int, source: str) -> capacity.OfferOutcome:
    """The parent does not want the seat: it is offered to the next in line at once."""
    return _answer(registration_id, source, capacity.offer_decline)


def offers_expire(*, now: dt.datetime | None = None) -> capacity.SweepCounts:
    """The planner's sweep: offers past their deadline end, and their seats are offered to the
    next in line, in one transaction; queries grow with the courses touched, not the offers."""
    now = now or timezone.now()
    with transaction.atomic():
        sweep = capacity.offers_expire(model=Registration, now=now)
        for course in cast(list[Course], sweep.holders):  # a registration's seats are a course's
            course_fill_refresh(course=course)
        offers_notify(sweep.offered)
    return {"expired": len(sweep.expired), "offered": len(sweep.offered)}
