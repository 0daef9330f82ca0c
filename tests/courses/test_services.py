import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Meeting, MeetingTheme
from courses.selectors import with_themes
from courses.services import course_save, meeting_cancel, meeting_move
from tests.factories import CourseFactory, ProgrammeFactory


def at(day, hour=9, minute=30):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def course(goteborg, integrationscentrum):
    programme = ProgrammeFactory()
    MeetingTheme.objects.create(
        programme=programme,
        number=1,
        title_sv="Att vara förälder i ett nytt land",
        title_ar="أن تكون والدًا في بلد جديد",
    )
    return CourseFactory(
        programme=programme,
        municipality=goteborg,
        organiser=integrationscentrum,
        first_date=dt.date(2031, 9, 2),
        start_time=dt.time(9, 30),
        registration_opens=dt.date(2031, 6, 1),
        registration_closes=dt.date(2031, 8, 30),
    )


@pytest.mark.django_db
def test_saving_a_course_lays_out_its_meetings_with_the_programmes_themes(course):
    meetings = list(course.meetings.order_by("number"))

    assert [m.number for m in meetings] == [1, 2, 3, 4, 5, 6, 7]
    assert timezone.localtime(meetings[0].starts_at) == timezone.localtime(at(dt.date(2031, 9, 2)))
    assert meetings[0].ends_at - meetings[0].starts_at == dt.timedelta(minutes=150)
    # The theme is the programme's, in the reader's language; the meeting keeps no copy.
    assert meetings[0].theme_sv in ("", None)
    with translation.override("ar"):
        (first, *_rest) = with_themes(meetings, course.programme)
        assert (first.theme_title, first.theme_title.lang) == ("أن تكون والدًا في بلد جديد", "ar")
    with translation.override("ti"):
        (first, *_rest) = with_themes(meetings, course.programme)
        assert (first.theme_title, first.theme_title.lang) == (
            "Att vara förälder i ett nytt land",
            "sv",
        )


@pytest.mark.django_db
def test_a_course_may_give_one_meeting_a_theme_of_its_own(course):
    second = course.meetings.get(number=1)
    second.theme_sv = "Besök på förskolan"
    second.save()
    course_save(course=course)  # laid out again? no: the dates did not change

    with translation.override("sv"):
        (first, *_rest) = with_themes(course.meetings.order_by("number"), course.programme)
    assert first.theme_title == "Besök på förskolan"


@pytest.mark.django_db
def test_a_course_opens_for_registration_only_with_its_texts_for_parents(course):
    draft = CourseFactory.build(
        programme=course.programme,
        language=course.language,
        municipality=course.municipality,
        organiser=course.organiser,
        venue=course.venue,
        first_date=dt.date(2031, 10, 7),
        start_time=dt.time(9, 30),
        registration_opens=dt.date(2031, 6, 1),
        registration_closes=dt.date(2031, 9, 30),
        title_ar="",
        description_sv="Sju träffar om att vara förälder.",
        status="open",
    )
    with pytest.raises(ValidationError) as refused:
        course_save(course=draft)

    # Two texts are missing, both in Arabic: the Swedish ones are all there.
    (message,) = refused.value.message_dict["status"]
    with translation.override("sv"):
        expected = [
            _("the title in %(language)s") % {"language": "arabiska"},
            _("the description in %(language)s") % {"language": "arabiska"},
        ]
    assert all(phrase in message for phrase in expected)
    assert message.count("arabiska") == 2

    draft.title_ar = "أن تكون والدًا في بلد جديد"
    draft.description_ar = "سبعة لقاءات عن الأبوة والأمومة."
    course_save(course=draft)
    assert draft.pk and draft.status == "open"


@pytest.mark.django_db
def test_a_moved_meeting_keeps_its_number_and_remembers_its_first_date(course):
    third = course.meetings.get(number=3)
    planned = third.starts_at

    meeting_move(
        meeting=third, starts_at=at(dt.date(2031, 9, 18), 17, 30), reason="Lokalen är upptagen"
    )

    third.refresh_from_db()
    assert third.number == 3
    assert timezone.localtime(third.starts_at) == timezone.localtime(
        at(dt.date(2031, 9, 18), 17, 30)
    )
    assert third.ends_at - third.starts_at == dt.timedelta(minutes=150)
    assert third.moved_from == planned
    assert third.change_reason == "Lokalen är upptagen"
    assert course.meetings.filter(status=Meeting.Status.SCHEDULED).count() == 7

    # A second move keeps the date it was first planned for.
    meeting_move(meeting=third, starts_at=at(dt.date(2031, 9, 19)), reason="Igen")
    third.refresh_from_db()
    assert third.moved_from == planned


@pytest.mark.django_db
def test_a_meeting_cannot_be_moved_to_a_public_holiday_or_onto_another_meeting(course):
    third = course.meetings.get(number=3)

    with pytest.raises(ValidationError) as holiday:
        meeting_move(meeting=third, starts_at=at(dt.date(2031, 12, 25)), reason="Flytt")
    assert "Juldagen" in str(holiday.value)

    with pytest.raises(ValidationError, match="Träff 4|Meeting 4"):
        meeting_move(meeting=third, starts_at=at(dt.date(2031, 9, 23), 13, 0), reason="Flytt")


@pytest.mark.django_db
def test_a_meeting_cannot_be_moved_into_the_past(course):
    with pytest.raises(ValidationError):
        meeting_move(
            meeting=course.meetings.get(number=1),
            starts_at=timezone.now() - dt.timedelta(days=1),
            reason="Flytt",
        )


@pytest.mark.django_db
def test_cancelling_a_meeting_keeps_it_visible_with_the_reason(course):
    meeting_cancel(meeting=course.meetings.get(number=5), reason="Kursledaren är sjuk")

    fifth = course.meetings.get(number=5)
    assert fifth.status == Meeting.Status.CANCELLED
    assert fifth.change_reason == "Kursledaren är sjuk"
    with pytest.raises(ValidationError):
        meeting_move(meeting=fifth, starts_at=at(dt.date(2031, 11, 11)), reason="Ny tid")


@pytest.mark.django_db
def test_new_first_date_lays_the_meetings_out_again_until_the_course_has_begun(course):
    course.first_date = dt.date(2031, 9, 9)
    course_save(course=course)
    assert timezone.localtime(course.meetings.get(number=1).starts_at).date() == dt.date(2031, 9, 9)

    Meeting.objects.filter(course=course, number=1).update(
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    course.first_date = dt.date(2031, 9, 16)
    with pytest.raises(ValidationError):
        course_save(course=course)
