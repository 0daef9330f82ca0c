"""A municipality's local workshop, one per programme period."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from equalcity.models import Organisation


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
