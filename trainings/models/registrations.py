"""A staff member's registration for a training day: a seat or a place in the queue."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from equalcity.capacity import HOLDING, Pool, default_pools
from equalcity.models import Enrolment, Organisation
from trainings.models.days import MunicipalitySeats, TrainingDay


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
