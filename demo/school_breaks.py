"""School-break weeks for the demo municipalities, computed for any school year.

Real values come from each municipality's published calendar and are entered as data; these
follow Göteborg's pattern (sportlov week 7, höstlov week 44, påsklov the week after Easter).
"""

import datetime as dt

from dateutil.easter import easter

# Municipalities whose winter break is in week 8 rather than week 7 (demo assumption).
WEEK_8_SPORTLOV = {"kungalv", "stenungsund", "lilla-edet"}


def _week(year, week, first_weekday=1, last_weekday=5):
    return dt.date.fromisocalendar(year, week, first_weekday), dt.date.fromisocalendar(
        year, week, last_weekday
    )


def breaks_for(slug: str, autumn_year: int):
    """(kind, first day, last day) of each break in the school year starting in `autumn_year`."""
    spring = autumn_year + 1
    easter_monday = easter(spring) + dt.timedelta(days=1)
    return [
        ("hostlov", *_week(autumn_year, 44)),
        ("jullov", dt.date(autumn_year, 12, 21), dt.date(spring, 1, 8)),
        ("sportlov", *_week(spring, 8 if slug in WEEK_8_SPORTLOV else 7)),
        ("pasklov", easter_monday, easter_monday + dt.timedelta(days=4)),
        ("sommarlov", dt.date(spring, 6, 12), dt.date(spring, 8, 16)),
    ]
