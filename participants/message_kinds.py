"""The messages to parents in the staff outbox: their kinds in words, and who may see them."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from courses.selectors import course_visible_filter
from equalcity.access import scope_for
from equalcity.message_kinds import register_kind, register_scope
from participants.models import Registration

KINDS = {
    "registration_confirmed": _("Seat confirmed"),
    "registration_waitlisted": _("Place on the waiting list"),
    "registration_promoted": _("Seat from the waiting list"),
    "registration_cancelled": _("Registration cancelled"),
    "registration_childcare": _("Answer about childcare"),
    "seat_offered": _("Seat offered, with a deadline"),
    "meeting_reminder": _("Reminder before a meeting"),
    "meeting_moved": _("Meeting moved"),
    "meeting_cancelled": _("Meeting cancelled"),
    "attendance_prompt": _("Reminder to record attendance"),
    "meeting_answer_confirmed": _("Thanks for an answer about a meeting"),
    "reminders_stopped": _("Reminders turned off by SMS"),
}
# The course leader speaks to the group (participants.broadcasts).
KINDS["course_broadcast"] = _("Message from the course leader")


def messages_to_parents_in_scope(user) -> Q:
    """The messages to the parents of the courses a municipal coordinator coordinates."""
    scope = scope_for(user)
    if not scope.coordinated_org_ids:
        return Q(pk__in=[])
    courses = Course.objects.filter(course_visible_filter(user))
    registrations = Registration.objects.filter(course__in=courses).values("pk")
    return Q(recipient_type="participants.registration", recipient_id__in=registrations)


def register():
    for kind, label in KINDS.items():
        register_kind(kind, label)
    register_scope(messages_to_parents_in_scope)
