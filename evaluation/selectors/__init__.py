"""The programme's numbers, counted by the database and suppressed where they count people.

The dashboard's tables, by subject: `tables` (filters, a table, the tallies read once),
`programme` (targets, the funnel), `attendance`, `reach`, `staff` and `outcomes` (the
parents' questionnaire, before against after). This module puts them
together in the dashboard's order.
"""

from collections.abc import Iterator

from courses.models import Programme
from evaluation.selectors.attendance import attendance_tables
from evaluation.selectors.outcomes import outcome_tables
from evaluation.selectors.programme import funnel_table, targets_table
from evaluation.selectors.reach import reach_tables
from evaluation.selectors.staff import staff_tables
from evaluation.selectors.tables import Filters, Table, Tallied


def dashboard_tables(*, filters: Filters, course_page: int | str | None = None) -> Iterator[Table]:
    """Every table, one at a time: an export can send the first before the last is counted."""
    programme = Programme.objects.select_related("central_municipality").first()
    if programme:
        yield targets_table(programme)
    tallied = Tallied(filters)
    yield funnel_table(filters, tallied)
    yield from attendance_tables(filters, course_page=course_page, tallied=tallied)
    yield from reach_tables(filters, tallied)
    yield from staff_tables(filters)
    yield from outcome_tables(filters)


def dashboard(*, filters: Filters, course_page: int | str | None = 1) -> list[Table]:
    """The dashboard's tables, the per-course one a page at a time."""
    return list(dashboard_tables(filters=filters, course_page=course_page))
