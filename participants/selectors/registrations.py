"""Reads for parents' pages and for staff lists of registrations."""

import re
from collections.abc import Iterable
from typing import Any, TypedDict

import phonenumbers
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Course, Meeting
from courses.selectors import course_can_edit
from equalcity.access import scope_for
from equalcity.capacity import waitlist_position, with_waitlist_positions
from equalcity.i18n import local_date
from equalcity.models import CourseLanguage, Message, Organisation, User
from equalcity.phones import parse_phone
from participants.models import Registration

ACTIVE = (
    Registration.Status.CONFIRMED,
    Registration.Status.OFFERED,
    Registration.Status.WAITLISTED,
)
SCHEDULED = ~Q(meetings__status=Meeting.Status.CANCELLED)
# A personal link's secret: URL-safe base64 (new_link_token), or the older links' base-36 id, a
# dot and a base64 HMAC (participants migration 0004).
TOKEN = re.compile(r"[A-Za-z0-9_.=-]{1,40}")


def _with_seats(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Seats and dates are stored on each course by the services that change them
    (courses.services.course_fill_refresh, course_dates_refresh): no join, no GROUP BY."""
    return courses


def public_course_pages() -> QuerySet[Course]:
    """Courses a parent may still join, including those whose registration opens later: the
    course pages that search engines should find (the sitemap), soonest first."""
    return Course.objects.filter(
        status__in=[Course.Status.OPEN, Course.Status.FULL],
        first_date__gte=timezone.localdate(),
    ).order_by("first_date", "pk")


def public_courses(
    *, language: CourseLanguage | None = None, municipality: Organisation | None = None
) -> QuerySet[Course]:
    """Courses a parent can still register for, soonest first.

    A municipality's parents see its own courses and the courses open to the whole region.
    """
    today = timezone.localdate()
    courses = public_course_pages().filter(
        registration_opens__lte=today, registration_closes__gte=today
    )
    if language:
        courses = courses.filter(language=language)
    if municipality:
        courses = courses.filter(
            Q(municipality=municipality) | Q(eligibility=Course.Eligibility.REGION)
        )
    return (
        _with_seats(courses)
        .select_related("language", "municipality", "venue")
        .order_by("first_date", "pk")
    )


NOT_PUBLIC = (Course.Status.DRAFT, Course.Status.CANCELLED)


def public_course_get(*, pk: int) -> Course:
    """A course as parents see it; drafts and cancelled courses do not exist for them."""
    courses = Course.objects.exclude(status__in=NOT_PUBLIC)
    course = (
        _with_seats(courses)
        .select_related("language", "municipality", "venue", "programme", "organiser")
        .prefetch_related(Prefetch("meetings", queryset=Meeting.objects.order_by("number")))
        .filter(pk=pk)
        .first()
    )
    if course is None:
        raise Http404
    return course


def registration_closed_reason(*, course: Course) -> str | None:
    """Why a parent cannot register now, in a whole sentence; None when they can."""
    today = timezone.localdate()
    if course.status not in (Course.Status.OPEN, Course.Status.FULL):
        return _("Registration for this course is closed.")
    if today < course.registration_opens:
        return _("Registration opens on %(date)s.") % {
            "date": local_date(course.registration_opens)
        }
    started = course.meetings.filter(starts_at__lte=timezone.now()).exists()
    if today > course.registration_closes or started:
        return _("Registration for this course has closed.")
    return None


def next_waitlist_position(course: Course) -> int | None:
    """The place a new registration would get, or None while there are seats."""
    return None if course.seats_left > 0 else course.waiting + 1


def municipalities() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name")


def registration_token(registration: Registration) -> str:
    """The secret part of a parent's personal link."""
    return registration.link_token


def registration_from_token(token: str) -> Registration:
    """The registration a personal link points to, or 404 for a wrong or revoked link."""
    if not TOKEN.fullmatch(token):  # nothing PostgreSQL would refuse to compare (a NUL)
        raise Http404
    registration = (
        Registration.objects.select_related(
            "course__language", "course__venue", "course__municipality", "course__programme"
        )
        .filter(link_token=token, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        raise Http404
    registration.waitlist_position = waitlist_position(registration)
    return registration


def may_see_follow_up(*, user: User, course: Course) -> bool:
    """The one rule for follow-up notes: the course's leaders and the coordinators of the
    course's organiser see them; nobody else (not the coordinators of the municipality where it
    is held, nor of the parent's). Every page and export that shows a note asks this."""
    if course.leaders.filter(pk=user.pk).exists():
        return True
    return scope_for(user).coordinates(course.organiser_id)


class StaffList(TypedDict):
    """A course's registrations by state, for its participant page."""

    offered: list[Registration]
    calls: list[Registration]  # the offers staff must phone in (offers_needing_a_call)
    confirmed: QuerySet[Registration]
    waiting: QuerySet[Any, Registration]  # with waitlist_position (with_waitlist_positions)
    cancelled: QuerySet[Registration]


def course_registrations_for_staff(*, user: User, course: Course) -> StaffList:
    """Everyone registered for a course, with queue places; only for staff responsible for it."""
    is_leader = course.leaders.filter(pk=user.pk).exists()
    if not (course_can_edit(user=user, course=course) or is_leader):
        raise Http404
    confirmed = course.registrations.filter(status=Registration.Status.CONFIRMED).select_related(
        "municipality"
    )
    waiting = with_waitlist_positions(course.registrations.all()).select_related("municipality")
    offered = list(
        course.registrations.filter(status=Registration.Status.OFFERED)
        .select_related("municipality")
        .order_by("offer_expires_at", "pk")
    )
    calls = offers_needing_a_call(offered)
    for registration in offered:
        registration.needs_call = registration.pk in calls
    cancelled = course.registrations.filter(status=Registration.Status.CANCELLED)
    return {
        "offered": offered,
        "calls": [registration for registration in offered if registration.needs_call],
        "confirmed": confirmed.order_by("last_name", "first_name"),
        "waiting": waiting.order_by("waitlist_position"),
        "cancelled": cancelled.order_by("-cancelled_at"),
    }


def _can_receive_sms(phone: str) -> bool:
    number = parse_phone(phone)
    return number is not None and phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def offers_needing_a_call(registrations: Iterable[Registration]) -> set[int]:
    """Of these registrations, those whose offer staff must phone in rather than send: the
    parent was registered by staff (on the phone), wants SMS, and has no confirmed mobile, i.e.
    no number that takes SMS and that a message of ours was delivered to. One query."""
    by_text = [
        r
        for r in registrations
        if r.registered_by_id and not (r.channel == Registration.Channel.EMAIL and r.email)
    ]
    mobiles = [r.pk for r in by_text if r.phone and _can_receive_sms(r.phone)]
    delivered = set(
        Message.objects.filter(
            recipient_type="participants.registration",
            recipient_id__in=mobiles,
            status=Message.Status.DELIVERED,
        ).values_list("recipient_id", flat=True)
        if mobiles
        else []
    )
    return {r.pk for r in by_text if r.pk not in delivered}
