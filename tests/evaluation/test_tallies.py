"""The dashboard reads tallies kept by the services; they must say exactly what counting every
registration and mark says."""

import datetime as dt

import pytest
from django.apps import apps
from django.db.models import Sum
from django.utils import timezone

from courses.models import Meeting, Programme
from evaluation.models import (
    CompletionHomeTally,
    CompletionTally,
    CourseHomeTally,
    CourseTally,
    MeetingHomeTally,
    MeetingTally,
    ReferralHomeTally,
    ReferralTally,
)
from evaluation.selectors.attendance import attendance_tables, course_label
from evaluation.selectors.programme import funnel_table
from evaluation.selectors.reach import reach_tables
from evaluation.selectors.tables import COUNTS, Filters
from evaluation.tallies import all_tallies_renew
from tests.evaluation.conftest import add_courses
from tests.evaluation.counted_directly import counted_directly

pytestmark = pytest.mark.django_db


def from_tallies(filters):
    return [funnel_table(filters), *attendance_tables(filters), *reach_tables(filters)]


def figures(tables):
    return [(t.key, t.columns, t.rows, t.total) for t in tables]


def filter_cases(languages, molndal, partille):
    today = timezone.localdate()
    return [
        Filters(),
        Filters(municipality=molndal),
        Filters(municipality=partille),
        Filters(language=languages[0]),
        Filters(language=languages[1], municipality=molndal),
        Filters(date_from=today + dt.timedelta(days=11)),
        Filters(date_to=today + dt.timedelta(days=11)),
    ]


def test_the_tallies_give_the_numbers_that_counting_every_row_gives(programme_built, molndal):
    _programme, languages, partille = programme_built
    everything = counted_directly(filters=Filters())
    # The data is not trivial: parents started and completed, rates over 5 marks, hidden cells.
    funnel = [cell.value for _label, (cell,) in everything[0].rows]
    assert funnel[0] > 10 and 0 < funnel[3] < funnel[2] < funnel[0] and funnel[1] > 0
    cells = [str(c) for t in everything for _label, row in t.rows for c in row]
    assert "<5" in cells and any(c.endswith("%") and c != "100%" for c in cells)

    for filters in filter_cases(languages, molndal, partille):
        assert figures(from_tallies(filters)) == figures(counted_directly(filters=filters)), filters


def test_what_is_joined_when_read_follows_at_once(programme_built, molndal):
    """A new completion threshold and a meeting that has just ended change no tally."""
    _programme, languages, partille = programme_built
    Programme.objects.update(completion_threshold=3)
    before = figures(from_tallies(Filters()))
    assert before == figures(counted_directly(filters=Filters()))

    now = timezone.now()
    Meeting.objects.filter(number=7).update(
        starts_at=now - dt.timedelta(hours=3), ends_at=now - dt.timedelta(hours=1)
    )
    assert figures(from_tallies(Filters())) == figures(counted_directly(filters=Filters()))
    assert figures(from_tallies(Filters())) != before


def test_renewing_everything_after_a_bulk_load_counts_the_same(programme_built):
    expected = figures(from_tallies(Filters()))
    for model in apps.get_app_config("evaluation").get_models():
        model.objects.all().delete()
    assert figures(from_tallies(Filters())) != expected

    all_tallies_renew()

    assert figures(from_tallies(Filters())) == expected


def test_marks_of_a_meeting_that_has_not_ended_count_once_it_has(
    programme_built, goteborg, molndal, django_capture_on_commit_callbacks
):
    """Marks taken during a meeting (before it ends) are left out of the rates, per meeting,
    language, municipality and course; a course with no ended meeting has no row yet."""
    programme, languages, partille = programme_built
    homes = [goteborg, molndal, partille]
    with django_capture_on_commit_callbacks(execute=True):
        (course,) = add_courses(programme, languages, homes, programme.owner, None, [9])
    now = timezone.now()
    for meeting in course.meetings.all():  # every meeting ahead, the first one under way
        start = now + dt.timedelta(days=7 * (meeting.number - 1), minutes=-30)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )
    label = course_label(
        {
            "course__language__name": course.language.name,
            "course__municipality__name": course.municipality.name,
            "course__first_date": course.first_date,
        }
    )

    def per_course_labels():
        return [label for label, _cells in attendance_tables(Filters())[3].rows]

    for filters in filter_cases(languages, molndal, partille):
        assert figures(from_tallies(filters)) == figures(counted_directly(filters=filters))
    assert label not in per_course_labels()

    Meeting.objects.filter(course=course, number=1).update(
        starts_at=now - dt.timedelta(hours=3), ends_at=now - dt.timedelta(hours=1)
    )
    for filters in filter_cases(languages, molndal, partille):
        assert figures(from_tallies(filters)) == figures(counted_directly(filters=filters))
    assert label in per_course_labels()


def test_each_municipalitys_tallies_add_up_to_everyones(programme_built):
    for everyone, per_home, fields in [
        (CourseTally, CourseHomeTally, COUNTS),
        (CompletionTally, CompletionHomeTally, ["registered"]),
        (MeetingTally, MeetingHomeTally, ["attended", "recorded"]),
        (ReferralTally, ReferralHomeTally, ["parents"]),
    ]:
        sums = {field: Sum(field) for field in fields}
        total = everyone.objects.aggregate(**sums)
        assert total == per_home.objects.aggregate(**sums) and all(total.values()), everyone
