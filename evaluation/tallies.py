"""Renew the tallies (evaluation.models) from the registrations and attendance marks they count.

One course at a time after each change (a few small queries), or everything at once after a
bulk load. Both count the same way, through `tallies_renew`: each row is counted twice, for
everyone and for its municipality of residence.
"""

from collections import Counter, defaultdict

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Count, Q

ATTENDED = ["present", "late"]
CONFIRMED = "confirmed"
COURSE_COUNTS = ["registered", "waitlisted", "started", "parents", "children"]
BATCH = 2000


def _registrations(registration_model, course_ids):
    """(course, municipality, status, referral, waitlisted_at, children, attended, started)."""
    attended = Q(attendances__status__in=ATTENDED)
    registrations = registration_model.objects.all()
    if course_ids is not None:
        registrations = registrations.filter(course_id__in=course_ids)
    return (
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


def _marks(attendance_model, course_ids):
    marks = attendance_model.objects.order_by()
    if course_ids is not None:
        marks = marks.filter(meeting__course_id__in=course_ids)
    return (
        marks.values_list(
            "meeting_id", "meeting__course_id", "meeting__number", "registration__municipality_id"
        )
        .annotate(attended=Count("pk", filter=Q(status__in=ATTENDED)), recorded=Count("pk"))
        .iterator(chunk_size=5000)
    )


def _counted(registration_model, attendance_model, course_ids):
    """Counters keyed (home?, …, municipality at index 2, …): everyone's rows with None."""
    courses = defaultdict(Counter)  # (home?, course, municipality) -> counts
    completion = Counter()  # (home?, course, municipality, attended)
    referral = Counter()  # (home?, course, municipality, referral)
    meetings = defaultdict(Counter)  # (home?, meeting, municipality, course, number)
    for row in _registrations(registration_model, course_ids):
        course, home, status, how, waitlisted_at, c0, c6, c13, n, started = row
        for key in ((False, course, None), (True, course, home)):
            counts = courses[key]
            counts["registered"] += 1
            counts["waitlisted"] += waitlisted_at is not None
            counts["started"] += bool(started)
            completion[(*key, n)] += 1
            if status == CONFIRMED:
                counts["parents"] += 1
                counts["children"] += c0 + c6 + c13
                referral[(*key, how)] += 1
    for meeting, course, number, home, attended, recorded in _marks(attendance_model, course_ids):
        for key in ((False, course, None), (True, course, home)):
            courses[key]["attended"] += attended
            courses[key]["recorded"] += recorded
            marks = meetings[(key[0], meeting, key[2], course, number)]
            marks["attended"] += attended
            marks["recorded"] += recorded
    return courses, completion, referral, meetings


def _fields(home, municipality):
    return {"municipality_id": municipality} if home else {}


def tallies_renew(*, course_ids=None, apps=installed_apps) -> None:
    """Count the given courses (None: every course) anew. `apps` lets a migration use it."""

    def model(name):
        return apps.get_model("evaluation", name)

    pairs = {
        kind: (model(f"{kind}Tally"), model(f"{kind}HomeTally"))
        for kind in ("Course", "Completion", "Referral", "Meeting")
    }
    courses, completion, referral, meetings = _counted(
        apps.get_model("participants", "Registration"),
        apps.get_model("participants", "Attendance"),
        course_ids,
    )
    for everyone, home in pairs.values():
        for tally in (everyone, home):
            stale = tally.objects.all()
            if course_ids is not None:
                stale = stale.filter(course_id__in=course_ids)
            stale.delete()

    def create(kind, counted, fields):
        """One row per counter entry, into the everyone or the per-home table by its key."""
        for home, tally in zip((False, True), pairs[kind], strict=True):
            tally.objects.bulk_create(
                (
                    tally(**_fields(home, key[2]), **fields(key, value))
                    for key, value in counted.items()
                    if key[0] == home
                ),
                batch_size=BATCH,
            )

    create("Course", courses, lambda key, counts: {"course_id": key[1], **counts})
    create(
        "Completion",
        completion,
        lambda key, count: {"course_id": key[1], "attended": key[3], "registered": count},
    )
    create(
        "Referral",
        referral,
        lambda key, count: {"course_id": key[1], "referral": key[3], "parents": count},
    )
    create(
        "Meeting",
        meetings,
        lambda key, counts: {"meeting_id": key[1], "course_id": key[3], "number": key[4], **counts},
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
