"""The programme as a whole: courses against its targets, parents from registration to
completion."""

from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import Programme
from courses.selectors import programme_overview
from evaluation.models import CompletionHomeTally, CompletionTally
from evaluation.selectors.tables import Filters, Table, Tallied, tally_rows
from evaluation.suppression import Cell, suppress_count


def targets_table(programme: Programme) -> Table:
    overview = programme_overview(programme=programme)
    rows = [
        (_("All courses"), overview["total"]),
        (_("In %(place)s") % {"place": overview["central"].label}, overview["central"]),
        (_("Local, in other municipalities"), overview["local"]),
    ]
    rows += [(row.label, row) for row in overview["languages"]]
    return Table(
        key="targets",
        title=_("Courses against the programme's targets"),
        columns=[_("Target"), _("Planned"), _("Running"), _("Finished")],
        rows=[
            (label, [Cell(row.target), Cell(row.planned), Cell(row.running), Cell(row.finished)])
            for label, row in rows
        ],
        chart=1,
    )


def funnel_table(filters: Filters, tallied: Tallied | None = None) -> Table:
    tallied = tallied or Tallied(filters)
    counts = {
        key: sum(row[key] for row in tallied.by_language)
        for key in ("registered", "waitlisted", "started")
    }
    threshold = F("course__programme__completion_threshold")
    counts["completed"] = (
        tally_rows(filters, CompletionTally, CompletionHomeTally)
        .filter(attended__gte=threshold)
        .aggregate(completed=Coalesce(Sum("registered"), 0))["completed"]
    )
    labels = [
        (pgettext("number of parents", "Registered"), "registered"),
        (_("On the waiting list at some point"), "waitlisted"),
        (_("Started (came to meeting 1)"), "started"),
        (_("Completed"), "completed"),
    ]
    return Table(
        key="funnel",
        title=_("From registration to completion"),
        columns=[_("Parents")],
        rows=[(label, [suppress_count(counts[key])]) for label, key in labels],
    )
