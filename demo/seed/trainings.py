"""Staff training around today: regional training days (two held with their summaries, two
open for registration), a training for future course leaders, a cluster meeting held and one
ahead, and a workshop booked by Partille while Mölndal's is still to book."""

import datetime as dt

from courses.scheduling import public_holidays
from demo import content
from demo.seed.people import DEMO_USERS
from demo.seed.places import IC
from equalcity.models import Organisation, User, Venue
from trainings.models import (
    ClusterMeeting,
    ClusterTheme,
    ProgrammeItem,
    StaffGroup,
    StaffGroupMember,
    TrainingDay,
    WorkshopBooking,
    programme_period,
)

# Weeks from today of the four regional days, in the order of content.TRAINING_DAYS.
REGIONAL_WEEKS = [-14, -5, 3, 9]
REGISTRATION_WEEKS = 2  # registration closes two weeks before a regional day
TARGET_GROUP = {
    "sv": "Socialsekreterare och andra medarbetare som möter nyanlända familjer",
    "en": "Social workers and other staff who meet newly arrived families",
}


def working_day(day: dt.date, *, weekday: int | None = None) -> dt.date:
    """The first weekday on or after `day` (the given one, if any) that is not a day off."""
    if weekday is not None:
        day += dt.timedelta(days=(weekday - day.weekday()) % 7)
    step = dt.timedelta(days=1 if weekday is None else 7)
    while day.weekday() >= 5 or public_holidays(day, day):
        day += step
    return day


def trainings_seed(
    *, orgs: dict[str, Organisation], venues: dict[str, Venue], today: dt.date
) -> None:
    """Dated around today on every run: a day past its deadline is moved, not left behind."""
    for weeks, (title_sv, title_en) in zip(REGIONAL_WEEKS, content.TRAINING_DAYS, strict=True):
        date = working_day(today + dt.timedelta(weeks=weeks), weekday=3)
        summary = content.TRAINING_SUMMARIES.get(title_sv, {}) if date < today else {}
        training_day, _ = TrainingDay.objects.update_or_create(
            title_sv=title_sv,
            defaults={
                "title_en": title_en,
                "organiser": orgs["gr"],
                "date": date,
                "starts_at": dt.time(9, 0),
                "ends_at": dt.time(16, 0),
                "venue": venues["gr"],
                "capacity": 80,
                "registration_deadline": date - dt.timedelta(weeks=REGISTRATION_WEEKS),
                **{f"target_group_{lang}": text for lang, text in TARGET_GROUP.items()},
                "status": TrainingDay.Status.HELD if date < today else TrainingDay.Status.OPEN,
                "discussion_questions_sv": content.DISCUSSION_QUESTIONS,
                **{f"summary_{lang}": text for lang, (text, _points) in summary.items()},
                **{f"key_points_{lang}": points for lang, (_text, points) in summary.items()},
            },
        )
        if not training_day.programme_items.exists():
            ProgrammeItem.objects.bulk_create(
                ProgrammeItem(
                    training_day=training_day,
                    starts_at=dt.time(*start),
                    title_sv=title,
                    speaker=speaker,
                )
                for start, title, speaker in content.programme_for(title_sv)
            )
    leaders_day = working_day(today + dt.timedelta(weeks=6), weekday=1)
    TrainingDay.objects.update_or_create(
        title_sv="Utbildning för blivande kursledare",
        defaults={
            "kind": TrainingDay.Kind.COURSE_LEADERS,
            "title_en": "Training for future course leaders",
            "organiser": orgs[IC],
            "date": leaders_day,
            "starts_at": dt.time(9, 0),
            "ends_at": dt.time(15, 0),
            "venue": venues["centrum"],
            "capacity": 20,
            "registration_deadline": leaders_day - dt.timedelta(days=10),
            "status": TrainingDay.Status.OPEN,
            "target_group_sv": "Blivande kursledare från de medverkande kommunerna",
        },
    )
    clusters_seed(orgs=orgs, venues=venues, today=today)
    workshop_seed(orgs=orgs, today=today)


def clusters_seed(
    *, orgs: dict[str, Organisation], venues: dict[str, Venue], today: dt.date
) -> None:
    """A cluster meeting held, with minutes, and one ahead, unless the demo has them."""
    themes = [
        ClusterTheme.objects.get_or_create(name_sv=sv, defaults={"name_en": en})[0]
        for sv, en in content.CLUSTER_THEMES
    ]
    for slug in ("molndal", "partille", "lerum", "harryda"):
        StaffGroup.objects.get_or_create(municipality=orgs[slug])
    staff_email = next(email for email, *_rest in DEMO_USERS if email.startswith("staff@"))
    StaffGroupMember.objects.get_or_create(
        group=StaffGroup.objects.get(municipality=orgs["molndal"]),
        user=User.objects.get(email=staff_email),
        defaults={"function": "social_services"},
    )
    if not ClusterMeeting.objects.filter(status=ClusterMeeting.Status.HELD).exists():
        held = ClusterMeeting.objects.create(
            date=working_day(today - dt.timedelta(weeks=5), weekday=1),
            starts_at=dt.time(13),
            ends_at=dt.time(16),
            venue=venues["gr"],
            status=ClusterMeeting.Status.HELD,
            minutes_sv="Kommunerna jämförde hur de når nyanlända familjer med information.\n"
            "Mölndal och Partille delar erfarenheter av familjecentraler.",
        )
        held.municipalities.set([orgs[s] for s in ("molndal", "partille", "lerum")])
        held.themes.set(themes[:2])
    ahead = ClusterMeeting.objects.filter(status=ClusterMeeting.Status.PLANNED, date__gt=today)
    if not ahead.exists():
        planned = ClusterMeeting.objects.create(
            date=working_day(today + dt.timedelta(weeks=4), weekday=1),
            starts_at=dt.time(13),
            ends_at=dt.time(16),
            venue=venues["gr"],
            status=ClusterMeeting.Status.PLANNED,
        )
        planned.municipalities.set([orgs[s] for s in ("molndal", "partille", "harryda")])
        planned.themes.set(themes[2:])


def workshop_seed(*, orgs: dict[str, Organisation], today: dt.date) -> None:
    """Partille has requested its workshop; Mölndal's coordinator still has one to book."""
    requested = working_day(today + dt.timedelta(weeks=6))
    partille = orgs["partille"]
    booked = WorkshopBooking.objects.filter(
        municipality=partille, period=programme_period(requested)
    ).exclude(status=WorkshopBooking.Status.WITHDRAWN)
    if not booked.exists():
        WorkshopBooking.objects.create(
            municipality=partille,
            period=programme_period(requested),
            requested_date=requested,
            place="Partille bibliotek",
            expected_participants=25,
            contact_name="Mats Mölndal",
            contact_email="partille@demo.equalcity.se",
        )
