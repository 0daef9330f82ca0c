"""Cluster meetings, and the staff groups the municipalities send to them."""

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from equalcity.models import Organisation, Venue


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

    if TYPE_CHECKING:
        # The manager modeltranslation makes at run time (see TrainingDay in days.py).
        objects: ClassVar[models.Manager[Self]]

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

    if TYPE_CHECKING:
        # The manager modeltranslation makes at run time (see TrainingDay in days.py).
        objects: ClassVar[models.Manager[Self]]

    class Meta:
        ordering = ["date"]
        verbose_name = _("cluster meeting")
        verbose_name_plural = _("cluster meetings")

    def __str__(self):
        return f"{self.date}"
