"""Seats and waiting lists, for every kind of enrolment (courses, training days).

The caller locks the row that holds the capacity (`select_for_update()` inside `atomic()`), so
concurrent sign-ups are serialised on it: counting the confirmed seats and adding one can never
interleave, and arrival order is the order in which the lock was obtained.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from equalcity.models import Enrolment

Status = Enrolment.Status


@dataclass(frozen=True)
class Pool:
    """A limit and the confirmed enrolments that count against it."""

    limit: int
    confirmed: QuerySet

    def has_room(self) -> bool:
        return self.confirmed.count() < self.limit


def default_pools(enrolment: Enrolment) -> list[Pool]:
    model = type(enrolment)
    holder = enrolment.holder
    return [
        Pool(
            limit=holder.capacity,
            confirmed=model.objects.filter(
                **{enrolment.holder_field: holder}, status=Status.CONFIRMED
            ),
        )
    ]


def _pools(enrolment):
    custom = getattr(enrolment, "capacity_pools", None)
    return custom() if custom else default_pools(enrolment)


def seat_take(*, enrolment: Enrolment) -> Enrolment:
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


def waitlist_fill(*, holder, model) -> list[Enrolment]:
    """Promote, in arrival order, everyone on the holder's waiting list who now fits.

    Call with the holder row locked. Someone whose own pool is full (their municipality's seats
    on a training day, say) does not block the next person in line whose pool has room.
    """
    assert transaction.get_connection().in_atomic_block, "lock the holder first"
    holder_field = model.holder_field
    waiting = model.objects.filter(**{holder_field: holder}, status=Status.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )
    promoted = []
    now = timezone.now()
    for enrolment in waiting:
        overall = default_pools(enrolment)[0]
        if not overall.has_room():
            break
        if all(pool.has_room() for pool in _pools(enrolment)):
            enrolment.status = Status.CONFIRMED
            enrolment.promoted_at = now
            enrolment.save(update_fields=["status", "promoted_at"])
            promoted.append(enrolment)
    return promoted


def enrolment_cancel(*, enrolment: Enrolment) -> list[Enrolment]:
    """Cancel, and give a freed seat to the next in line. Returns who was promoted.

    Call with the holder row locked.
    """
    was_confirmed = enrolment.status == Status.CONFIRMED
    enrolment.status = Status.CANCELLED
    enrolment.cancelled_at = timezone.now()
    enrolment.save(update_fields=["status", "cancelled_at"])
    if not was_confirmed:
        return []
    return waitlist_fill(holder=enrolment.holder, model=type(enrolment))


def with_waitlist_positions(queryset: QuerySet) -> QuerySet:
    """Annotate waiting enrolments with their place in the queue (1 = next in line)."""
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


def enrolment_models_for(holder_model) -> list[type[Enrolment]]:
    """The concrete enrolment models whose seats a model holds (Course → Registration)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Enrolment)
        and model._meta.get_field(model.holder_field).related_model is holder_model
    ]


def waiting_count(holder) -> int:
    return sum(
        model.objects.filter(**{model.holder_field: holder}, status=Status.WAITLISTED).count()
        for model in enrolment_models_for(type(holder))
    )


def confirmed_count(holder) -> int:
    return sum(
        model.objects.filter(**{model.holder_field: holder}, status=Status.CONFIRMED).count()
        for model in enrolment_models_for(type(holder))
    )
