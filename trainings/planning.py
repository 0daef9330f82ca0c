"""Reminders to staff before a training day, planned by Celery beat."""

import datetime as dt
from typing import TypedDict

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from equalcity.capacity import SweepCounts
from equalcity.i18n import local_date, local_time
from equalcity.models import Message
from equalcity.outbox import Draft, enqueue_pending, messages_queue
from equalcity.refs import Ref
from trainings.models import StaffRegistration, TrainingDay

KIND = "training_reminder"
OFFER_KIND = "training_seat_offered"


def offer_email(registration: StaffRegistration) -> Draft:
    """A seat on a training day is held for the staff member until a deadline."""
    day = registration.training_day
    user = registration.user
    with translation.override(user.language):
        deadline = registration.offer_expires_at
        body = render_to_string(
            "trainings/email/offer.txt",
            {
                "user": user,
                "day": day,
                "date": local_date(day.date),
                "start": local_time(day.starts_at),
                "end": local_time(day.ends_at),
                "deadline_date": local_date(deadline, "full"),
                "deadline_time": local_time(deadline),
                "url": settings.SITE_URL.rstrip("/")
                + reverse("trainings:detail", kwargs={"pk": day.pk}),
            },
        )
        subject = _("A seat is free for you: %(title)s") % {"title": day.title}
    return Draft(
        kind=OFFER_KIND,
        recipient=Ref.to(registration),
        about=Ref.to(day),
        stamp=f"{registration.offered_at:%Y%m%dT%H%M%S}",
        channel=Message.Channel.EMAIL,
        language=user.language,
        to_address=user.email,
        subject=subject,
        body=body,
    )


def _reminder(registration: StaffRegistration) -> Draft:
    day = registration.training_day
    user = registration.user
    with translation.override(user.language):
        body = render_to_string(
            "trainings/email/reminder.txt",
            {
                "user": user,
                "day": day,
                "date": local_date(day.date),
                "start": local_time(day.starts_at),
                "end": local_time(day.ends_at),
                "site_url": settings.SITE_URL.rstrip("/"),
                "login_path": reverse("account_login"),
            },
        )
        subject = _("Reminder: %(title)s on %(date)s") % {
            "title": day.title,
            "date": local_date(day.date),
        }
    return Draft(
        kind=KIND,
        recipient=Ref.to(registration),
        about=Ref.to(day),
        stamp=f"{day.date:%Y%m%d}",
        channel=Message.Channel.EMAIL,
        language=user.language,
        to_address=user.email,
        subject=subject,
        body=body,
    )


def plan_training_reminders(*, now: dt.datetime | None = None) -> int:
    """An e-mail to every confirmed staff member, TRAINING_REMINDER_DAYS before the day."""
    today = timezone.localdate(now or timezone.now())
    last = today + dt.timedelta(days=settings.TRAINING_REMINDER_DAYS)
    registrations = StaffRegistration.objects.filter(
        status=StaffRegistration.Status.CONFIRMED,
        training_day__date__gt=today,
        training_day__date__lte=last,
        training_day__status__in=[TrainingDay.Status.OPEN, TrainingDay.Status.CLOSED],
    ).select_related("training_day__venue", "user")
    return messages_queue(_reminder(r) for r in registrations if r.user.email)


class StaffPlanReport(TypedDict):
    training_offers: SweepCounts
    training_reminders: int
    handed_over: int  # queued messages handed to the broker (enqueue_pending)


def plan_staff_messages(*, now: dt.datetime | None = None) -> StaffPlanReport:
    from trainings.services import staff_offers_expire

    return {
        "training_offers": staff_offers_expire(now=now),
        "training_reminders": plan_training_reminders(now=now),
        "handed_over": enqueue_pending(),
    }
