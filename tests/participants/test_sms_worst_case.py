"""Every SMS kind, in every language, with the worst real values, stays within two segments.

The values are the longest the forms and the settings accept: a 20-character SMS address (the
venue form's limit), meeting number 12, queue place 999, the longest date of the year in each
language, a site address of 32 characters (the system check's limit) and a real 16-character
link token. The segments are counted here, independently of the code under test: GSM-7 (160
characters, 153 per part; the extension table counts twice) or UCS-2 (70, 67 per part; a
character outside the Basic Multilingual Plane counts twice).
"""

import datetime as dt
import math

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from courses.models import Meeting
from equalcity.i18n import local_date
from participants.broadcasts import ITEM_MAX, ROOM_MAX, Broadcast, Template, broadcast_sms
from participants.messages import (
    DATE_STYLES,
    Event,
    cancelled_meeting_sms,
    childcare_sms,
    event_sms,
    moved_sms,
    offer_sms,
    reminder_sms,
    reply_question,
)
from participants.models import MeetingAnswer, Registration
from participants.replies import answer_confirmation_sms, reminders_stopped_sms
from tests.factories import CourseFactory, VenueFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["sv", "en", "ar", "fa-af", "so", "ti"]
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("^{}\\[~]|€\f")
SITE_URL = "https://" + "p" * 13 + ".example.se"  # 32 characters: the longest SITE_URL allowed
ADDRESS = "Anders Perssonsg 118"  # 20 characters: the longest SMS address the form accepts
# The longest slots the leader's message form accepts (participants.broadcasts), in Swedish.
ROOM = "Stora salen, plan 3B"  # 20 characters
ITEM = "inomhusskor, penna och matlåda"  # 30 characters


def segments(text: str) -> tuple[str, int]:
    if all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text):
        units = sum(2 if c in GSM7_EXTENSION else 1 for c in text)
        return "GSM-7", 1 if units <= 160 else math.ceil(units / 153)
    units = sum(2 if ord(c) > 0xFFFF else 1 for c in text)
    return "UCS-2", 1 if units <= 70 else math.ceil(units / 67)


def test_the_counter_counts_as_the_network_does():
    assert segments("a" * 160) == ("GSM-7", 1)
    assert segments("a" * 161) == ("GSM-7", 2)
    assert segments("€" * 80) == ("GSM-7", 1) and segments("€" * 81) == ("GSM-7", 2)
    assert segments("ሰ" * 70) == ("UCS-2", 1)
    assert segments("ሰ" * 71) == ("UCS-2", 2)
    assert segments("ሰ" * 135) == ("UCS-2", 3)


def longest_day(language: str) -> dt.date:
    """The date of the coming year that this language writes longest, in every style."""
    days = [dt.date(2031, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    with translation.override(language):
        return max(days, key=lambda day: sum(len(local_date(day, s)) for s in DATE_STYLES))


@pytest.fixture
def worst_course(settings, goteborg, integrationscentrum):
    settings.SITE_URL = SITE_URL
    venue = VenueFactory(municipality=goteborg, sms_address=ADDRESS)
    return CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        venue=venue,
        childcare_offered=True,
        childcare_min_age=10,
        childcare_max_age=17,
        registration_opens=dt.date(2031, 1, 1),
        registration_closes=dt.date(2031, 1, 2),
        first_date=dt.date(2031, 1, 6),
        start_time=dt.time(17, 30),
    )


def worst_meeting(course, language, number):
    """Meeting `number` on the language's longest day, at 17:30, after every other meeting."""
    day = longest_day(language)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(17, 30)))
    meeting = course.meetings.get(number=number)
    Meeting.objects.filter(course=course).exclude(pk=meeting.pk).update(
        starts_at=starts - dt.timedelta(days=400), ends_at=starts - dt.timedelta(days=399)
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        number=12, starts_at=starts, ends_at=starts + dt.timedelta(hours=2, minutes=30)
    )
    meeting.refresh_from_db()
    return meeting


def every_sms(course, language):
    link = f"{SITE_URL}/r/{'A' * 16}/"
    registration = Registration(course=course, language=language, needs_childcare=True)
    with translation.override(language):
        # The next meeting is the worst one: number 12 on the longest day, in the future.
        worst_meeting(course, language, 7)
        meeting = course.meetings.get(number=12)
        frozen = meeting.starts_at - dt.timedelta(days=1)
        # The offer's deadline on the same longest day (it never passes the first meeting).
        registration.offer_expires_at = meeting.starts_at - dt.timedelta(minutes=1)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda: frozen)
            texts = {
                "confirmed": event_sms(registration, Event.CONFIRMED, link=link),
                "promoted": event_sms(registration, Event.PROMOTED, link=link),
                "waitlisted": event_sms(registration, Event.WAITLISTED, link=link, position=999),
                "cancelled": event_sms(registration, Event.CANCELLED, link=link),
                "seat offered": offer_sms(registration, link=link),
                "childcare offered": childcare_sms(registration),
                "reminder": reminder_sms(meeting, link=link),
                "moved": moved_sms(meeting, link=link),
                "answer: coming": answer_confirmation_sms(meeting, MeetingAnswer.Answer.COMING),
                "answer: cannot come": answer_confirmation_sms(
                    meeting, MeetingAnswer.Answer.CANNOT_COME
                ),
                "reminders stopped by SMS": reminders_stopped_sms(link=link),
                "the question": reply_question(),
                **leader_messages(meeting, language),
            }
            other = Meeting.objects.filter(course=course).exclude(pk=meeting.pk).first()
            Meeting.objects.filter(pk=other.pk).update(
                number=11,
                starts_at=meeting.starts_at - dt.timedelta(hours=1),
                ends_at=meeting.starts_at - dt.timedelta(minutes=30),
            )
            other.refresh_from_db()
            patch.setattr(timezone, "now", lambda: other.starts_at - dt.timedelta(days=1))
            texts["meeting cancelled, next one told"] = cancelled_meeting_sms(other)
        course.childcare_offered = False
        texts["no childcare"] = childcare_sms(registration)
        course.childcare_offered = True
    return texts


def leader_messages(meeting, language):
    """The course leader's messages to the group, with the longest slots (the cancellation is
    the usual notice, below)."""
    assert (len(ROOM), len(ITEM)) == (ROOM_MAX, ITEM_MAX)
    slots = {"time": dt.time(23, 59), "room": ROOM, "item": ITEM}
    return {
        f"leader: {template}": broadcast_sms(
            Broadcast(template=template, meeting=meeting, **slots), language=language
        )
        for template in (Template.STARTS_LATER, Template.ROOM, Template.BRING)
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sms_fits_in_two_segments_with_the_worst_real_values(worst_course, language):
    texts = every_sms(worst_course, language)

    too_long = {
        kind: (segments(text), len(text), text)
        for kind, text in texts.items()
        if segments(text)[1] > 2
    }
    assert too_long == {}
    link = f"/r/{'A' * 16}/"
    assert all(
        link in texts[kind]
        for kind in ("confirmed", "moved", "reminders stopped by SMS", "seat offered")
    )
    assert all(ADDRESS in texts[kind] for kind in ("confirmed", "promoted", "reminder", "moved"))
    # The Swedish slots reach every parent as typed.
    assert ROOM in texts["leader: room"] and ITEM in texts["leader: bring"]
    # The reminder asks the question a reply answers, then gives the personal link where two
    # segments hold both: always in the GSM-7 languages; in Arabic, Dari and Tigrinya not with
    # the worst values, where the question comes first (participants.messages.reminder_sms).
    reminder = texts["reminder"].rstrip("\u2066\u2067\u2068\u2069")
    if language in ("sv", "en", "so"):
        assert reminder.endswith(link)
        assert texts["the question"] in reminder
    else:
        assert reminder.endswith(texts["the question"])
    if language in ("ar", "fa-af", "ti"):
        assert {segments(text)[0] for text in texts.values()} == {"UCS-2"}


def test_a_longer_site_address_than_the_sms_budget_allows_is_refused(settings):
    from equalcity.checks import check_site_url

    settings.SITE_URL = "https://" + "p" * 14 + ".example.se"
    assert [error.id for error in check_site_url(None)] == ["equalcity.E001"]
    settings.SITE_URL = SITE_URL
    assert check_site_url(None) == []


def test_the_venue_form_refuses_a_longer_sms_address(goteborg):
    venue = VenueFactory.build(municipality=goteborg, sms_address="Anders Perssonsg 118B")
    with pytest.raises(ValidationError) as error:
        venue.full_clean()
    assert "sms_address" in error.value.message_dict
