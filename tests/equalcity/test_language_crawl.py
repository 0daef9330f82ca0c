"""Every word a parent reads is in the page's language, or marked with its own.

A crawl of the demo programme in each of the six languages: the start page, the catalogue, every
course page open to parents, the registration form empty and with errors, the confirmation and
the personal-link pages, the cancel page and the cancelled registration, privacy, accessibility
and the error pages. It fails on a word in another language that no element marks with its own
`lang`: a Latin-script word on an Arabic, Dari or Tigrinya page; a Swedish word on an English or
Somali page (words with å, ä or ö, and a list of common Swedish words); an Arabic or Ethiopic
word on a Latin-script page. The same for every e-mail and SMS a parent can get, and for every
PDF offered in a language (its text, and the glyph check).
"""

import datetime as dt
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from participants.models import Registration
from participants.selectors.registrations import public_courses
from tests.language_purity import foreign_words, unisolated_digits

pytestmark = pytest.mark.django_db
LANGUAGES = ["sv", "en", "ar", "fa-af", "so", "ti"]
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")
# Common Swedish words that are not also English or Somali words.
SWEDISH_WORDS = {
    "och",
    "att",
    "för",
    "med",
    "på",
    "är",
    "ett",
    "det",
    "som",
    "av",
    "till",
    "om",
    "inte",
    "kurs",
    "kursen",
    "träff",
    "träffen",
    "träffar",
    "anmälan",
    "anmäl",
    "förälder",
    "föräldrar",
    "barn",
    "barnen",
    "skola",
    "förskola",
    "kommun",
    "kommunen",
    "stad",
    "hälsa",
    "hjälp",
    "ring",
    "oss",
    "din",
    "ditt",
    "dina",
    "vi",
    "ni",
    "du",
    "eller",
    "vid",
    "hos",
    "från",
    "efter",
    "gatan",
    "torg",
    "vägen",
    "samhällets",
    "stöd",
    "familjer",
    "familjens",
    "tolk",
    "socialtjänsten",
}


def swedish(word: str) -> bool:
    return bool(SWEDISH_LETTERS.search(word)) or word.lower() in SWEDISH_WORDS


META_DESCRIPTION = re.compile(r'(<meta name="description" content=")([^"]*)(")')


def _names():
    """Swedish place and organisation names: marked with lang in a page's text, but a meta
    description is an attribute, where no element can mark them."""
    from equalcity.models import Organisation, Venue

    names = set(Organisation.objects.values_list("name", flat=True))
    for venue in Venue.objects.all():
        names |= {venue.name_sv, venue.street_address, venue.city}
    return sorted((name for name in names if name), key=len, reverse=True)


def problems(html: str, language: str) -> list[str]:
    names = _names()

    def without_names(match):
        content = match.group(2)
        for name in names:
            content = content.replace(escape(name), "")
        return match.group(1) + content + match.group(3)

    html = META_DESCRIPTION.sub(without_names, html)
    if language in ("en", "so"):
        return foreign_words(html, language, is_foreign=swedish) + foreign_words(html, language)
    return foreign_words(html, language)


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo programme, loaded once per module (and per worker) in a transaction rolled back
    after the module's last test; each test runs in a savepoint inside it and leaves it as it
    found it."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")),
        transaction.atomic(),
    ):
        call_command("seed_demo", verbosity=0, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded_demo, db, settings):
    settings.REQUIRE_MFA = False
    return public_courses()


def page(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code in (200, 404), (url, response.status_code)
    return response.content.decode()


def _in(language: str, url: str) -> str:
    return url.replace("/sv/", f"/{language}/", 1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_a_parent_reads_is_in_their_language(demo, language):
    client = Client()
    course = demo.first()
    urls = [
        reverse("home"),
        reverse("participants:catalogue"),
        reverse("privacy"),
        reverse("accessibility"),
        *(reverse("participants:course", args=[c.pk]) for c in demo),
        reverse("participants:register", args=[course.pk]),
        "/sv/no-such-page/",
    ]
    pages = {url: page(client, _in(language, url)) for url in urls}

    form_url = _in(language, reverse("participants:register", args=[course.pk]))
    pages["form with errors"] = client.post(form_url, {"first_name": "\u3164"}).content.decode()
    registered = client.post(
        form_url,
        {
            "first_name": "Hodan",
            "last_name": "Cali",
            "phone": "070-123 45 99",
            "municipality": course.municipality_id,
            "children_0_5": "1",
            "needs_childcare": "on",
            "channel": "sms",
            "language": language,
        },
        REMOTE_ADDR="10.9.9.9",
    )
    assert registered.status_code == 302, registered.content.decode()[:2000]
    pages["confirmation"] = page(client, registered["Location"])
    token = Registration.objects.get(phone="+46701234599").link_token
    pages["cancel"] = page(client, _in(language, reverse("participants:cancel", args=[token])))
    client.post(_in(language, reverse("participants:cancel", args=[token])))
    pages["cancelled"] = page(
        client, _in(language, reverse("participants:registration", args=[token]))
    )

    found = {name: words for name, html in pages.items() if (words := problems(html, language))}
    assert found == {}
    if language in ("ar", "fa-af"):
        # Phone numbers, postal codes, times and links keep their order: none stands unisolated
        # in the right-to-left text (dates, times and counts are written in the language's own
        # digits).
        reordered = {
            name: runs for name, html in pages.items() if (runs := unisolated_digits(html))
        }
        assert reordered == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_error_pages_are_in_the_page_language(language):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    csrf = client.post(f"/{language}/courses/1/register/", {"first_name": "x"})
    missing = client.get(f"/{language}/no-such-page/")

    for response in (csrf, missing):
        assert problems(response.content.decode(), language) == [], response.status_code


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_to_a_parent_is_in_their_language(demo, language):
    """Every SMS and e-mail kind, rendered for a parent of this language."""
    from equalcity.models import Message
    from participants.messages import Event, event_drafts, meeting_drafts

    course = demo.first()
    people = []
    for channel in ("sms", "email"):
        registration = Registration(
            course=course,
            first_name="Hodan",
            last_name="Cali",
            phone="+46701740699" if channel == "sms" else "",
            email="hodan@example.se" if channel == "email" else "",
            municipality=course.municipality,
            channel=channel,
            language=language,
            needs_childcare=True,
            status="confirmed",
        )
        registration.save()
        # Every event has happened to this registration, at some time: each message has its stamp.
        now = timezone.now()
        registration.waitlisted_at = registration.promoted_at = registration.cancelled_at = now
        registration.offered_at, registration.offer_expires_at = now, now + dt.timedelta(days=2)
        people.append(registration)
    meeting = course.meetings.order_by("number").last()
    texts = []
    for registration in people:
        for event in Event:
            for draft in event_drafts(registration, event, position=3):
                texts.append((draft.kind, draft.subject + "\n" + draft.body))
        for kind in ("meeting_reminder", "meeting_moved", "meeting_cancelled"):
            for draft in meeting_drafts(meeting, [registration], kind=kind):
                texts.append((draft.kind, draft.subject + "\n" + draft.body))
    assert Message.objects.filter(recipient_id__in=[p.pk for p in people]).count() == 0
    # Plain text cannot mark a language: the names that only exist in Swedish (the venue, its
    # street and town, the help line's organisation) stand as they are, and nothing else may.
    venue = course.venue
    names = [
        venue.name_sv,
        venue.address,
        venue.street_address,
        venue.sms_address,
        venue.city,
        settings.HELP_ORGANISATION,
    ]
    found = {}
    for kind, text in texts:
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, "")
        text = re.sub("[\u2066\u2067\u2068\u2069]", " ", text)  # isolates are not letters
        if words := problems(f"<p>{escape(text)}</p>", language):
            found[kind] = words
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pdf_offered_in_a_language_is_in_that_language(demo, language):
    """The HTML each PDF is made from has no unmarked word in another language, and the PDF
    draws every glyph (no empty boxes for Arabic, Dari or Tigrinya)."""
    from equalcity.documents import document_source, html_to_pdf, render_html
    from equalcity.refs import Ref
    from participants.certificates import ATTENDANCE_LIST, CERTIFICATE
    from participants.flyers import FLYER_A5
    from participants.privacy import PERSONAL_DATA
    from tests.pdf_utils import missing_glyphs
    from trainings import documents as training_documents
    from trainings.models import ClusterMeeting, TrainingDay

    registration = (
        Registration.objects.filter(language=language, status="confirmed")
        .select_related("course")
        .first()
    )
    sources = []
    if registration is not None:
        sources += [
            (CERTIFICATE, Ref.to(registration)),
            (ATTENDANCE_LIST, Ref.to(registration.course)),
            (PERSONAL_DATA, Ref.to(registration)),
        ]
    flyer_course = demo.filter(language__interface_language=language).first()
    if flyer_course is not None:
        sources.append((FLYER_A5, Ref.to(flyer_course)))
    for day in TrainingDay.objects.all():
        for kind in (training_documents.INVITATION, training_documents.SUMMARY):
            if language in training_documents.document_languages(kind, day):
                sources.append((kind, Ref.to(day)))
    for meeting in ClusterMeeting.objects.filter(status="held"):
        if language in training_documents.document_languages(training_documents.MINUTES, meeting):
            sources.append((training_documents.MINUTES, Ref.to(meeting)))
    assert len(sources) >= 3

    found, boxes = {}, {}
    for kind, source in sources:
        html = render_html(document_source(kind=kind, source=source, language=language), language)
        if words := problems(html, language):
            found[kind] = words
        if missing := missing_glyphs(html_to_pdf(html)):
            boxes[kind] = missing
    assert (found, boxes) == ({}, {})
