"""Load the demo programme of seed 001. Safe to run again: nothing is duplicated."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from courses.models import Course, LanguageTarget, Meeting, MeetingTheme, Programme, SchoolBreak
from courses.services import course_save, courses_stored_counts_refresh
from demo import content
from demo.school_breaks import breaks_for
from equalcity.models import CourseLanguage, Organisation, Role, User, Venue
from participants.models import Attendance, Registration
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

DEMO_PASSWORD = "equalcity-demo"  # noqa: S105 - printed for the demo; never used in production

# slug, name, takes part in the programme
MUNICIPALITIES = [
    ("goteborg", "Göteborg", True),
    ("harryda", "Härryda", True),
    ("kungalv", "Kungälv", True),
    ("lerum", "Lerum", True),
    ("lilla-edet", "Lilla Edet", True),
    ("molndal", "Mölndal", True),
    ("partille", "Partille", True),
    ("stenungsund", "Stenungsund", True),
    ("ockero", "Öckerö", True),
    ("ale", "Ale", False),
    ("alingsas", "Alingsås", False),
    ("kungsbacka", "Kungsbacka", False),
    ("tjorn", "Tjörn", False),
]
PARTNER_CITIES = [("rom", "Rom"), ("bryssel", "Bryssel"), ("luxemburg", "Luxemburg")]

# slug, venue name, street, postal code, city, municipality
VENUES = [
    ("angered", "Integrationscentrum Angered", "Angereds Torg 5", "424 65", "Angered", "goteborg"),
    ("hjallbo", "Hjällbo mötesplats", "Hjällbo Torg 2", "424 31", "Angered", "goteborg"),
    ("centrum", "Integrationscentrum Centrum", "Kyrkogatan 44", "411 15", "Göteborg", "goteborg"),
    ("gr", "Göteborgsregionen", "Anders Personsgatan 8", "416 64", "Göteborg", "goteborg"),
    ("molndal", "Familjecentralen Mölndal", "Göteborgsvägen 11", "431 30", "Mölndal", "molndal"),
    ("partille", "Partille bibliotek", "Gamla Kronvägen 42", "433 33", "Partille", "partille"),
    ("lerum", "Medborgarhuset Lerum", "Lerums Torg 1", "443 30", "Lerum", "lerum"),
    ("kungalv", "Mimers hus", "Mimers gata 1", "442 31", "Kungälv", "kungalv"),
    ("harryda", "Mölnlycke kulturhus", "Biblioteksgatan 5", "435 30", "Mölnlycke", "harryda"),
    (
        "stenungsund",
        "Kulturhuset Fregatten",
        "Fregattgatan 2",
        "444 30",
        "Stenungsund",
        "stenungsund",
    ),
    (
        "lilla-edet",
        "Ströms slott, Folkets hus",
        "Strömsvägen 4",
        "463 30",
        "Lilla Edet",
        "lilla-edet",
    ),
    ("ockero", "Öckerö bibliotek", "Prästvägen 6", "475 30", "Öckerö", "ockero"),
]

# Venues whose street address is longer than the 20 characters an SMS has room for.
SMS_ADDRESSES = {"gr": "Anders Personsg. 8"}

DEMO_USERS = [
    # e-mail, first name, last name, role, organisation slug
    ("regional@demo.equalcity.se", "Rebecka", "Regional", Role.Kind.REGIONAL_COORDINATOR, "gr"),
    (
        "goteborg@demo.equalcity.se",
        "Maria",
        "Göteborg",
        Role.Kind.MUNICIPAL_COORDINATOR,
        "goteborg",
    ),
    ("molndal@demo.equalcity.se", "Mats", "Mölndal", Role.Kind.MUNICIPAL_COORDINATOR, "molndal"),
    (
        "leader@demo.equalcity.se",
        "Amina",
        "Kursledare",
        Role.Kind.COURSE_LEADER,
        "integrationscentrum",
    ),
    ("staff@demo.equalcity.se", "Sara", "Socialsekreterare", Role.Kind.MUNICIPAL_STAFF, "molndal"),
    ("evaluator@demo.equalcity.se", "Jeanette", "Följeforskare", Role.Kind.EVALUATOR, "gr"),
    ("translator@demo.equalcity.se", "Tsegay", "Översättare", Role.Kind.TRANSLATOR, "gr"),
]
# The languages the demo translator translates into.
TRANSLATOR_LANGUAGES = ["ti", "ar"]

# One leader per language (the demo login leads the Arabic courses).
LEADERS = {
    "ar": "leader@demo.equalcity.se",
    "fa-AF": "dari.leader@demo.equalcity.se",
    "en": "english.leader@demo.equalcity.se",
    "so": "somali.leader@demo.equalcity.se",
    "ti": "tigrinya.leader@demo.equalcity.se",
}

LEADER_NAMES = {"fa-AF": "Farid", "en": "Grace", "so": "Hodan", "ti": "Yonas"}

# Weekday offset, start time and weeks after the school year's first Monday in September, for
# the four Göteborg courses of each language; local courses follow LOCAL_PLAN.
GOTEBORG_PLAN = [
    (0, dt.time(9, 30), 0),
    (2, dt.time(13, 0), 7),
    (1, dt.time(17, 30), 20),
    (3, dt.time(9, 30), 27),
]
LOCAL_PLAN = [
    ("molndal", 1, dt.time(17, 30), 3),
    ("partille", 3, dt.time(13, 0), 9),
    ("lerum", 0, dt.time(17, 30), 22),
    ("kungalv", 2, dt.time(9, 30), 24),
    ("harryda", 1, dt.time(13, 0), 10),
    ("stenungsund", 3, dt.time(17, 30), 21),
    ("lilla-edet", 0, dt.time(13, 0), 23),
    ("ockero", 2, dt.time(17, 30), 25),
    ("molndal", 3, dt.time(9, 30), 26),
    ("partille", 1, dt.time(17, 30), 28),
]
LOCAL_VENUE = {
    "molndal": "molndal",
    "partille": "partille",
    "lerum": "lerum",
    "kungalv": "kungalv",
    "harryda": "harryda",
    "stenungsund": "stenungsund",
    "lilla-edet": "lilla-edet",
    "ockero": "ockero",
}
GOTEBORG_VENUES = ["angered", "hjallbo", "centrum", "angered"]

DEMO_PARENTS = {
    "ar": [("أحمد", "الحسن"), ("فاطمة", "العلي"), ("Omar", "Haddad")],
    "fa-AF": [("فرید", "احمدی"), ("مریم", "رحیمی"), ("Zahra", "Hosseini")],
    "en": [("Grace", "Okafor"), ("John", "Mensah"), ("Amal", "Yusuf")],
    "so": [("Hodan", "Cali"), ("Maxamed", "Cabdi"), ("Sahra", "Warsame")],
    "ti": [("ዮናስ", "ተስፋይ"), ("ሳባ", "ገብረ"), ("Selam", "Tesfamariam")],
}


def school_year_start(today):
    return today.year if today.month >= 8 else today.year - 1


IC = "integrationscentrum"


class Command(BaseCommand):
    help = "Load the demo programme (seed 001). Running it again changes nothing."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = self.seed(timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Demo programme ready ({created} new courses)."))
        self.stdout.write("Demo logins (password: %s):" % DEMO_PASSWORD)
        for email, _first, _last, kind, org in DEMO_USERS:
            self.stdout.write(f"  {email:34} {Role.Kind(kind).label} ({org})")

    def seed(self, today):
        orgs = self.seed_organisations()
        languages = self.seed_languages()
        venues = self.seed_venues(orgs)
        autumn = school_year_start(today)
        self.seed_school_breaks(orgs, [autumn - 1, autumn, autumn + 1])
        users = self.seed_users(orgs)
        programme = self.seed_programme(orgs, languages, autumn)
        created = self.seed_courses(programme, orgs, languages, venues, users, autumn, today)
        self.seed_parents(orgs)
        courses_stored_counts_refresh()
        self.seed_training_days(orgs, venues, today)
        return created

    def seed_organisations(self):
        gr, _ = Organisation.objects.update_or_create(
            slug="gr",
            defaults={"name": "Göteborgsregionen", "kind": "region", "phone": "031-335 51 82"},
        )
        orgs = {"gr": gr}
        for slug, name, takes_part in MUNICIPALITIES:
            orgs[slug], _ = Organisation.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": "municipality",
                    "parent": gr,
                    "takes_part": takes_part,
                },
            )
        orgs["integrationscentrum"], _ = Organisation.objects.update_or_create(
            slug="integrationscentrum",
            defaults={
                "name": "Integrationscentrum",
                "kind": "unit",
                "parent": orgs["goteborg"],
                "phone": "031-367 91 64",
            },
        )
        for slug, name in PARTNER_CITIES:
            orgs[slug], _ = Organisation.objects.update_or_create(
                slug=slug, defaults={"name": name, "kind": "partner_city"}
            )
        return orgs

    def seed_languages(self):
        languages = {}
        for position, (code, native, direction, script, interface, names) in enumerate(
            content.COURSE_LANGUAGES
        ):
            languages[code], _ = CourseLanguage.objects.update_or_create(
                code=code,
                defaults={
                    "native_name": native,
                    "direction": direction,
                    "script": script,
                    "interface_language": interface,
                    "position": position,
                    **{f"name_{lang}": name for lang, name in names.items()},
                },
            )
        return languages

    def seed_venues(self, orgs):
        venues = {}
        for slug, name, street, postal_code, city, municipality in VENUES:
            venues[slug], _ = Venue.objects.update_or_create(
                name_sv=name,
                defaults={
                    "street_address": street,
                    "sms_address": SMS_ADDRESSES.get(slug, street),
                    "postal_code": postal_code,
                    "city": city,
                    "municipality": orgs[municipality],
                    **{
                        f"directions_{lang}": text
                        for lang, text in content.VENUE_DIRECTIONS.items()
                    },
                    **{
                        f"accessibility_{lang}": text
                        for lang, text in content.VENUE_ACCESSIBILITY.items()
                    },
                },
            )
        return venues

    def seed_school_breaks(self, orgs, autumn_years):
        for slug, _name, takes_part in MUNICIPALITIES:
            if not takes_part:
                continue
            for autumn in autumn_years:
                for kind, first, last in breaks_for(slug, autumn):
                    SchoolBreak.objects.update_or_create(
                        municipality=orgs[slug],
                        school_year=programme_period(dt.date(autumn, 8, 1)),
                        kind=kind,
                        defaults={"first_day": first, "last_day": last},
                    )

    def seed_users(self, orgs):
        users = {}
        accounts = [*DEMO_USERS] + [
            (
                email,
                LEADER_NAMES[code],
                "Kursledare",
                Role.Kind.COURSE_LEADER,
                "integrationscentrum",
            )
            for code, email in LEADERS.items()
            if email not in {u[0] for u in DEMO_USERS}
        ]
        for email, first, last, kind, org in accounts:
            user, created = User.objects.get_or_create(
                email=email, defaults={"first_name": first, "last_name": last}
            )
            if created:
                if email in {u[0] for u in DEMO_USERS}:
                    user.set_password(DEMO_PASSWORD)
                else:
                    user.set_unusable_password()
                user.save()
            role, _ = Role.objects.get_or_create(user=user, kind=kind, organisation=orgs[org])
            if kind == Role.Kind.TRANSLATOR and role.languages != TRANSLATOR_LANGUAGES:
                role.languages = TRANSLATOR_LANGUAGES
                role.save(update_fields=["languages"])
            users[email] = user
        return users

    def seed_programme(self, orgs, languages, autumn):
        programme, _ = Programme.objects.update_or_create(
            slug="foralder-i-nytt-land",
            defaults={
                "owner": orgs["integrationscentrum"],
                "central_municipality": orgs["goteborg"],
                "starts_on": dt.date(autumn, 8, 1),
                "ends_on": dt.date(autumn + 1, 7, 31),
                **{f"name_{lang}": text for lang, text in content.PROGRAMME_NAME.items()},
                **{
                    f"description_{lang}": text
                    for lang, text in content.PROGRAMME_DESCRIPTION.items()
                },
            },
        )
        for number, (titles, notes) in enumerate(
            zip(content.MEETING_THEMES, content.MEETING_NOTES, strict=True), start=1
        ):
            MeetingTheme.objects.update_or_create(
                programme=programme,
                number=number,
                defaults={
                    **{f"title_{lang}": text for lang, text in titles.items()},
                    **{f"parent_text_{lang}": text for lang, text in notes.items()},
                },
            )
        for language in languages.values():
            LanguageTarget.objects.update_or_create(
                programme=programme, language=language, defaults={"courses": 6}
            )
        return programme

    def seed_courses(self, programme, orgs, languages, venues, users, autumn, today):
        first_monday = dt.date.fromisocalendar(autumn, dt.date(autumn, 9, 1).isocalendar().week, 1)
        plans = []
        for index, code in enumerate(LEADERS):
            for number, (weekday, start, weeks) in enumerate(GOTEBORG_PLAN):
                plans.append(
                    (
                        code,
                        "goteborg",
                        venues[GOTEBORG_VENUES[number]],
                        orgs["integrationscentrum"],
                        "region",
                        weekday,
                        start,
                        weeks + index,
                    )
                )
            for municipality, weekday, start, weeks in LOCAL_PLAN[index * 2 : index * 2 + 2]:
                plans.append(
                    (
                        code,
                        municipality,
                        venues[LOCAL_VENUE[municipality]],
                        orgs[municipality],
                        "municipality",
                        weekday,
                        start,
                        weeks,
                    )
                )
        created = 0
        for code, municipality, venue, organiser, eligibility, weekday, start, weeks in plans:
            first_date = first_monday + dt.timedelta(weeks=weeks, days=weekday)
            key = {
                "programme": programme,
                "language": languages[code],
                "municipality": orgs[municipality],
                "first_date": first_date,
            }
            if Course.objects.filter(**key).exists():
                continue
            course = Course(
                **key,
                organiser=organiser,
                venue=venue,
                start_time=start,
                eligibility=eligibility,
                capacity=15 if municipality == "goteborg" else 12,
                registration_opens=first_date - dt.timedelta(weeks=12),
                registration_closes=first_date - dt.timedelta(days=3),
                **{f"title_{lang}": text for lang, text in content.PROGRAMME_NAME.items()},
            )
            course_save(course=course, leaders=[users[LEADERS[code]]])
            course.status = self.status_for(course, today)
            course.save(update_fields=["status"])
            created += 1
        return created

    def seed_parents(self, orgs):
        """Demo parents on the running and open courses, so that reminders go out under
        `make run`. Phone numbers are in the range PTS keeps for fiction (070-1740605…)."""
        courses = Course.objects.filter(
            status__in=[Course.Status.RUNNING, Course.Status.OPEN, Course.Status.FINISHED]
        ).select_related("language", "municipality")
        number = 0
        for course in courses:
            names = DEMO_PARENTS.get(course.language.code, DEMO_PARENTS["en"])
            for first, last in names:
                phone = f"+4670174{605 + number % 95:04d}"
                number += 1
                if Registration.objects.filter(
                    course=course, first_name=first, last_name=last
                ).exists():
                    continue
                registration = Registration(
                    course=course,
                    first_name=first,
                    last_name=last,
                    phone=phone,
                    municipality=course.municipality,
                    children_6_12=1,
                    channel="sms",
                    language=course.language.interface_language or "sv",
                    status=Registration.Status.CONFIRMED,
                )
                registration.full_clean(validate_constraints=False)
                registration.save()
                # Registered when registration opened: no confirmation goes out today.
                Registration.objects.filter(pk=registration.pk).update(
                    created_at=timezone.make_aware(
                        dt.datetime.combine(course.registration_opens, dt.time(10))
                    )
                )
        self.seed_attendance()

    def seed_attendance(self):
        """Attendance for the meetings that have taken place, in a fixed pattern: most come,
        some are excused or late, one parent in three misses the last meetings."""
        statuses = ["present", "present", "late", "present", "excused", "present", "absent"]
        held = Meeting.objects.filter(ends_at__lt=timezone.now(), status=Meeting.Status.SCHEDULED)
        for meeting in held.select_related("course"):
            for index, registration in enumerate(
                meeting.course.registrations.filter(status="confirmed").order_by("pk")
            ):
                status = statuses[(index + meeting.number) % len(statuses)]
                if index % 3 == 2 and meeting.number > 4:
                    status = "absent"
                Attendance.objects.get_or_create(
                    registration=registration, meeting=meeting, defaults={"status": status}
                )

    @staticmethod
    def status_for(course, today):
        meetings = list(course.meetings.values_list("starts_at", flat=True))
        if timezone.localtime(max(meetings)).date() < today:
            return Course.Status.FINISHED
        if timezone.localtime(min(meetings)).date() <= today:
            return Course.Status.RUNNING
        if course.registration_opens <= today:
            return Course.Status.OPEN
        return Course.Status.DRAFT

    def seed_training_days(self, orgs, venues, today):
        for month, day, title_sv, title_en in content.TRAINING_DAYS:
            date = dt.date(today.year, month, day)
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
                    "registration_deadline": date - dt.timedelta(days=14),
                    "target_group_sv": "Socialsekreterare och andra medarbetare som möter "
                    "nyanlända familjer",
                    "target_group_en": "Social workers and other staff who meet newly "
                    "arrived families",
                    "status": TrainingDay.Status.HELD if date < today else TrainingDay.Status.OPEN,
                    "discussion_questions_sv": content.DISCUSSION_QUESTIONS,
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
        december = dt.date(today.year, 12, 1)
        leaders_day = december + dt.timedelta(days=(1 - december.weekday()) % 7)  # a Tuesday
        TrainingDay.objects.update_or_create(
            title_sv="Utbildning för blivande kursledare",
            defaults={
                "kind": TrainingDay.Kind.COURSE_LEADERS,
                "title_en": "Training for future course leaders",
                "organiser": orgs["integrationscentrum"],
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
        self.seed_clusters(orgs, venues, today)

    def seed_clusters(self, orgs, venues, today):
        themes = [
            ClusterTheme.objects.get_or_create(name_sv=sv, defaults={"name_en": en})[0]
            for sv, en in content.CLUSTER_THEMES
        ]
        for slug in ("molndal", "partille", "lerum", "harryda"):
            StaffGroup.objects.get_or_create(municipality=orgs[slug])
        staff = User.objects.get(email="staff@demo.equalcity.se")
        group = StaffGroup.objects.get(municipality=orgs["molndal"])
        StaffGroupMember.objects.get_or_create(
            group=group, user=staff, defaults={"function": "social_services"}
        )
        held = dt.date(today.year, 10, 7)
        if not ClusterMeeting.objects.filter(date=held).exists():
            meeting = ClusterMeeting.objects.create(
                date=held,
                starts_at=dt.time(13),
                ends_at=dt.time(16),
                venue=venues["gr"],
                status=ClusterMeeting.Status.HELD,
                minutes="Kommunerna jämförde hur de når nyanlända familjer med information.\n"
                "Mölndal och Partille delar erfarenheter av familjecentraler.",
            )
            meeting.municipalities.set([orgs[s] for s in ("molndal", "partille", "lerum")])
            meeting.themes.set(themes[:2])
        if not WorkshopBooking.objects.filter(municipality=orgs["partille"]).exists():
            requested = today + dt.timedelta(weeks=6)
            WorkshopBooking.objects.create(
                municipality=orgs["partille"],
                period=programme_period(requested),
                requested_date=requested,
                place="Partille bibliotek",
                expected_participants=25,
                contact_name="Mats Mölndal",
                contact_email="partille@demo.equalcity.se",
            )
