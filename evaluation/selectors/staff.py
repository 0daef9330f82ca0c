"""The staff side: training days per municipality, workshops, cluster meetings held."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from evaluation.selectors.tables import Filters, Table
from evaluation.suppression import Cell, suppress_group
from trainings.models import ClusterMeeting, StaffRegistration, WorkshopBooking


def staff_tables(filters: Filters) -> list[Table]:
    registrations = StaffRegistration.objects.filter(status=StaffRegistration.Status.CONFIRMED)
    if filters.date_from:
        registrations = registrations.filter(training_day__date__gte=filters.date_from)
    if filters.date_to:
        registrations = registrations.filter(training_day__date__lte=filters.date_to)
    rows = list(
        registrations.values("municipality__name")
        .annotate(registered=Count("pk"), came=Count("pk", filter=Q(checked_in_at__isnull=False)))
        .order_by("municipality__name")
    )
    registered, registered_total = suppress_group(
        [r["registered"] for r in rows], sum(r["registered"] for r in rows)
    )
    came, came_total = suppress_group([r["came"] for r in rows], sum(r["came"] for r in rows))
    workshops = list(
        WorkshopBooking.objects.exclude(status=WorkshopBooking.Status.WITHDRAWN)
        .values("municipality__name")
        .annotate(
            booked=Count("pk"), held=Count("pk", filter=Q(status=WorkshopBooking.Status.HELD))
        )
        .order_by("municipality__name")
    )
    clusters = list(
        ClusterMeeting.objects.filter(status=ClusterMeeting.Status.HELD)
        .values("municipalities__name")
        .annotate(meetings=Count("pk"))
        .order_by("municipalities__name")
    )
    return [
        Table(
            "training_days",
            _("Training days: staff per municipality"),
            [pgettext("number of people", "Registered"), _("Came")],
            [
                (r["municipality__name"], [a, b])
                for r, a, b in zip(rows, registered, came, strict=True)
            ],
            total=(_("Total"), [registered_total, came_total]),
        ),
        Table(
            "workshops",
            _("Workshops per municipality"),
            [_("Booked"), _("Held")],
            [(r["municipality__name"], [Cell(r["booked"]), Cell(r["held"])]) for r in workshops],
            chart=None,
        ),
        Table(
            "clusters",
            _("Cluster meetings held per municipality"),
            [_("Meetings")],
            [(r["municipalities__name"], [Cell(r["meetings"])]) for r in clusters],
        ),
    ]
