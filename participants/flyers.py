"""A printable flyer per course for outreach (A4 and A5), through the one PDF path.

Stadsdelsmammor and intercultural centres hand it to parents that no web page reaches: the
course's language first, Swedish beside it for the people who pass it on, every meeting with its
theme, the place, childcare, "free of charge", the help line, and a QR code to the course page in
the course's language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from courses.models import Course, Meeting
from courses.selectors import with_themes
from equalcity import documents
from equalcity.i18n import LocalText, is_rtl, local_date, local_number, local_time, translated
from equalcity.refs import Ref

FLYER_A4, FLYER_A5 = "course_flyer_a4", "course_flyer_a5"
SIZES = {"a4": FLYER_A4, "a5": FLYER_A5}


@dataclass(frozen=True)
class FlyerMeeting:
    number: str
    date: str  # weekday, day and month: the year would only lengthen every row
    time: str
    theme: LocalText


@dataclass(frozen=True)
class FlyerSide:
    """What one language's half of the flyer says."""

    language: str
    direction: str
    title: LocalText
    target_group: LocalText
    course_language: LocalText
    meetings: tuple[FlyerMeeting, ...]
    venue: LocalText
    childcare_ages: tuple[str, str] | None  # from, to; None: no childcare


@dataclass(frozen=True)
class Flyer:
    size: str  # "A4" or "A5"
    own: FlyerSide | None  # the course's language, unless it is Swedish
    swedish: FlyerSide
    address: str  # street, postal code and town: Swedish in every language
    help_phone: str
    course_url: str  # the public course page in the course's language

    @property
    def qr_code(self) -> str:
        """The course page as a QR code, inline (the PDF fetches nothing)."""
        return documents.qr_data_uri(self.course_url)

    @property
    def sides(self) -> tuple[FlyerSide, ...]:
        return (self.own, self.swedish) if self.own else (self.swedish,)


def flyer_language(course: Course) -> str:
    """The interface language of the course's language; Swedish only when there is none."""
    return course.language.interface_language or settings.LANGUAGE_CODE


def _side(course: Course, language: str) -> FlyerSide:
    with translation.override(language):
        meetings = with_themes(
            course.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at"),
            course.programme,
        )
        return FlyerSide(
            language=language,
            direction="rtl" if is_rtl(language) else "ltr",
            title=translated(course, "title"),
            target_group=translated(course, "target_group"),
            course_language=translated(course.language, "name"),
            meetings=tuple(
                FlyerMeeting(
                    number=local_number(meeting.number),
                    date=local_date(meeting.starts_at, "weekday"),
                    time=f"{local_time(meeting.starts_at)}–{local_time(meeting.ends_at)}",
                    theme=meeting.theme_title,
                )
                for meeting in meetings
            ),
            venue=translated(course.venue, "name"),
            childcare_ages=(
                (local_number(course.childcare_min_age), local_number(course.childcare_max_age))
                if course.childcare_offered
                else None
            ),
        )


def flyer_data(course: Course, *, language: str, size: str) -> Flyer:
    swedish = settings.LANGUAGE_CODE
    with translation.override(language):
        course_url = reverse("participants:course", kwargs={"pk": course.pk})
    return Flyer(
        size=size,
        own=_side(course, language) if language != swedish else None,
        swedish=_side(course, swedish),
        address=course.venue.address,
        help_phone=settings.HELP_PHONE,
        course_url=settings.SITE_URL.rstrip("/") + course_url,
    )


def flyer_filename(course: Course, size: str) -> str:
    """flygblad-a5-ትግርኛ-foralder-i-nytt-land-2027-02-03.pdf: the word and the title in
    Swedish (staff file it), the course's language in its own name (to tell the flyers of one
    title apart)."""
    with translation.override(settings.LANGUAGE_CODE):
        word = translation.pgettext("file name", "flyer")
    parts = (
        slugify(word, allow_unicode=True),
        size,
        slugify(course.language.native_name, allow_unicode=True),
        slugify(course.title_sv)[:60].strip("-"),
        f"{course.first_date:%Y-%m-%d}",
    )
    return "-".join(part for part in parts if part) + ".pdf"


def _builder(size: str):
    def build(pk, language):
        course = Course.objects.select_related("language", "venue", "programme").get(pk=pk)
        return documents.Source(
            flyer_data(course, language=language, size=size.upper()),
            "participants/pdf/flyer.html",
            flyer_filename(course, size),
        )

    return build


def register_builders():
    for size, kind in SIZES.items():
        documents.register(kind, _builder(size))


def flyer_get(course: Course, *, size: str):
    """The stored flyer (rendered again only when the course, its meetings or texts changed)."""
    return documents.document_get(
        kind=SIZES[size], source=Ref.to(course), language=flyer_language(course)
    )
