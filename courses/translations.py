"""The texts of programmes and courses that the translation workspace lists."""

from django.utils.translation import gettext_lazy as _

from courses.models import Course, Meeting, MeetingTheme, Programme
from equalcity.translations import Translatable, register


def _live_courses():
    """Courses parents can still read about: not finished, not cancelled."""
    return Course.objects.exclude(status__in=[Course.Status.FINISHED, Course.Status.CANCELLED])


def register_translatables():
    register(
        Translatable(
            key="courses.programme",
            model=Programme,
            fields=("name", "description"),
            label=_("Programmes"),
            rows=Programme.objects.all,
            describe=lambda programme: programme.name_sv,
        )
    )
    register(
        Translatable(
            key="courses.meetingtheme",
            model=MeetingTheme,
            fields=("title", "parent_text"),
            label=_("Meeting themes of a programme"),
            rows=lambda: MeetingTheme.objects.select_related("programme"),
            describe=lambda theme: f"{theme.programme.name_sv} · {theme.number}. {theme.title_sv}",
        )
    )
    register(
        Translatable(
            key="courses.course",
            model=Course,
            fields=("title", "description", "target_group"),
            label=_("Courses"),
            rows=lambda: _live_courses().select_related("language"),
            describe=lambda course: (
                f"{course.title_sv} · {course.language.name_sv} · {course.first_date:%Y-%m-%d}"
            ),
        )
    )
    register(
        Translatable(
            key="courses.meeting",
            model=Meeting,
            fields=("theme",),
            label=_("A course's own meeting themes"),
            rows=lambda: (
                Meeting.objects.filter(course__in=_live_courses())
                .exclude(theme_sv="")
                .exclude(theme_sv__isnull=True)
                .select_related("course")
            ),
            describe=lambda meeting: f"{meeting.course.title_sv} · {meeting.number}",
        )
    )
