"""Seats, offers and waiting lists, for every kind of enrolment (courses, training days).

The caller locks the row that holds the capacity (`select_for_update()` inside `atomic()`), so
concurrent sign-ups are serialised on it: counting the seats taken and adding one can never
interleave, and arrival order is the order in which the lock was obtained.

A seat that frees up is offered, not imposed: the next in line is `offered` a seat that is held
for them (it counts as taken) until they accept, decline, or let the offer's deadline pass;
then it is offered to the next in line at once. Offers go in queue order, one per person: an
offer that is declined or expires ends the enrolment, so nobody is offered the same seat twice.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict, TypeVar, cast

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    Model,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from equalcity.models import Enrolment
from equalcity.models.enrolment import Holder

Status = Enrolment.Status
Answer = Enrolment.OfferAnswer
#: The statuses that hold a seat: a confirmed one, and one offered and not yet answered.
HOLDING = (Status.CONFIRMED, Status.OFFERED)
#: One concrete kind of enrolment (Registration, StaffRegistration): what goes in comes out.
E = TypeVar("E", bound=Enrolment)


@dataclass(frozen=True)
class Pool:
    """A limit and the enrolments that hold a seat in it (confirmed or offered)."""

    limit: int
    taken: QuerySet[Enrolment]

    def has_room(self) -> bool:
        return self.taken.count() < self.limit


def default_pools(enrolment: Enrolment) -> list[Pool]:
    model = type(enrolment)
    holder = enrolment.holder
    return [
        Pool(
            limit=holder.capacity,
            taken=model.objects.filter(**{enrolment.holder_field: holder}, status__in=HOLDING),
        )
    ]


def _pools(enrolment: Enrolment) -> list[Pool]:
    custom = getattr(enrolment, "capacity_pools", None)
    pools: list[Pool] = custom() if custom else default_pools(enrolment)
    return pools


def _assert_locked() -> None:
    assert transaction.get_connection().in_atomic_block, "lock the holder first"


def seat_take(*, enrolment: E) -> E:
    """Give the (unsaved) enrolment a seat if every pool has room, else a place in the queue.

    Call with the holder row locked.
    """
    now = timezone.now()
    if all(pool.has_room() for pool in _pools(enrolment)):
        enrolment.status = Status.CONFIRMED
    else:
        enrolment.status = Status.WAITLISTED
        enrolment.waitlisted_at = now
    return enrolment


def offer_deadline(
    *, model: type[Enrolment], holder: Holder, now: dt.datetime
) -> dt.datetime | None:
    """OFFER_HOURS from now, never past the holder's first meeting; None when that leaves no
    time at all (the course has begun), and then nobody is offered a seat."""
    deadline = now + dt.timedelta(hours=settings.OFFER_HOURS)
    starts = model.holder_starts(holder)
    if starts is not None:
        deadline = min(deadline, starts)
    return deadline if deadline > now else None


def offers_make(
    *, holders: Sequence[Holder], model: type[E], now: dt.datetime | None = None
) -> list[E]:
    """Offer every free seat of the holders (all locked) to the next in line, in queue order.

    A fixed number of queries whatever the number of holders and offers, for models whose only
    limit is the holder's capacity; a model with its own pools (a municipality's seats on a
    training day) is served one person at a time, where someone whose own pool is full does not
    block the next in line. Returns the new offers, in queue order.
    """
    _assert_locked()
    now = now or timezone.now()
    deadlines: dict[int, dt.datetime] = {}
    for holder in holders:
        deadline = offer_deadline(model=model, holder=holder, now=now)
        if deadline is not None:
            deadlines[holder.pk] = deadline
    if not deadlines:
        return []
    if hasattr(model, "capacity_pools"):
        return [
            offer
            for holder in holders
            if holder.pk in deadlines
            for offer in _offer_one_by_one(holder, model, now, deadlines[holder.pk])
        ]
    holder_id = f"{model.holder_field}_id"
    taken = dict(
        model.objects.filter(**{f"{holder_id}__in": list(deadlines)}, status__in=HOLDING)
        .order_by()
        .values(holder_id)
        .annotate(n=Count("pk"))
        .values_list(holder_id, "n")
    )
    free = {
        holder.pk: holder.capacity - taken.get(holder.pk, 0)
        for holder in holders
        if holder.pk in deadlines and holder.capacity > taken.get(holder.pk, 0)
    }
    if not free:
        return []
    ranked = with_waitlist_positions(
        model.objects.filter(**{f"{holder_id}__in": list(free)})
    ).filter(waitlist_position__lte=max(free.values()))
    chosen = [
        enrolment
        for enrolment in ranked.order_by(holder_id, "waitlist_position")
        # Annotated by the query, so never None here.
        if cast(int, enrolment.waitlist_position) <= free[getattr(enrolment, holder_id)]
    ]
    if not chosen:
        return []
    model.objects.filter(pk__in=[enrolment.pk for enrolment in chosen]).update(
        status=Status.OFFERED,
        offered_at=now,
        offer_expires_at=Case(
            *(When(**{holder_id: pk}, then=Value(deadline)) for pk, deadline in deadlines.items()),
            output_field=DateTimeField(),
        ),
    )
    for enrolment in chosen:
        enrolment.status = Status.OFFERED
        enrolment.offered_at = now
        enrolment.offer_expires_at = deadlines[getattr(enrolment, holder_id)]
    return chosen


def _offer_one_by_one(
    holder: Holder, model: type[E], now: dt.datetime, deadline: dt.datetime
) -> list[E]:
    waiting = model.objects.filter(
        **{model.holder_field: holder}, status=Status.WAITLISTED
    ).order_by("waitlisted_at", "pk")
    offered: list[E] = []
    for enrolment in waiting:
        if not default_pools(enrolment)[0].has_room():
            break
        if all(pool.has_room() for pool in _pools(enrolment)):
            enrolment.status = Status.OFFERED
            enrolment.offered_at = now
            enrolment.offer_expires_at = deadline
            enrolment.save(update_fields=["status", "offered_at", "offer_expires_at"])
            offered.append(enrolment)
    return offered


def waitlist_offer(*, holder: Holder, model: type[E]) -> list[E]:
    """Offer the holder's free seats to its waiting list (after its capacity was raised, say).

    Call with the holder row locked."""
    return offers_make(holders=[holder], model=model)


def enrolment_cancel(*, enrolment: E) -> list[E]:
    """Cancel, and offer a freed seat to the next in line. Returns the new offers.

    Call with the holder row locked.
    """
    held_a_seat = enrolment.status in HOLDING
    enrolment.status = Status.CANCELLED
    enrolment.cancelled_at = timezone.now()
    enrolment.save(update_fields=["status", "cancelled_at"])
    if not held_a_seat:
        return []
    return offers_make(holders=[enrolment.holder], model=type(enrolment))


@dataclass
class OfferOutcome:
    """How an answer to an offer ended (`answer`: accepted, declined or expired; empty when the
    enrolment had no offer), and the seats offered to the next in line because of it."""

    answer: str
    offered: list[Enrolment] = field(default_factory=list)
    changed: bool = False


def _offer_end(
    enrolment: Enrolment, answer: str, now: dt.datetime, source: str = ""
) -> OfferOutcome:
    enrolment.status = Status.CANCELLED
    enrolment.cancelled_at = now
    enrolment.offer_answer = answer
    enrolment.offer_answered_via = source
    enrolment.save(update_fields=["status", "cancelled_at", "offer_answer", "offer_answered_via"])
    offered = offers_make(holders=[enrolment.holder], model=type(enrolment), now=now)
    return OfferOutcome(answer=answer, offered=offered, changed=True)


def offer_accept(
    *, enrolment: Enrolment, source: str, now: dt.datetime | None = None
) -> OfferOutcome:
    """The seat becomes theirs, if the offer is still open; an offer past its deadline expires
    here, as the planner would have done. Answering twice changes nothing.

    Call with the holder row locked and the enrolment read after it."""
    _assert_locked()
    now = now or timezone.now()
    if enrolment.status != Status.OFFERED:
        return OfferOutcome(answer=enrolment.offer_answer)
    assert enrolment.offer_expires_at is not None, "an offer has a deadline"
    if now >= enrolment.offer_expires_at:
        return _offer_end(enrolment, Answer.EXPIRED, now)
    enrolment.status = Status.CONFIRMED
    enrolment.promoted_at = now
    enrolment.offer_answer = Answer.ACCEPTED
    enrolment.offer_answered_via = source
    enrolment.save(update_fields=["status", "promoted_at", "offer_answer", "offer_answered_via"])
    return OfferOutcome(answer=Answer.ACCEPTED, changed=True)


def offer_decline(
    *, enrolment: Enrolment, source: str, now: dt.datetime | None = None
) -> OfferOutcome:
    """They do not want the seat: it is offered to the next in line at once.

    Call with the holder row locked and the enrolment read after it."""
    _assert_locked()
    now = now or timezone.now()
    if enrolment.status != Status.OFFERED:
        return OfferOutcome(answer=enrolment.offer_answer)
    return _offer_end(enrolment, Answer.DECLINED, now, source)


@dataclass
class Sweep:
    expired: list[int]
    offered: list[Enrolment]
    holders: list[Holder]


class SweepCounts(TypedDict):
    """What a planner's sweep of offers reports: offers ended, and seats offered anew."""

    expired: int
    offered: int


def offers_expire(*, model: type[Enrolment], now: dt.datetime | None = None) -> Sweep:
    """End the offers whose deadline has passed and offer those seats to the next in line.

    Call inside `atomic()`. The holders are locked with SKIP LOCKED: one that a sign-up or an
    answer holds right now is swept on the next run, never waited for. A fixed number of
    queries, whatever the number of offers (see `offers_make`).
    """
    _assert_locked()
    now = now or timezone.now()
    holder_field = model.holder_field
    # The model of the rows that hold the seats (Course, TrainingDay), which the core may not
    # name: the foreign key knows it at run time only.
    holder_model = cast(type[Any], model._meta.get_field(holder_field).related_model)
    due = model.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
    holders: list[Holder] = list(
        holder_model.objects.select_for_update(skip_locked=True)
        .filter(pk__in=due.values(f"{holder_field}_id"))
        .order_by("pk")
    )
    if not holders:
        return Sweep(expired=[], offered=[], holders=[])
    expired = list(
        due.filter(**{f"{holder_field}_id__in": [h.pk for h in holders]}).values_list(
            "pk", flat=True
        )
    )
    model.objects.filter(pk__in=expired).update(
        status=Status.CANCELLED, cancelled_at=now, offer_answer=Answer.EXPIRED
    )
    return Sweep(
        expired=expired, offered=offers_make(holders=holders, model=model, now=now), holders=holders
    )


def with_waitlist_positions(queryset: QuerySet[E]) -> QuerySet[Any, E]:
    """Annotate waiting enrolments with their place in the queue (1 = next in line).

    The rows are E's; the model is Any because django-stubs cannot name "E annotated with
    waitlist_position" for a generic E, and a query on the annotation must still type-check."""
    holder_field = queryset.model.holder_field
    return queryset.filter(status=Status.WAITLISTED).annotate(
        waitlist_position=Window(
            RowNumber(),
            partition_by=[F(f"{holder_field}_id")],
            order_by=[F("waitlisted_at").asc(), F("pk").asc()],
        )
    )


def waitlist_position(enrolment: Enrolment) -> int | None:
    """1 for the next in line; None for anyone not waiting."""
    if enrolment.status != Status.WAITLISTED:
        return None
    ahead = type(enrolment).objects.filter(
        Q(waitlisted_at__lt=enrolment.waitlisted_at)
        | Q(waitlisted_at=enrolment.waitlisted_at, pk__lt=enrolment.pk),
        **{enrolment.holder_field: enrolment.holder},
        status=Status.WAITLISTED,
    )
    return ahead.count() + 1


def enrolment_models_for(holder_model: type[Model]) -> list[type[Enrolment]]:
    """The concrete enrolment models whose seats a model holds (Course → Registration)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Enrolment)
        and model._meta.get_field(model.holder_field).related_model is holder_model
    ]


def waiting_count(holder: Model) -> int:
    return sum(
        model.objects.filter(**{model.holder_field: holder}, status=Status.WAITLISTED).count()
        for model in enrolment_models_for(type(holder))
    )


def seats_taken(holder: Model) -> int:
    """Seats confirmed, and seats held for an offer: neither can be given to anyone else."""
    return sum(
        model.objects.filter(**{model.holder_field: holder}, status__in=HOLDING).count()
        for model in enrolment_models_for(type(holder))
    )
