import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from equalcity.capacity import HOLDING, Pool, default_pools
from equalcity.models import Enrolment, Organisation, Venue


class TrainingDay(models.Model):
    """A regional training day for staff, or a training for future course leaders."""

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional training day")
        COURSE_LEADERS = "course_leaders", _("Training for course leaders")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for registration")
        CLOSED = "closed", _("Registration closed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGIONAL)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="training_days",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        related_name="training_days",
    )
    capacity = models.PositiveSmallIntegerField(_("seats"), default=80)
    registration_deadline = models.DateField(_("registration deadline"))
    discussion_questions = models.TextField(
        _("discussion questions for work teams"),
        blank=True,
        help_text=_("One question per line."),
    )
    summary = models.TextField(_("summary"), blank=True)
    key_points = models.TextField(_("key points"), blank=True, help_text=_("One point per line."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("training day")
        verbose_name_plural = _("training days")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="training_day_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def open_for_registration(self) -> bool:
        """Open, and its deadline not passed (the registration service says the same)."""
        return self.status == self.Status.OPEN and timezone.localdate() <= (
            self.registration_deadline
        )


class ProgrammeItem(models.Model):
    """One item of a training day's programme."""

    training_day = models.ForeignKey(
        TrainingDay, on_delete=models.CASCADE, related_name="programme_items"
    )
    starts_at = models.TimeField(_("time"))
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)

    class Meta:
        ordering = ["training_day", "starts_at", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return f"{self.starts_at:%H:%M} {self.title}"


class MunicipalitySeats(models.Model):
    """An optional cap on how many seats of a training day one municipality may take."""

    training_day = models.ForeignKey(
        TrainingDay, on_delete=models.CASCADE, related_name="municipality_seats"
    )
    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        verbose_name = _("seats for a municipality")
        verbose_name_plural = _("seats per municipality")
        constraints = [
            models.UniqueConstraint(
                fields=["training_day", "municipality"], name="municipality_seats_unique"
            ),
        ]

    def __str__(self):
        return f"{self.municipality}: {self.seats}"


class StaffRegistration(Enrolment):
    """A staff member's seat (or queue place) on a training day; seats work as for courses."""

    holder_field = "training_day"

    training_day = models.ForeignKey(
        TrainingDay,
        verbose_name=_("training day"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="training_registrations",
    )
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="training_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        ordering = ["training_day", "created_at", "pk"]
        verbose_name = _("staff registration")
        verbose_name_plural = _("staff registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["training_day", "user"],
                condition=models.Q(status__in=["confirmed", "offered", "waitlisted"]),
                name="staff_registration_one_active",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.training_day}"

    @classmethod
    def holder_starts(cls, holder):
        return timezone.make_aware(dt.datetime.combine(holder.date, holder.starts_at))

    def capacity_pools(self):
        """The day's seats, and the municipality's own cap when the day has one."""
        pools = default_pools(self)
        cap = MunicipalitySeats.objects.filter(
            training_day_id=self.training_day_id, municipality_id=self.municipality_id
        ).first()
        if cap:
            pools.append(
                Pool(
                    limit=cap.seats,
                    taken=StaffRegistration.objects.filter(
                        training_day_id=self.training_day_id,
                        municipality_id=self.municipality_id,
                        status__in=HOLDING,
                    ),
                )
            )
        return pools


def programme_period(day) -> str:
    """The programme period a date belongs to: school years, 1 August to 31 July."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}/{str(start + 1)[2:]}"


class WorkshopBooking(models.Model):
    """A municipality's local workshop "Interkulturell kompetens": one per programme period."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        OTHER_DATE = "other_date", _("Another date proposed")
        HELD = "held", _("Held")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="workshops",
    )
    period = models.CharField(_("programme period"), max_length=7)
    requested_date = models.DateField(_("requested date"))
    confirmed_date = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    expected_participants = models.PositiveSmallIntegerField(_("expected participants"))
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    coordinator_note = models.CharField(_("note from the coordinator"), max_length=300, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["requested_date"]
        verbose_name = _("workshop booking")
        verbose_name_plural = _("workshop bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "period"],
                condition=~models.Q(status="withdrawn"),
                name="workshop_one_per_municipality_and_period",
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.period}"


class StaffGroup(models.Model):
    """A municipality's group of 6–10 staff from different functions for cluster meetings."""

    MIN_SIZE, MAX_SIZE = 6, 10

    municipality = models.OneToOneField(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="staff_group",
    )

    class Meta:
        verbose_name = _("staff group")
        verbose_name_plural = _("staff groups")

    def __str__(self):
        return str(self.municipality)


class StaffGroupMember(models.Model):
    class Function(models.TextChoices):
        SOCIAL_SERVICES = "social_services", _("Social services")
        SCHOOL = "school", _("School")
        PRESCHOOL = "preschool", _("Preschool")
        HEALTH = "health", _("Health care")
        INTEGRATION = "integration", _("Integration and civic orientation")
        LEISURE = "leisure", _("Culture and leisure")
        OTHER = "other", pgettext_lazy("function", "Other")

    group = models.ForeignKey(StaffGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="staff_groups",
    )
    function = models.CharField(_("function"), max_length=20, choices=Function.choices)

    class Meta:
        ordering = ["group", "function"]
        verbose_name = _("staff group member")
        verbose_name_plural = _("staff group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="staff_group_member_unique"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_function_display()})"


class ClusterTheme(models.Model):
    """A theme for cluster meetings: collaboration, building trust, spreading information…"""

    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster theme")
        verbose_name_plural = _("cluster themes")

    def __str__(self):
        return self.name


class ClusterMeeting(models.Model):
    """3–4 municipalities meet, with their staff groups, on a theme."""

    MIN_MUNICIPALITIES, MAX_MUNICIPALITIES = 3, 4

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="cluster_meetings"
    )
    municipalities = models.ManyToManyField(
        Organisation, verbose_name=_("municipalities"), related_name="cluster_meetings"
    )
    themes = models.ManyToManyField(ClusterTheme, verbose_name=_("themes"), blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attended"),
        blank=True,
        related_name="cluster_meetings_attended",
    )
    minutes = models.TextField(_("minutes"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("cluster meeting")
        verbose_name_plural = _("cluster meetings")

    def __str__(self):
        return f"{self.date}"
