import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, Self

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Holder(Protocol):
    """The row that holds the seats (a course, a training day): the core imports neither."""

    pk: Any
    capacity: int


class Enrolment(models.Model):
    """A seat, or a place in the queue for one, on something with limited capacity.

    Parents' course registrations and staff's training-day registrations are both enrolments,
    so capacity and the waiting list are written once (`equalcity.capacity`). A concrete model
    names the row that holds the capacity in `holder_field` (e.g. "course"), says when the
    holder first meets (`holder_starts`: no offer lasts past it) and may add pools (e.g. seats
    per municipality) by overriding `capacity_pools`.

    A seat freed for the waiting list is offered, not imposed: the next in line is `offered`
    (the seat is held for them) until they accept, decline or let `offer_expires_at` pass.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        OFFERED = "offered", _("Offered a seat")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    class OfferAnswer(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted the seat")
        DECLINED = "declined", _("Declined the seat")
        EXPIRED = "expired", _("Did not answer in time")

    class AnswerSource(models.TextChoices):
        SMS = "sms", _("by SMS reply")
        LINK = "link", _("on their personal page")
        STAFF = "staff", _("to a staff member")

    #: The field of the row that holds the capacity ("course"): every concrete model names it.
    holder_field: ClassVar[str]

    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered on"), auto_now_add=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("got a seat from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    offered_at = models.DateTimeField(_("offered a seat on"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("answer the offer by"), null=True, blank=True)
    offer_answer = models.CharField(
        _("answer to the offer"), max_length=8, choices=OfferAnswer.choices, blank=True
    )
    offer_answered_via = models.CharField(
        _("answered"), max_length=5, choices=AnswerSource.choices, blank=True
    )

    class Meta:
        abstract = True

    if TYPE_CHECKING:
        # Each concrete enrolment has Django's default manager; django-stubs gives an abstract
        # model none, and equalcity.capacity works on the model classes through this one.
        objects: ClassVar[models.Manager[Self]]
        # The place in the queue (1 = next in line) on the rows that
        # equalcity.capacity.with_waitlist_positions annotates, and on the registration a
        # parent's page shows (None there for anyone not waiting).
        waitlist_position: int | None

    @property
    def holder(self) -> Holder:
        return getattr(self, self.holder_field)

    @classmethod
    def holder_starts(cls, holder: Holder) -> dt.datetime | None:
        """When the holder first meets (an aware datetime), or None if it does not yet."""
        raise NotImplementedError

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.OFFERED, self.Status.WAITLISTED)
