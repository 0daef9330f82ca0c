"""The programme "Förälder i nytt land" with its seven meeting themes, in every language."""

import datetime as dt

from courses.models import LanguageTarget, MeetingTheme, Programme
from demo import content
from demo.seed.places import IC, school_year_start
from equalcity.models import CourseLanguage, Organisation

SLUG = "foralder-i-nytt-land"


def programme_seed(
    *, orgs: dict[str, Organisation], languages: dict[str, CourseLanguage], today: dt.date
) -> Programme:
    autumn = school_year_start(today)
    programme, _ = Programme.objects.update_or_create(
        slug=SLUG,
        defaults={
            "owner": orgs[IC],
            "central_municipality": orgs["goteborg"],
            "starts_on": dt.date(autumn, 8, 1),
            "ends_on": dt.date(autumn + 1, 7, 31),
            **{f"name_{lang}": text for lang, text in content.PROGRAMME_NAME.items()},
            **{f"description_{lang}": text for lang, text in content.PROGRAMME_DESCRIPTION.items()},
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
