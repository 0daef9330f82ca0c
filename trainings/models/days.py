"""Training days: the day, its programme, and the seats a municipality may take."""

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from equalcity.models import Organisation, Venue


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

    if TYPE_CHECKING:
        # modeltranslation swaps the default manager for one made at run time, which
        # django-stubs cannot find (trainings/translation.py): the manager as the code uses it.
        objects: ClassVar[models.Manager[Self]]
        # modeltranslation's Swedish columns, which the documents read. The title is required
        # in Swedish by the form (TrainingDayForm), though the column, like every translated
        # one, allows null; the summary is written after the day, if at all.
        title_sv: str
        summary_sv: str | None

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

    if TYPE_CHECKING:
        # The manager modeltranslation makes at run time (see TrainingDay).
        objects: ClassVar[models.Manager[Self]]

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
