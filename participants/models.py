import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from courses.models import Course, Meeting
from equalcity.models import Enrolment, Organisation


def new_link_token() -> str:
    """The secret of a parent's personal link: 96 random bits, 16 characters, short enough for a
    link in a two-segment SMS."""
    return secrets.token_urlsafe(12)


def new_link_key() -> str:
    """The key of the old signed links; kept because migration 0001 refers to it."""
    return secrets.token_urlsafe(9)


class Registration(Enrolment):
    """A parent's registration for a course: the minimum the programme needs, nothing more.

    No personal identity number: many newcomers have none, and it is not needed.
    """

    holder_field = "course"

    class Channel(models.TextChoices):
        SMS = "sms", _("Text message (SMS)")
        EMAIL = "email", _("E-mail")

    class Referral(models.TextChoices):
        FRIENDS = "friends", _("Friends or family")
        CIVIC_ORIENTATION = "civic_orientation", _("Civic orientation or SFI")
        SOCIAL_SERVICES = "social_services", _("Social services")
        SCHOOL = "school", _("School or preschool")
        HEALTH = "health", _("Health care or child health centre")
        ASSOCIATION = "association", _("An association or a religious community")
        SOCIAL_MEDIA = "social_media", _("Social media or the internet")
        OTHER = "other", pgettext_lazy("how they heard", "Other")

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="registrations"
    )
    first_name = models.CharField(_("first name"), max_length=60)
    last_name = models.CharField(_("last name"), max_length=60)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality of residence"),
        on_delete=models.PROTECT,
        related_name="resident_registrations",
        null=True,
        blank=True,
    )
    children_0_5 = models.PositiveSmallIntegerField(_("children aged 0–5"), default=0)
    children_6_12 = models.PositiveSmallIntegerField(_("children aged 6–12"), default=0)
    children_13_17 = models.PositiveSmallIntegerField(_("children aged 13–17"), default=0)
    needs_childcare = models.BooleanField(_("needs childcare during the meetings"), default=False)
    needs_accessibility = models.BooleanField(_("needs an accessible room"), default=False)
    needs_note = models.CharField(_("other needs"), max_length=300, blank=True)
    needs_note_consent = models.BooleanField(_("consent to store the note"), default=False)
    referral = models.CharField(
        _("heard about the course from"), max_length=20, choices=Referral.choices, blank=True
    )
    channel = models.CharField(
        _("messages by"), max_length=5, choices=Channel.choices, default=Channel.SMS
    )
    language = models.CharField(
        _("language for messages"), max_length=10, choices=settings.LANGUAGES
    )
    reminders = models.BooleanField(_("reminders before each meeting"), default=True)
    reminders_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The personal link is /r/<link_token>/: whoever has it sees and changes this registration,
    # nobody else. A new token (anonymisation, erasure) revokes the old link.
    link_token = models.CharField(
        max_length=40, unique=True, default=new_link_token, editable=False
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    walk_in = models.BooleanField(_("came without registering"), default=False)
    follow_up_note = models.CharField(_("follow-up note"), max_length=300, blank=True)
    follow_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["course", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One active seat or queue place per phone number and course. Cancelled rows, and
            # walk-ins without a phone, do not count.
            models.UniqueConstraint(
                fields=["course", "phone"],
                condition=models.Q(status__in=["confirmed", "offered", "waitlisted"])
                & ~models.Q(phone=""),
                name="registration_one_active_per_phone",
            ),
            # The optional note may touch health: it is stored only with explicit consent.
            models.CheckConstraint(
                condition=models.Q(needs_note="") | models.Q(needs_note_consent=True),
                name="registration_note_needs_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(fields=["course", "status", "waitlisted_at"]),
            # The planner asks what changed since its last run.
            models.Index(fields=["created_at"]),
            models.Index(fields=["promoted_at"]),
            # The planner sweeps offers past their deadline.
            models.Index(fields=["status", "offer_expires_at"], name="registration_offer_deadline"),
            models.Index(fields=["reminders_changed_at"]),
        ]

    if TYPE_CHECKING:
        # Set by participants.selectors.course_registrations_for_staff on the offers it lists.
        needs_call: bool

    def __str__(self):
        if self.anonymised_at:
            return gettext("Anonymised participant")
        return f"{self.first_name} {self.last_name}"

    @classmethod
    def holder_starts(cls, holder):
        return holder.first_meeting_at

    @property
    def children(self) -> int:
        return self.children_0_5 + self.children_6_12 + self.children_13_17


class PlannerRun(models.Model):
    """When a planner last ran to the end: the next run looks only at what changed since."""

    name = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} {self.started_at:%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    """Whether a participant came to one meeting, as the course leader recorded it."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")
        LATE = "late", _("Late")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=8, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "meeting"], name="attendance_once_per_meeting"
            ),
        ]

    def __str__(self):
        return f"{self.registration} @ {self.meeting}: {self.status}"


class CertificateBatch(models.Model):
    """All certificates of a course in one PDF, made by a Celery task that reports progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", pgettext_lazy("certificate batch", "Failed")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="certificate_batches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveSmallIntegerField(default=0)
    done = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="certificates/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self):
        return f"{self.course} ({self.done}/{self.total})"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


class MeetingAnswer(models.Model):
    """A parent's word on whether they come to a meeting: by SMS reply, by a link in a message
    or on their personal-link page. A later answer replaces the earlier one."""

    class Answer(models.TextChoices):
        COMING = "coming", _("Coming")
        CANNOT_COME = "cannot_come", _("Cannot come")

    class Source(models.TextChoices):
        SMS = "sms", _("Reply by SMS")
        LINK = "link", _("Link in a message")
        PAGE = "page", _("Personal link")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="meeting_answers"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(_("answer"), max_length=11, choices=Answer.choices)
    source = models.CharField(_("answered by"), max_length=4, choices=Source.choices)
    answered_at = models.DateTimeField(_("answered"))

    class Meta:
        verbose_name = _("answer about a meeting")
        verbose_name_plural = _("answers about meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "meeting"], name="meeting_answer_once_per_meeting"
            ),
        ]

    def __str__(self):
        return f"{self.registration} @ {self.meeting}: {self.answer}"
