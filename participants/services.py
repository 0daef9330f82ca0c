"""Writes for registrations: register, cancel. Seats and queue come from equalcity.capacity."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Course
from courses.services import course_fill_refresh
from equalcity.capacity import enrolment_cancel, seat_take
from equalcity.models import Organisation, User
from participants.models import Registration
from participants.notifications import Event, registration_notify
from participants.offers import offers_notify
from participants.selectors import ACTIVE, registration_closed_reason


@transaction.atomic
def registration_create(
    *,
    course_id: int,
    first_name: str,
    last_name: str,
    phone: str,
    email: str = "",
    municipality: Organisation | None,
    children_0_5: int = 0,
    children_6_12: int = 0,
    children_13_17: int = 0,
    needs_childcare: bool = False,
    needs_accessibility: bool = False,
    needs_note: str = "",
    needs_note_consent: bool = False,
    referral: str = "",
    channel: str = Registration.Channel.SMS,
    language: str,
    registered_by: User | None = None,
) -> Registration:
    """Register a parent: a seat if one is free, otherwise the next place in the queue.

    The course row is locked for the whole transaction, so fifty parents pressing "send" at
    once are served one after the other and the course never takes more than its seats.
    """
    course = Course.objects.select_for_update().select_related("municipality").get(pk=course_id)
    closed = registration_closed_reason(course=course)
    if closed:
        raise ValidationError(closed, code="closed")
    if (
        course.eligibility == Course.Eligibility.MUNICIPALITY
        and municipality != course.municipality
    ):
        raise ValidationError(
            {
                "municipality": _(
                    "This course is for people who live in %(municipality)s. The "
                    "courses in Göteborg are open to parents from the whole region."
                )
                % {"municipality": course.municipality.name}
            },
            code="not_eligible",
        )
    if phone and course.registrations.filter(phone=phone, status__in=ACTIVE).exists():
        raise ValidationError(
            {
                "phone": _(
                    "You are already registered for this course with this phone number. "
                    "Use the personal link in your confirmation to see or change your "
                    "registration."
                )
            },
            code="duplicate",
        )
    registration = Registration(
        course=course,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        email=email,
        municipality=municipality,
        children_0_5=children_0_5,
        children_6_12=children_6_12,
        children_13_17=children_13_17,
        needs_childcare=needs_childcare,
        needs_accessibility=needs_accessibility,
        needs_note=needs_note if needs_note_consent else "",
        needs_note_consent=needs_note_consent and bool(needs_note),
        referral=referral,
        channel=channel,
        language=language,
        registered_by=registered_by,
    )
    seat_take(enrolment=registration)
    registration.full_clean()
    registration.save()
    course_fill_refresh(course=course)
    registration_notify(
        registration=registration,
        event=Event.CONFIRMED
        if registration.status == Registration.Status.CONFIRMED
        else Event.WAITLISTED,
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration_id: int) -> list[Registration]:
    """Cancel a registration; a freed seat is offered to the next in line. Returns the offers.

    Cancelling twice is harmless: the second call finds nothing active and does nothing.
    """
    course_id = Registration.objects.values_list("course_id", flat=True).get(pk=registration_id)
    course = Course.objects.select_for_update().get(pk=course_id)
    registration = Registration.objects.get(pk=registration_id)
    if not registration.is_active:
        return []
    registration.course = course  # the locked row
    offered = enrolment_cancel(enrolment=registration)
    course_fill_refresh(course=course)
    registration_notify(registration=registration, event=Event.CANCELLED)
    offers_notify(offered)
    return offered


def registration_set_reminders(*, registration_id: int, enabled: bool) -> None:
    """The parent turns reminders before each meeting on or off (from their personal link)."""
    Registration.objects.filter(pk=registration_id).exclude(reminders=enabled).update(
        reminders=enabled, reminders_changed_at=timezone.now()
    )
