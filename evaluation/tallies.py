"""Renew the tallies (evaluation.models) from the registrations and attendance marks they count.

One course at a time after each change (a few small queries), or everything at once after a
bulk load. Both count the same way, through `tallies_renew`.
"""

from collections import Counter

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Count, Q

ATTENDED = ["present", "late"]
CONFIRMED = "confirmed"


def _funnel_and_reach(registration_model, course_ids):
    attended = Q(attendances__status__in=ATTENDED)
    registrations = registration_model.objects.all()
    if course_ids is not None:
        registrations = registrations.filter(course_id__in=course_ids)
    rows = (
        registrations.order_by()
        .annotate(
            n_attended=Count("attendances", filter=attended),
            n_started=Count("attendances", filter=attended & Q(attendances__meeting__number=1)),
        )
        .values_list(
            "course_id",
            "municipality_id",
            "status",
            "referral",
            "waitlisted_at",
            "children_0_5",
            "children_6_12",
            "children_13_17",
            "n_attended",
            "n_started",
        )
        .iterator(chunk_size=5000)
    )
    registered, waitlisted, parents, children = Counter(), Counter(), Counter(), Counter()
    for course, municipality, status, referral, waitlisted_at, c0, c6, c13, n, started in rows:
        key = (course, municipality, n, bool(started))
        registered[key] += 1
        waitlisted[key] += waitlisted_at is not None
        if status == CONFIRMED:
            parents[course, municipality, referral] += 1
            children[course, municipality, referral] += c0 + c6 + c13
    return registered, waitlisted, parents, children


def tallies_renew(*, course_ids=None, apps=installed_apps) -> None:
    """Count the given courses (None: every course) anew. `apps` lets a migration use it."""
    registration = apps.get_model("participants", "Registration")
    attendance = apps.get_model("participants", "Attendance")
    funnel_tally = apps.get_model("evaluation", "FunnelTally")
    reach_tally = apps.get_model("evaluation", "ReachTally")
    meeting_tally = apps.get_model("evaluation", "MeetingTally")

    registered, waitlisted, parents, children = _funnel_and_reach(registration, course_ids)
    marks = attendance.objects.order_by()
    if course_ids is not None:
        marks = marks.filter(meeting__course_id__in=course_ids)
    marks = marks.values("meeting_id", "meeting__course_id", "registration__municipality_id")
    marks = marks.annotate(
        attended=Count("pk", filter=Q(status__in=ATTENDED)), recorded=Count("pk")
    )

    for model in (funnel_tally, reach_tally, meeting_tally):
        stale = model.objects.all()
        if course_ids is not None:
            stale = stale.filter(course_id__in=course_ids)
        stale.delete()
    funnel_tally.objects.bulk_create(
        (
            funnel_tally(
                course_id=course,
                municipality_id=municipality,
                attended=attended,
                started=started,
                registered=count,
                waitlisted=waitlisted[course, municipality, attended, started],
            )
            for (course, municipality, attended, started), count in registered.items()
        ),
        batch_size=2000,
    )
    reach_tally.objects.bulk_create(
        (
            reach_tally(
                course_id=course,
                municipality_id=municipality,
                referral=referral,
                parents=count,
                children=children[course, municipality, referral],
            )
            for (course, municipality, referral), count in parents.items()
        ),
        batch_size=2000,
    )
    meeting_tally.objects.bulk_create(
        (
            meeting_tally(
                meeting_id=row["meeting_id"],
                course_id=row["meeting__course_id"],
                municipality_id=row["registration__municipality_id"],
                attended=row["attended"],
                recorded=row["recorded"],
            )
            for row in marks.iterator(chunk_size=5000)
        ),
        batch_size=2000,
    )


def course_tallies_renew(course_id: int) -> None:
    """After a change to one course's registrations or marks (committed)."""
    course = installed_apps.get_model("courses", "Course")
    with transaction.atomic():
        # Renewals of one course wait for each other, so the last one counts the last change.
        if list(course.objects.select_for_update().filter(pk=course_id).values_list("pk")):
            tallies_renew(course_ids=[course_id])


def all_tallies_renew() -> None:
    with transaction.atomic():
        tallies_renew()
