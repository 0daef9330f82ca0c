"""Laying out a course's meetings week by week around the days nobody meets.

Pure functions: the closed days come in as a mapping, so the rule can be read and tested
without a database. `closed_days` builds that mapping from the `holidays` package and the
municipality's school-break table.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import holidays
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.models import SchoolBreak

WEEK = dt.timedelta(days=7)
MAX_WEEKS = 60  # a summer break is ten weeks; more than a year of gaps is an input error


@dataclass(frozen=True)
class ClosedDay:
    date: dt.date
    reason: str


@dataclass(frozen=True)
class PlannedMeeting:
    number: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    skipped: tuple[ClosedDay, ...] = field(default=())

    @property
    def was_moved(self) -> bool:
        return bool(self.skipped)


class SchedulingError(ValueError):
    pass


def lay_out_meetings(
    *,
    first_date: dt.date,
    start_time: dt.time,
    count: int,
    minutes: int,
    closed: Mapping[dt.date, str],
) -> list[PlannedMeeting]:
    """One meeting a week from `first_date`, passing over every closed date.

    A meeting whose weekly date is closed goes to the next open week, and the dates it passed
    over are kept with their reasons, so the coordinator sees what moved and why.
    """
    meetings: list[PlannedMeeting] = []
    day = first_date
    weeks = 0
    while len(meetings) < count:
        skipped = []
        while day in closed:
            skipped.append(ClosedDay(day, closed[day]))
            day += WEEK
            weeks += 1
            if weeks > MAX_WEEKS:
                raise SchedulingError(
                    _("The meetings cannot be placed within a year of the first date.")
                )
        starts_at = timezone.make_aware(dt.datetime.combine(day, start_time))
        meetings.append(
            PlannedMeeting(
                number=len(meetings) + 1,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(minutes=minutes),
                skipped=tuple(skipped),
            )
        )
        day += WEEK
        weeks += 1
    return meetings


def public_holidays(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """Swedish public holidays and the de facto days off (Midsummer, Christmas, New Year's Eve)."""
    language = "en_US" if (get_language() or "sv") != "sv" else "sv"
    calendar = holidays.country_holidays(
        "SE",
        years=range(first.year, last.year + 1),
        categories=(holidays.PUBLIC, "de_facto"),
        language=language,
    )
    return {
        day: _("%(holiday)s (public holiday)") % {"holiday": name}
        for day, name in calendar.items()
        if first <= day <= last
    }


def closed_days(*, municipality_id: int, first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """Every date between `first` and `last` on which a course in the municipality does not meet."""
    closed = public_holidays(first, last)
    breaks = SchoolBreak.objects.filter(
        municipality_id=municipality_id, first_day__lte=last, last_day__gte=first
    ).select_related("municipality")
    for school_break in breaks:
        day = max(school_break.first_day, first)
        while day <= min(school_break.last_day, last):
            closed.setdefault(
                day,
                _("%(break)s in %(municipality)s (week %(week)s)")
                % {
                    "break": school_break.get_kind_display(),
                    "municipality": school_break.municipality.name,
                    "week": day.isocalendar().week,
                },
            )
            day += dt.timedelta(days=1)
    return closed


def plan_meetings(
    *, municipality_id: int, first_date: dt.date, start_time: dt.time, count: int, minutes: int
) -> list[PlannedMeeting]:
    """The meetings of a course in a municipality, laid out around its closed days."""
    horizon = first_date + WEEK * (MAX_WEEKS + 1)
    return lay_out_meetings(
        first_date=first_date,
        start_time=start_time,
        count=count,
        minutes=minutes,
        closed=closed_days(municipality_id=municipality_id, first=first_date, last=horizon),
    )
