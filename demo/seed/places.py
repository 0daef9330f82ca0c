"""The region of seed 001: its organisations, venues, course languages and school breaks."""

import datetime as dt

from courses.models import SchoolBreak
from demo import content
from demo.school_breaks import breaks_for
from equalcity.models import CourseLanguage, Organisation, Venue
from trainings.models import programme_period

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
IC = "integrationscentrum"

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


def school_year_start(today: dt.date) -> int:
    """The year in which the school year around `today` began (school years start in August)."""
    return today.year if today.month >= 8 else today.year - 1


def organisations_seed() -> dict[str, Organisation]:
    gr, _ = Organisation.objects.update_or_create(
        slug="gr",
        defaults={"name": "Göteborgsregionen", "kind": "region", "phone": "031-335 51 82"},
    )
    orgs = {"gr": gr}
    for slug, name, takes_part in MUNICIPALITIES:
        orgs[slug], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "kind": "municipality", "parent": gr, "takes_part": takes_part},
        )
    orgs[IC], _ = Organisation.objects.update_or_create(
        slug=IC,
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


def languages_seed() -> dict[str, CourseLanguage]:
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


def venues_seed(*, orgs: dict[str, Organisation]) -> dict[str, Venue]:
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
                **{f"directions_{lang}": text for lang, text in content.VENUE_DIRECTIONS.items()},
                **{
                    f"accessibility_{lang}": text
                    for lang, text in content.VENUE_ACCESSIBILITY.items()
                },
            },
        )
    return venues


def school_breaks_seed(*, orgs: dict[str, Organisation], today: dt.date) -> None:
    """The breaks of last, this and next school year, so that every course the demo plans
    around today is laid out around them."""
    autumn = school_year_start(today)
    wanted = {
        (orgs[slug].pk, programme_period(dt.date(year, 8, 1)), kind): (first, last)
        for slug, _name, takes_part in MUNICIPALITIES
        if takes_part
        for year in (autumn - 1, autumn, autumn + 1)
        for kind, first, last in breaks_for(slug, year)
    }
    # One query to find what is there: a break a coordinator has corrected keeps its dates.
    stored = set(
        SchoolBreak.objects.filter(
            school_year__in={year for _org, year, _kind in wanted}
        ).values_list("municipality_id", "school_year", "kind")
    )
    SchoolBreak.objects.bulk_create(
        SchoolBreak(
            municipality_id=org, school_year=year, kind=kind, first_day=first, last_day=last
        )
        for (org, year, kind), (first, last) in wanted.items()
        if (org, year, kind) not in stored
    )
