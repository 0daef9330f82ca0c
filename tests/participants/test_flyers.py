import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from courses.models import Meeting, MeetingTheme
from demo.content import MEETING_THEMES
from equalcity.documents import document_source, render_html
from equalcity.models import Role
from equalcity.refs import Ref
from participants.flyers import FLYER_A4, FLYER_A5, FlyerMeeting, flyer_get
from tests.factories import CourseFactory, CourseLanguageFactory, UserFactory, VenueFactory
from tests.language_purity import foreign_words
from tests.pdf_utils import missing_glyphs, pdf_text

pytestmark = pytest.mark.django_db

LANGUAGES = {
    # interface language: the course language's row, the title, who it is for
    "ar": (
        {"code": "ar", "name": "arabiska", "name_ar": "العربية", "native_name": "العربية"},
        "أن تكون والدًا في بلد جديد",
        "آباء وأمهات لأطفال في سن المدرسة",
    ),
    "fa-af": (
        {"code": "fa-AF", "name": "dari", "name_fa_af": "دری", "native_name": "دری"},
        "والدین در کشور جدید",
        "پدران و مادرانی که اطفال مکتب‌رو دارند",
    ),
    "ti": (
        {"code": "ti", "name": "tigrinja", "name_ti": "ትግርኛ", "native_name": "ትግርኛ"},
        "ወላዲ ኣብ ሓድሽ ሃገር",
        "ወለዲ ቆልዑ ዕድመ ቤት ትምህርቲ",
    ),
    "so": (
        {"code": "so", "name": "somaliska", "name_so": "Soomaali", "native_name": "Soomaali"},
        "Waalid ku jooga waddan cusub",
        "Waalidiinta carruurta da'da dugsiga",
    ),
}
FIELD = {"fa-af": "fa_af"}


def exactly_200(words):
    """The longest title the form accepts, made of real words."""
    text = (f"{words} " * 30)[:200]
    return text[:-1] + words[0] if text.endswith(" ") else text


def plain(text):
    """Text as compared: without the bidi marks pdftotext adds, nor what the PDF draws but its
    text layer leaves out (Dari's zero-width non-joiner, Arabic marks such as hamza above)."""
    unread = "[\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u065f\u0670]"
    return " ".join(re.sub(unread, "", text).split())


def a_course(programme_language, *, goteborg, integrationscentrum, long=False):
    language_fields, title, target_group = LANGUAGES[programme_language]
    suffix = FIELD.get(programme_language, programme_language)
    today = timezone.localdate()
    course = CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        language=CourseLanguageFactory(
            interface_language=programme_language,
            direction="rtl" if programme_language in ("ar", "fa-af") else "ltr",
            script={"ar": "Arab", "fa-af": "Arab", "ti": "Ethi"}.get(programme_language, "Latn"),
            **language_fields,
        ),
        venue=VenueFactory(
            municipality=goteborg,
            name="Hammarkullens bibliotek",
            street_address="Hammarkulletorget 62",
            postal_code="424 37",
            city="Angered",
        ),
        title="Förälder i nytt land",
        target_group="Föräldrar till barn i skolåldern",
        childcare_offered=True,
        childcare_min_age=1,
        childcare_max_age=6,
        registration_opens=today - dt.timedelta(days=7),
        registration_closes=today + dt.timedelta(days=28),
        first_date=today + dt.timedelta(days=35),
        start_time=dt.time(17, 30),
        **{f"title_{suffix}": title, f"target_group_{suffix}": target_group},
    )
    for number, theme in enumerate(MEETING_THEMES, start=1):
        MeetingTheme.objects.update_or_create(
            programme=course.programme,
            number=number,
            defaults={f"title_{code}": text for code, text in theme.items()},
        )
    # Wednesdays at 17:30, from 10 September to 22 October 2031.
    for meeting in course.meetings.all():
        start = timezone.make_aware(dt.datetime(2031, 9, 10, 17, 30)) + dt.timedelta(
            weeks=meeting.number - 1
        )
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(minutes=150)
        )
    if long:
        course.title = exactly_200("Förälder i nytt land, en kurs om skola, hälsa och rättigheter")
        setattr(course, f"title_{suffix}", exactly_200(title))
        course.save()
    return course


@pytest.fixture
def arabic_course(goteborg, integrationscentrum):
    return a_course("ar", goteborg=goteborg, integrationscentrum=integrationscentrum)


def test_the_flyers_data(arabic_course, settings):
    settings.SITE_URL = "https://equalcity.example.se"
    settings.HELP_PHONE = "031-367 91 64"

    source = document_source(kind=FLYER_A5, source=Ref.to(arabic_course), language="ar")
    flyer = source.data

    assert flyer.size == "A5"
    assert flyer.course_url == f"https://equalcity.example.se/ar/courses/{arabic_course.pk}/"
    assert flyer.qr_code.startswith("data:image/png;base64,")
    assert flyer.address == "Hammarkulletorget 62, 424 37 Angered"
    assert flyer.help_phone == "031-367 91 64"
    own, swedish = flyer.sides
    assert (own.language, own.direction, swedish.language, swedish.direction) == (
        "ar",
        "rtl",
        "sv",
        "ltr",
    )
    assert (own.title, own.title.lang) == ("أن تكون والدًا في بلد جديد", "ar")
    assert own.target_group == "آباء وأمهات لأطفال في سن المدرسة"
    assert own.course_language == "العربية"
    assert (own.venue, own.venue.lang) == ("Hammarkullens bibliotek", "sv")  # no translation
    assert own.childcare_ages == ("١", "٦")
    assert own.meetings[0] == FlyerMeeting(
        number="١",
        date="الأربعاء، ١٠ سبتمبر",
        time="١٧:٣٠–٢٠:٠٠",
        theme="أن تكون والدًا في بلد جديد",
    )
    assert own.meetings[0].theme.lang == "ar"
    assert own.meetings[-1] == FlyerMeeting(
        number="٧", date="الأربعاء، ٢٢ أكتوبر", time="١٧:٣٠–٢٠:٠٠", theme="مستقبل الأسرة في السويد"
    )
    assert swedish.title == "Förälder i nytt land"
    assert swedish.target_group == "Föräldrar till barn i skolåldern"
    assert swedish.course_language == "arabiska"
    assert swedish.childcare_ages == ("1", "6")
    assert [m.date for m in swedish.meetings][::6] == ["onsdag 10 september", "onsdag 22 oktober"]
    assert swedish.meetings[-1].time == "17:30–20:00"
    assert [m.theme for m in swedish.meetings] == [theme["sv"] for theme in MEETING_THEMES]
    with translation.override("sv"):
        word = translation.pgettext("file name", "flyer")  # "flygblad" once translated
    assert source.filename == (
        f"{word}-a5-العربية-foralder-i-nytt-land-{arabic_course.first_date:%Y-%m-%d}.pdf"
    )


def test_a_cancelled_meeting_leaves_the_flyer_and_a_course_without_childcare_says_so(
    arabic_course,
):
    arabic_course.childcare_offered = False
    arabic_course.save()
    arabic_course.meetings.filter(number=3).update(status=Meeting.Status.CANCELLED)

    flyer = document_source(kind=FLYER_A4, source=Ref.to(arabic_course), language="ar").data

    assert flyer.size == "A4"
    assert [m.number for m in flyer.swedish.meetings] == ["1", "2", "4", "5", "6", "7"]
    assert flyer.swedish.childcare_ages is None and flyer.own.childcare_ages is None


def test_a_course_language_without_an_interface_language_gets_a_swedish_flyer(arabic_course):
    arabic_course.language = CourseLanguageFactory(
        code="ku", name="kurdiska", native_name="Kurdî", direction="ltr", interface_language=""
    )
    arabic_course.save()

    source = document_source(kind=FLYER_A5, source=Ref.to(arabic_course), language="sv")

    assert source.data.own is None and len(source.data.sides) == 1
    assert source.data.course_url.endswith(f"/sv/courses/{arabic_course.pk}/")
    assert '<html lang="sv" dir="ltr">' in render_html(source, "sv")
    assert flyer_get(arabic_course, size="a5").language == "sv"


def test_a_meetings_own_theme_replaces_the_programmes_on_the_flyer(arabic_course):
    Meeting.objects.filter(course=arabic_course, number=2).update(
        theme_sv="Besök på biblioteket", theme_ar="زيارة إلى المكتبة"
    )

    flyer = document_source(kind=FLYER_A5, source=Ref.to(arabic_course), language="ar").data

    assert flyer.swedish.meetings[1].theme == "Besök på biblioteket"
    assert flyer.own.meetings[1].theme == "زيارة إلى المكتبة"


def test_the_flyers_html_marks_every_swedish_name_and_sets_each_halfs_language(arabic_course):
    source = document_source(kind=FLYER_A5, source=Ref.to(arabic_course), language="ar")

    html = render_html(source, "ar")

    assert '<html lang="ar" dir="rtl">' in html
    assert '<section class="side" lang="ar" dir="rtl">' in html
    assert '<section class="side" lang="sv" dir="ltr">' in html
    assert '<span lang="sv" dir="ltr">Hammarkulletorget 62, 424 37 Angered</span>' in html
    assert 'href="tel:+46313679164" dir="ltr"' in html
    assert foreign_words(html, "ar") == []


@pytest.mark.parametrize("language", ["ar", "fa-af", "ti", "so"])
@pytest.mark.parametrize("size", ["a4", "a5"])
def test_the_longest_flyer_is_one_page_and_every_letter_is_drawn(
    language, size, goteborg, integrationscentrum
):
    course = a_course(
        language, goteborg=goteborg, integrationscentrum=integrationscentrum, long=True
    )
    own_title = getattr(course, f"title_{FIELD.get(language, language)}")
    assert len(course.title) == len(own_title) == 200

    pdf = flyer_get(course, size=size).file.read()

    text = plain(pdf_text(pdf))
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    assert missing_glyphs(pdf) == {}
    for expected in (
        LANGUAGES[language][2],  # who it is for, in the course's language
        MEETING_THEMES[6][FIELD.get(language, language)],
        "Familjens framtid i Sverige",
        "onsdag 22 oktober",
        "17:30–20:00",
        "Hammarkulletorget 62",
        "031-367 91 64",
        f"/{language}/courses/{course.pk}/",
    ):
        assert plain(expected) in text, expected


def test_the_course_leader_and_coordinators_download_both_sizes_from_the_course_page(
    client, arabic_course, integrationscentrum, goteborg_coordinator, evaluator
):
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    arabic_course.leaders.add(leader)
    a5 = reverse("participants:flyer", args=[arabic_course.pk, "a5"])

    client.force_login(leader)
    page = client.get(reverse("courses:detail", args=[arabic_course.pk])).content.decode()
    response = client.get(a5)

    assert a5 in page and reverse("participants:flyer", args=[arabic_course.pk, "a4"]) in page
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "foralder-i-nytt-land" in response["Content-Disposition"]
    assert (
        client.get(reverse("participants:flyer", args=[arabic_course.pk, "a3"])).status_code == 404
    )
    client.force_login(goteborg_coordinator)
    assert client.get(a5).status_code == 200
    client.force_login(evaluator)
    assert client.get(a5).status_code == 404


def test_a_draft_has_no_flyer_yet_its_code_would_lead_nowhere(
    client, arabic_course, goteborg_coordinator
):
    arabic_course.status = arabic_course.Status.DRAFT
    arabic_course.save()
    client.force_login(goteborg_coordinator)

    page = client.get(reverse("courses:detail", args=[arabic_course.pk])).content.decode()

    assert reverse("participants:flyer", args=[arabic_course.pk, "a5"]) not in page
    assert (
        client.get(reverse("participants:flyer", args=[arabic_course.pk, "a5"])).status_code == 404
    )
