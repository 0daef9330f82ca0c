from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Enrolment(models.Model):
    """A seat, or a place in the queue for one, on something with limited capacity.

    Parents' course registrations and staff's training-day registrations are both enrolments,
    so capacity and the waiting list are written once (`equalcity.capacity`). A concrete model
    names the row that holds the capacity in `holder_field` (e.g. "course") and may add pools
    (e.g. seats per municipality) by overriding `capacity_pools`.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    holder_field = None

    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered on"), auto_now_add=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("got a seat from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def holder(self):
        return getattr(self, self.holder_field)

    @property
    def is_active(self):
        return self.status in (self.Status.CONFIRMED, self.Status.WAITLISTED)
