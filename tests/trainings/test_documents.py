import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from equalcity.documents import document_get, html_to_pdf
from equalcity.models import Document, Role
from tests.factories import UserFactory
from tests.pdf_utils import fonts_used, missing_glyphs, pdf_text
from trainings.documents import INVITATION, day_key, invitation_data, invitation_languages
from trainings.models import ProgrammeItem

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
    assert data.contact == "Göteborgsregionen · 031-335 51 82"
    assert data.qr_code.startswith("data:image/svg+xml")


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


def test_arabic_and_tigrinya_are_drawn_with_real_glyphs(day):
    day.title_ar = "العمل مع المترجم الفوري"
    day.title_ti = "ምስ ተርጓሚ ምስራሕ"
    day.save()

    arabic = document_get(kind=INVITATION, source=day_key(day), language="ar").file.read()
    tigrinya = document_get(kind=INVITATION, source=day_key(day), language="ti").file.read()

    assert "العمل مع المترجم الفوري" in pdf_text(arabic) or "الفوري" in pdf_text(arabic)
    assert "ምስ ተርጓሚ ምስራሕ" in pdf_text(tigrinya)
    assert missing_glyphs(arabic) == {}
    assert missing_glyphs(tigrinya) == {}
    assert any("Ethiopic" in font for font in fonts_used(tigrinya))
    assert any("Arabic" in font for font in fonts_used(arabic))
    assert invitation_languages(day) == ["sv", "ar", "ti"]


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
