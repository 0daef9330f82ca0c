"""Reads for staff trainings, filtered by the reader's scope."""

import datetime as dt
from collections import Counter
from itertools import combinations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from equalcity.access import scope_for
from equalcity.models import Organisation, Role, User
from trainings.models import (
    ClusterMeeting,
    StaffGroup,
    StaffRegistration,
    TrainingDay,
    WorkshopBooking,
    programme_period,
)

CONFIRMED = StaffRegistration.Status.CONFIRMED
WAITLISTED = StaffRegistration.Status.WAITLISTED
OFFERED = StaffRegistration.Status.OFFERED


def training_days() -> QuerySet[TrainingDay]:
    """Every training day but drafts, by date, with `confirmed` and `waiting` counted."""
    return (
        TrainingDay.objects.exclude(status=TrainingDay.Status.DRAFT)
        .select_related("venue", "organiser")
        .annotate(
            # Seats taken: confirmed, or held for an offer.
            confirmed=Count(
                "registrations", filter=Q(registrations__status__in=[CONFIRMED, OFFERED])
            ),
            waiting=Count("registrations", filter=Q(registrations__status=WAITLISTED)),
        )
        .order_by("date")
    )


def training_day_get(*, pk: int) -> TrainingDay:
    return get_object_or_404(training_days().prefetch_related("programme_items"), pk=pk)


def home_municipality(user: User) -> Organisation | None:
    """The municipality a staff member works for (a unit counts as its municipality)."""
    for role in Role.objects.filter(user=user).select_related("organisation__parent"):
        organisation = role.organisation
        if organisation.kind == Organisation.Kind.MUNICIPALITY:
            return organisation
        if organisation.parent and organisation.parent.kind == Organisation.Kind.MUNICIPALITY:
            return organisation.parent
    return None


def registrations_visible(*, user: User, day: TrainingDay) -> QuerySet[StaffRegistration]:
    """Regional coordinators see everyone; a municipal coordinator their own municipality's
    staff; anyone else only themselves."""
    scope = scope_for(user)
    registrations = day.registrations.select_related("user", "municipality").order_by(
        "status", "created_at"
    )
    if scope.regional:
        return registrations
    if scope.coordinated_org_ids:
        return registrations.filter(Q(municipality_id__in=scope.coordinated_org_ids) | Q(user=user))
    return registrations.filter(user=user)


def my_registration(*, user: User, day: TrainingDay) -> StaffRegistration | None:
    return day.registrations.filter(user=user, status__in=[CONFIRMED, OFFERED, WAITLISTED]).first()


def workshops_visible(*, user: User) -> QuerySet[WorkshopBooking]:
    scope = scope_for(user)
    bookings = WorkshopBooking.objects.select_related("municipality").order_by("requested_date")
    if scope.regional:
        return bookings
    return bookings.filter(municipality_id__in=scope.coordinated_org_ids or [-1])


def workshop_booked(*, municipality: Organisation, day: dt.date) -> bool:
    """Whether the municipality has booked its workshop of the programme period `day` is in."""
    return (
        WorkshopBooking.objects.filter(municipality=municipality, period=programme_period(day))
        .exclude(status=WorkshopBooking.Status.WITHDRAWN)
        .exists()
    )


def staff_group_for(municipality: Organisation) -> StaffGroup:
    group, _created = StaffGroup.objects.get_or_create(municipality=municipality)
    return group


def cluster_meetings_visible(*, user: User) -> QuerySet[ClusterMeeting]:
    scope = scope_for(user)
    meetings = (
        ClusterMeeting.objects.select_related("venue")
        .prefetch_related("municipalities", "themes")
        .order_by("-date")
    )
    if scope.regional or scope.evaluator:
        return meetings
    municipality = home_municipality(user)
    return (
        meetings.filter(municipalities=municipality).distinct() if municipality else meetings.none()
    )


#: A municipality, and how often it has met each other one (None: itself).
MatrixRow = tuple[Organisation, list[tuple[Organisation, int | None]]]


def cluster_matrix() -> tuple[list[Organisation], list[MatrixRow]]:
    """How often each pair of participating municipalities has met (held meetings), for
    composing the next round: two queries whatever the number of meetings."""
    municipalities = list(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, takes_part=True).order_by(
            "name"
        )
    )
    through = ClusterMeeting.municipalities.through
    members: dict[int, set[int]] = {}
    for meeting_id, organisation_id in through.objects.filter(
        clustermeeting__status=ClusterMeeting.Status.HELD
    ).values_list("clustermeeting_id", "organisation_id"):
        members.setdefault(meeting_id, set()).add(organisation_id)
    pairs: Counter[tuple[int, int]] = Counter()
    for group in members.values():
        for a, b in combinations(sorted(group), 2):
            pairs[a, b] += 1
            pairs[b, a] += 1
    rows = [
        (
            row,
            [
                (column, None if row == column else pairs[row.pk, column.pk])
                for column in municipalities
            ],
        )
        for row in municipalities
    ]
    return municipalities, rows
