"""Writes for staff trainings: registrations, training days, workshops, staff groups, clusters."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equalcity import capacity
from equalcity.access import require_regional, scope_for
from equalcity.capacity import enrolment_cancel, seat_take
from equalcity.models import Enrolment, Organisation, User
from equalcity.outbox import messages_queue
from trainings.documents import refresh_documents_later
from trainings.models import (
    ClusterMeeting,
    ClusterTheme,
    ProgrammeItem,
    StaffGroup,
    StaffGroupMember,
    StaffRegistration,
    TrainingDay,
    WorkshopBooking,
    programme_period,
)
from trainings.planning import offer_email

ACTIVE = (
    StaffRegistration.Status.CONFIRMED,
    StaffRegistration.Status.OFFERED,
    StaffRegistration.Status.WAITLISTED,
)


@transaction.atomic
def staff_registration_create(
    *,
    training_day_id: int,
    user: User,
    municipality: Organisation,
    registered_by: User | None = None,
) -> StaffRegistration:
    """A seat on a training day, or a queue place; the day's row is locked as for courses."""
    day = TrainingDay.objects.select_for_update().get(pk=training_day_id)
    if day.status != TrainingDay.Status.OPEN or timezone.localdate() > day.registration_deadline:
        raise ValidationError(_("Registration for this training day is closed."), code="closed")
    if day.registrations.filter(user=user, status__in=ACTIVE).exists():
        raise ValidationError(
            _("%(name)s is already registered for this training day.") % {"name": user},
            code="duplicate",
        )
    registration = StaffRegistration(
        training_day=day, user=user, municipality=municipality, registered_by=registered_by
    )
    seat_take(enrolment=registration)
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def staff_registration_cancel(*, registration_id: int) -> list[StaffRegistration]:
    day_id = StaffRegistration.objects.values_list("training_day_id", flat=True).get(
        pk=registration_id
    )
    TrainingDay.objects.select_for_update().get(pk=day_id)
    registration = StaffRegistration.objects.get(pk=registration_id)
    if not registration.is_active:
        return []
    offered = enrolment_cancel(enrolment=registration)
    staff_offers_notify(offered)
    return offered


def staff_offers_notify(offered: Sequence[Enrolment]) -> int:
    """An e-mail to each staff member offered a seat, in their language (a fixed number of
    queries for any number of offers)."""
    if not offered:
        return 0
    registrations = StaffRegistration.objects.filter(pk__in=[r.pk for r in offered]).select_related(
        "training_day__venue", "user"
    )
    return messages_queue(offer_email(r) for r in registrations if r.user.email)


def _staff_answer(
    registration_id: int, source: str, answer: Callable[..., capacity.OfferOutcome]
) -> capacity.OfferOutcome:
    day_id = StaffRegistration.objects.values_list("training_day_id", flat=True).get(
        pk=registration_id
    )
    TrainingDay.objects.select_for_update().get(pk=day_id)
    registration = StaffRegistration.objects.get(pk=registration_id)
    outcome = answer(enrolment=registration, source=source)
    staff_offers_notify(outcome.offered)
    return outcome


@transaction.atomic
def staff_offer_accept(*, registration_id: int, source: str) -> capacity.OfferOutcome:
    """The staff member takes the seat offered to them on a training day (as for parents:
    `participants.offers.offer_accept`)."""
    return _staff_answer(registration_id, source, capacity.offer_accept)


@transaction.atomic
def staff_offer_decline(*, registration_id: int, source: str) -> capacity.OfferOutcome:
    """The staff member does not want the seat: it is offered to the next in line at once."""
    return _staff_answer(registration_id, source, capacity.offer_decline)


def staff_offers_expire(*, now: dt.datetime | None = None) -> capacity.SweepCounts:
    """The planner's sweep of training-day offers past their deadline."""
    with transaction.atomic():
        sweep = capacity.offers_expire(model=StaffRegistration, now=now or timezone.now())
        staff_offers_notify(sweep.offered)
    return {"expired": len(sweep.expired), "offered": len(sweep.offered)}


def staff_check_in(*, registration_id: int, present: bool) -> None:
    StaffRegistration.objects.filter(
        pk=registration_id, status=StaffRegistration.Status.CONFIRMED
    ).update(checked_in_at=timezone.now() if present else None)


def parse_programme(text: str) -> list[tuple[dt.time, str, str]]:
    """Programme lines as a coordinator types them: "09:00 | Welcome | Anna Svensson"."""
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        try:
            starts = dt.time.fromisoformat(parts[0])
        except ValueError:
            raise ValidationError(
                {
                    "programme": _(
                        "Line %(number)s: start with a time, for example 09:00 | "
                        "Welcome | Anna Svensson."
                    )
                    % {"number": number}
                }
            ) from None
        if len(parts) < 2 or not parts[1]:
            raise ValidationError(
                {
                    "programme": _("Line %(number)s: write a title after the time.")
                    % {"number": number}
                }
            )
        items.append((starts, parts[1], parts[2] if len(parts) > 2 else ""))
    return items


@transaction.atomic
def training_day_save(
    *, user: User, day: TrainingDay, programme: list[tuple[dt.time, str, str]] | None = None
) -> TrainingDay:
    """GR's coordinator plans a training day, its programme, and later its summary."""
    require_regional(user)
    day.full_clean()
    day.save()
    if programme is not None:
        day.programme_items.all().delete()
        ProgrammeItem.objects.bulk_create(
            ProgrammeItem(training_day=day, starts_at=starts, title=title, speaker=speaker)
            for starts, title, speaker in programme
        )
    refresh_documents_later(day)
    return day


@transaction.atomic
def workshop_book(
    *,
    user: User,
    municipality: Organisation,
    requested_date: dt.date,
    place: str,
    expected_participants: int,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
) -> WorkshopBooking:
    """A municipality books its one workshop of the programme period."""
    if not scope_for(user).coordinates(municipality.pk):
        raise PermissionDenied
    period = programme_period(requested_date)
    existing = (
        WorkshopBooking.objects.select_for_update()
        .filter(municipality=municipality, period=period)
        .exclude(status=WorkshopBooking.Status.WITHDRAWN)
        .first()
    )
    if existing:
        raise ValidationError(
            _(
                "%(municipality)s has already booked its workshop for %(period)s (%(date)s). "
                "Each municipality can book one workshop per programme period."
            )
            % {
                "municipality": municipality.name,
                "period": period,
                "date": existing.requested_date.isoformat(),
            },
            code="already_booked",
        )
    booking = WorkshopBooking(
        municipality=municipality,
        period=period,
        requested_date=requested_date,
        place=place,
        expected_participants=expected_participants,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        booked_by=user,
    )
    booking.full_clean()
    booking.save()
    return booking


def workshop_decide(
    *,
    user: User,
    booking: WorkshopBooking,
    confirm: bool,
    other_date: dt.date | None = None,
    note: str = "",
) -> WorkshopBooking:
    """GR's coordinator confirms the requested date or proposes another."""
    require_regional(user)
    if confirm:
        booking.status = WorkshopBooking.Status.CONFIRMED
        booking.confirmed_date = booking.requested_date
    else:
        if other_date is None:
            raise ValidationError({"other_date": _("Choose the date you propose instead.")})
        booking.status = WorkshopBooking.Status.OTHER_DATE
        booking.confirmed_date = other_date
    booking.coordinator_note = note
    booking.full_clean()
    booking.save()
    return booking


def staff_group_size_warning(group: StaffGroup, size: int | None = None) -> str | None:
    """A group outside 6–10 is allowed, with a warning for the coordinator."""
    size = group.members.count() if size is None else size
    if size < StaffGroup.MIN_SIZE:
        return _(
            "The group has %(size)s members. The programme asks for 6 to 10, from "
            "different functions."
        ) % {"size": size}
    if size > StaffGroup.MAX_SIZE:
        return _(
            "The group has %(size)s members. The programme asks for 6 to 10; a larger "
            "group is harder to run."
        ) % {"size": size}
    return None


def staff_group_member_add(
    *, user: User, municipality: Organisation, member: User, function: str
) -> StaffGroupMember:
    if not scope_for(user).coordinates(municipality.pk):
        raise PermissionDenied
    group, _created = StaffGroup.objects.get_or_create(municipality=municipality)
    entry = StaffGroupMember(group=group, user=member, function=function)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def cluster_meeting_save(
    *,
    user: User,
    meeting: ClusterMeeting,
    municipalities: Iterable[Organisation],
    themes: Iterable[ClusterTheme] = (),
) -> ClusterMeeting:
    """A cluster meeting brings together 3 or 4 municipalities, no fewer and no more."""
    require_regional(user)
    municipalities = list(municipalities)
    if (
        not ClusterMeeting.MIN_MUNICIPALITIES
        <= len(municipalities)
        <= ClusterMeeting.MAX_MUNICIPALITIES
    ):
        raise ValidationError(
            {
                "municipalities": _(
                    "A cluster meeting brings together 3 or 4 municipalities. You chose %(count)s."
                )
                % {"count": len(municipalities)}
            }
        )
    meeting.full_clean()
    meeting.save()
    meeting.municipalities.set(municipalities)
    meeting.themes.set(themes)
    return meeting


def cluster_meeting_record(
    *, user: User, meeting: ClusterMeeting, attendees: Iterable[User], minutes: str
) -> ClusterMeeting:
    """Who came and what was said; the minutes PDF follows."""
    require_regional(user)
    meeting.minutes = minutes
    meeting.status = ClusterMeeting.Status.HELD
    meeting.save(update_fields=["minutes", "status"])
    meeting.attendees.set(attendees)
    return meeting
