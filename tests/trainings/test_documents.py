import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from equalcity.documents import document_get, document_source, html_to_pdf, render_html
from equalcity.models import Document, Role
from tests.factories import UserFactory
from tests.language_purity import foreign_words
from tests.pdf_utils import fonts_used, missing_glyphs, pdf_text
from trainings.documents import (
    INVITATION,
    MINUTES,
    SUMMARY,
    day_key,
    document_languages,
    invitation_data,
    meeting_key,
    summary_languages,
)
from trainings.models import ClusterMeeting, ClusterTheme, ProgrammeItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(training_day, region):
    region.phone = "031-335 51 82"
    region.save()
    training_day.date = dt.date(2031, 10, 22)
    training_day.registration_deadline = dt.date(2031, 10, 8)
    training_day.target_group = "Socialsekreterare"
    training_day.save()
    training_day.venue.directions = "Spårvagn till Brunnsparken."
    training_day.venue.save()
    for start, title, speaker in [
        ((9, 0), "Välkommen", "Göteborgsregionen"),
        ((9, 30), "Tolken i samtalet", "Amina Yusuf"),
    ]:
        ProgrammeItem.objects.create(
            training_day=training_day, starts_at=dt.time(*start), title=title, speaker=speaker
        )
    return training_day


def test_the_invitations_data(day, settings):
    settings.SITE_URL = "https://equalcity.example.se"

    with translation.override("sv"):
        data = invitation_data(day)

    assert data.organisation == "Göteborgsregionen"
    assert data.title == "Att arbeta med tolk"
    assert data.date == "onsdag 22 oktober 2031"
    assert data.time == "09:00–16:00"
    assert (data.venue, data.address) == (
        "Göteborgsregionen",
        "Anders Personsgatan 8, 416 64 Göteborg",
    )
    assert data.directions == "Spårvagn till Brunnsparken."
    assert data.programme == (
        ("09:00", "Välkommen", "Göteborgsregionen"),
        ("09:30", "Tolken i samtalet", "Amina Yusuf"),
    )
    assert data.target_group == "Socialsekreterare"
    assert data.deadline == "8 oktober 2031"
    assert data.registration_url == f"https://equalcity.example.se/sv/staff/trainings/{day.pk}/"
    assert (data.phone, data.email) == ("031-335 51 82", "")
    assert data.qr_code.startswith("data:image/png;base64,")


def test_an_invitations_text_not_yet_translated_says_it_is_swedish(day):
    day.title_ar = "العمل مع المترجم الفوري"
    day.save()

    with translation.override("ar"):
        data = invitation_data(day)

    assert (data.title, data.title.lang) == ("العمل مع المترجم الفوري", "ar")
    assert (data.target_group, data.target_group.lang) == ("Socialsekreterare", "sv")
    assert (data.venue.lang, data.directions.lang) == ("sv", "sv")
    assert [title.lang for _time, title, _speaker in data.programme] == ["sv", "sv"]
    assert data.date == "الأربعاء، ٢٢ أكتوبر ٢٠٣١"


def test_the_invitation_pdf_says_what_where_when_and_the_programme(day):
    document = document_get(kind=INVITATION, source=day_key(day), language="sv")
    pdf = document.file.read()
    text = " ".join(pdf_text(pdf).split())

    for expected in (
        "Att arbeta med tolk",
        "onsdag 22 oktober 2031",
        "09:00–16:00",
        "Anders Personsgatan 8",
        "Tolken i samtalet",
        "Amina Yusuf",
        "8 oktober 2031",
        "1 / 1",
    ):
        assert expected in text, expected
    assert pdf.startswith(b"%PDF")
    assert missing_glyphs(pdf) == {}
    assert document.filename == "inbjudan-att-arbeta-med-tolk-2031-10-22.pdf"


ARABIC = {
    "title": "العمل مع المترجم الفوري",
    "description": "يوم عن التعاون مع المترجم الفوري في الخدمات الاجتماعية.",
    "target_group": "الأخصائيون الاجتماعيون",
    "directions": "الترام إلى برونسباركن.",
    "programme": ("أهلاً وسهلاً", "المترجم في المحادثة"),
}
TIGRINYA = {
    "title": "ምስ ተርጓሚ ምስራሕ",
    "description": "ብዛዕባ ምስ ተርጓሚ ምትሕብባር ኣብ ማሕበራዊ ኣገልግሎት ዝዛረብ መዓልቲ።",
    "target_group": "ማሕበራዊ ሰራሕተኛታት",
    "directions": "ትራም ናብ ብሩንስፓርከን።",
    "programme": ("እንቋዕ ብደሓን መጻእኩም", "ተርጓሚ ኣብ ዝርርብ"),
}
ENGLISH = {
    "title": "Working with an interpreter",
    "description": "A day about working with interpreters in the social services.",
    "target_group": "Social workers",
    "directions": "Tram to Brunnsparken.",
    "programme": ("Welcome", "The interpreter in the conversation"),
}


def translate_day(day, language, texts):
    suffix = language.replace("-", "_")
    for field in ("title", "description", "target_group"):
        setattr(day, f"{field}_{suffix}", texts[field])
    day.save()
    setattr(day.venue, f"directions_{suffix}", texts["directions"])
    day.venue.save()
    for item, title in zip(
        day.programme_items.order_by("starts_at"), texts["programme"], strict=True
    ):
        setattr(item, f"title_{suffix}", title)
        item.save()


def test_arabic_and_tigrinya_are_drawn_with_real_glyphs(day):
    day.description = "En dag om att samarbeta med tolk i socialtjänsten."
    day.save()
    translate_day(day, "ar", ARABIC)
    translate_day(day, "ti", TIGRINYA)

    arabic = document_get(kind=INVITATION, source=day_key(day), language="ar").file.read()
    tigrinya = document_get(kind=INVITATION, source=day_key(day), language="ti").file.read()

    assert "العمل مع المترجم الفوري" in pdf_text(arabic) or "الفوري" in pdf_text(arabic)
    assert "ምስ ተርጓሚ ምስራሕ" in pdf_text(tigrinya)
    assert missing_glyphs(arabic) == {}
    assert missing_glyphs(tigrinya) == {}
    assert any("Ethiopic" in font for font in fonts_used(tigrinya))
    assert any("Arabic" in font for font in fonts_used(arabic))
    assert document_languages(INVITATION, day) == ["sv", "ar", "ti"]


def test_a_language_is_offered_only_when_every_text_of_the_document_exists_in_it(day):
    day.description = "En dag om att samarbeta med tolk i socialtjänsten."
    day.save()
    day.title_ar = ARABIC["title"]  # a heading alone does not make an Arabic invitation
    day.save()
    translate_day(day, "en", ENGLISH)

    assert document_languages(INVITATION, day) == ["sv", "en"]
    assert summary_languages(day) == []  # nothing summarised yet

    day.summary = "Vi talade om tolkens roll."
    day.key_points = "Boka tolk i god tid."
    day.summary_en = "We talked about the interpreter's role."
    day.save()
    assert summary_languages(day) == ["sv"]  # the key points are still only Swedish
    day.key_points_en = "Book an interpreter in good time."
    day.save()
    assert summary_languages(day) == ["sv", "en"]

    day.programme_items.create(starts_at=dt.time(15), title="Avslutning")
    assert document_languages(INVITATION, day) == ["sv"]


def test_an_arabic_invitation_is_arabic_but_for_names_marked_swedish(day, settings):
    settings.SITE_URL = "https://equalcity.example.se"
    day.description = "En dag om att samarbeta med tolk i socialtjänsten."
    day.save()
    day.organiser.email = "info@goteborgsregionen.se"
    day.organiser.save()
    translate_day(day, "ar", ARABIC)

    html = render_html(document_source(kind=INVITATION, source=day_key(day), language="ar"), "ar")

    assert foreign_words(html, "ar") == []
    assert '<span lang="sv" dir="ltr">Amina Yusuf</span>' in html
    assert '<span lang="sv" dir="ltr">Anders Personsgatan 8, 416 64 Göteborg</span>' in html
    assert 'href="tel:+46313355182" dir="ltr"' in html
    # The same check catches a Swedish text that is not marked:
    assert foreign_words(html.replace(' lang="sv"', ""), "ar")[:2] == ["Göteborgsregionen"] * 2


def test_the_summary_and_the_minutes_in_tigrinya_are_tigrinya_but_for_names(day, goteborg):
    day.summary, day.summary_ti = "Vi talade om tolkens roll.", "ብዛዕባ ተራ ተርጓሚ ተዛሪብና።"
    day.discussion_questions = "Hur bokar vi tolk?"
    day.discussion_questions_ti = "ተርጓሚ ብኸመይ ንሕዝ?"
    day.title_ti = TIGRINYA["title"]
    day.save()
    meeting = ClusterMeeting.objects.create(
        date=dt.date(2031, 4, 2),
        starts_at=dt.time(13),
        ends_at=dt.time(16),
        venue=day.venue,
        status=ClusterMeeting.Status.HELD,
        minutes="Vi delade erfarenheter.",
        minutes_ti="ተመኩሮታትና ተኻፊልና።",
    )
    meeting.municipalities.set([goteborg])
    meeting.themes.set([ClusterTheme.objects.create(name="Samverkan")])  # not translated
    meeting.attendees.set([UserFactory(first_name="Åsa", last_name="Lind")])

    summary = render_html(document_source(kind=SUMMARY, source=day_key(day), language="ti"), "ti")
    minutes = render_html(
        document_source(kind=MINUTES, source=meeting_key(meeting), language="ti"), "ti"
    )

    assert summary_languages(day) == ["sv", "ti"]
    assert document_languages(MINUTES, meeting) == ["sv", "ti"]
    assert foreign_words(summary, "ti") == []
    assert foreign_words(minutes, "ti") == []
    assert '<span lang="sv">Samverkan</span>' in minutes
    assert '<span lang="sv">Åsa Lind</span>' in minutes


def test_the_glyph_check_does_catch_an_empty_box():
    pdf = html_to_pdf('<p style="font-family: Noto Sans">A&#xE000;</p>')

    assert missing_glyphs(pdf) != {}


def test_a_document_is_rendered_again_only_when_its_source_changes(day):
    first = document_get(kind=INVITATION, source=day_key(day), language="sv")
    again = document_get(kind=INVITATION, source=day_key(day), language="sv")
    assert (again.pk, again.file.name, again.source_hash) == (
        first.pk,
        first.file.name,
        first.source_hash,
    )

    day.title = "Att arbeta med tolk i socialtjänsten"
    day.save()
    changed = document_get(kind=INVITATION, source=day_key(day), language="sv")

    assert changed.pk == first.pk and changed.source_hash != first.source_hash
    assert "socialtjänsten" in pdf_text(changed.file.read())
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.com/x.css",
        "static:../../settings.py",
    ],
)
def test_documents_fetch_nothing_but_our_own_static_files(url):
    from equalcity.documents import RestrictedFetcher

    with pytest.raises(ValueError, match="may not load"):
        RestrictedFetcher().fetch(url)


def test_an_image_pointing_outside_is_left_out_not_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")

    pdf = html_to_pdf(
        f'<p>Hej</p><object data="file://{secret}"></object><img src="file://{secret}">'
    )

    assert "TOP SECRET" not in pdf_text(pdf)


def test_any_logged_in_staff_member_downloads_the_invitation(client, day, molndal):
    url = reverse("trainings:document", args=[day.pk, "invitation", "sv"])
    assert client.get(url).status_code == 302  # to the login page

    client.force_login(UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal)))
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        'filename="inbjudan-att-arbeta-med-tolk-2031-10-22.pdf"' in response["Content-Disposition"]
    )
    etag = response["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.get(reverse("trainings:document", args=[day.pk, "summary", "sv"])).status_code == 404
    )  # no summary written yet


def test_the_pages_link_and_the_download_serve_only_the_complete_languages(client, day, molndal):
    day.title_ar = ARABIC["title"]
    day.save()
    translate_day(day, "en", ENGLISH)
    client.force_login(UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal)))

    detail = client.get(reverse("trainings:detail", args=[day.pk])).content.decode()
    listing = client.get(reverse("trainings:documents")).content.decode()

    for code, offered in (("sv", True), ("en", True), ("ar", False), ("ti", False)):
        url = reverse("trainings:document", args=[day.pk, "invitation", code])
        assert (url in detail, url in listing) == (offered, offered), code
        assert client.get(url).status_code == (200 if offered else 404), code
