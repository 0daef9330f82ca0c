from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
                condition=models.Q(status__in=["confirmed", "waitlisted"]),
                name="staff_registration_one_active",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.training_day}"
