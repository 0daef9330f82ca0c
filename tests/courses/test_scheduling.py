import datetime as dt

import pytest
from django.utils import timezone, translation

from courses.models import SchoolBreak
from courses.scheduling import SchedulingError, lay_out_meetings, plan_meetings


@pytest.fixture(autouse=True)
def _english():
    """Reasons are shown in the coordinator's language; English keeps these tests readable."""
    with translation.override("en"):
        yield


def local(meeting):
    start = timezone.localtime(meeting.starts_at)
    return start.date(), start.time(), timezone.localtime(meeting.ends_at).time()


@pytest.mark.django_db
def test_meetings_skip_a_school_break_and_public_holidays(goteborg):
    # Göteborg 2026/27: sportlov week 7, påsklov the week after Easter (week 13 in 2027).
    SchoolBreak.objects.create(
        municipality=goteborg,
        school_year="2026/27",
        kind="sportlov",
        first_day=dt.date(2027, 2, 15),
        last_day=dt.date(2027, 2, 19),
    )
    SchoolBreak.objects.create(
        municipality=goteborg,
        school_year="2026/27",
        kind="pasklov",
        first_day=dt.date(2027, 3, 29),
        last_day=dt.date(2027, 4, 2),
    )

    meetings = plan_meetings(
        municipality_id=goteborg.pk,
        first_date=dt.date(2027, 2, 5),
        start_time=dt.time(9, 30),
        count=7,
        minutes=150,
    )

    assert [local(m)[0] for m in meetings] == [
        dt.date(2027, 2, 5),
        dt.date(2027, 2, 12),
        dt.date(2027, 2, 26),
        dt.date(2027, 3, 5),
        dt.date(2027, 3, 12),
        dt.date(2027, 3, 19),
        dt.date(2027, 4, 9),
    ]
    assert [m.number for m in meetings] == [1, 2, 3, 4, 5, 6, 7]
    # Every meeting is 09:30–12:00 local time, also after the change to summer time on 28 March.
    assert {local(m)[1:] for m in meetings} == {(dt.time(9, 30), dt.time(12, 0))}
    # The coordinator is told which dates were passed over, and why.
    assert [(day.date, day.reason) for day in meetings[2].skipped] == [
        (dt.date(2027, 2, 19), "Winter sports break in Göteborg (week 7)"),
    ]
    assert [(day.date, day.reason) for day in meetings[6].skipped] == [
        (dt.date(2027, 3, 26), "Good Friday (public holiday)"),
        (dt.date(2027, 4, 2), "Easter break in Göteborg (week 13)"),
    ]
    assert not any(m.skipped for m in meetings[:2])


@pytest.mark.django_db
def test_school_breaks_of_other_municipalities_do_not_move_meetings(goteborg, molndal):
    SchoolBreak.objects.create(
        municipality=molndal,
        school_year="2026/27",
        kind="sportlov",
        first_day=dt.date(2027, 2, 15),
        last_day=dt.date(2027, 2, 19),
    )

    meetings = plan_meetings(
        municipality_id=goteborg.pk,
        first_date=dt.date(2027, 2, 3),
        start_time=dt.time(17, 30),
        count=3,
        minutes=150,
    )

    assert [local(m)[0] for m in meetings] == [
        dt.date(2027, 2, 3),
        dt.date(2027, 2, 10),
        dt.date(2027, 2, 17),
    ]


@pytest.mark.django_db
def test_de_facto_days_off_are_skipped(goteborg):
    # Midsummer Eve (Friday 25 June 2027) is no public holiday by law, but nobody meets.
    meetings = plan_meetings(
        municipality_id=goteborg.pk,
        first_date=dt.date(2027, 6, 18),
        start_time=dt.time(13, 0),
        count=2,
        minutes=150,
    )

    assert [local(m)[0] for m in meetings] == [dt.date(2027, 6, 18), dt.date(2027, 7, 2)]
    assert meetings[1].skipped[0].reason == "Midsummer Eve (public holiday)"


def test_a_first_date_that_is_closed_moves_the_first_meeting():
    closed = {dt.date(2030, 1, 1): "Nyårsdagen"}

    meetings = lay_out_meetings(
        first_date=dt.date(2030, 1, 1),
        start_time=dt.time(10, 0),
        count=2,
        minutes=90,
        closed=closed,
    )

    assert [timezone.localtime(m.starts_at).date() for m in meetings] == [
        dt.date(2030, 1, 8),
        dt.date(2030, 1, 15),
    ]
    assert meetings[0].was_moved
    assert timezone.localtime(meetings[0].ends_at).time() == dt.time(11, 30)


def test_the_number_and_length_of_meetings_are_data():
    meetings = lay_out_meetings(
        first_date=dt.date(2030, 9, 2), start_time=dt.time(18, 0), count=9, minutes=120, closed={}
    )

    assert len(meetings) == 9
    assert meetings[-1].number == 9
    assert meetings[0].ends_at - meetings[0].starts_at == dt.timedelta(hours=2)


def test_an_impossible_calendar_is_refused_with_an_explanation():
    closed = {dt.date(2030, 1, 7) + dt.timedelta(weeks=n): "stängt" for n in range(100)}

    with pytest.raises(SchedulingError, match="within a year"):
        lay_out_meetings(
            first_date=dt.date(2030, 1, 7),
            start_time=dt.time(9, 0),
            count=1,
            minutes=60,
            closed=closed,
        )
