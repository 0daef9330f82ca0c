"""A certificate is one A4 page whatever the parent's name, the course's title, the organiser's
name and the number of course leaders: the longest values the forms accept, in every language."""

from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from courses.models import Meeting
from equalcity.documents import document_render
from equalcity.languages import INTERFACE_LANGUAGES
from equalcity.models import Role
from equalcity.refs import Ref
from participants.certificates import CERTIFICATE
from participants.models import Registration
from participants.services import registration_create
from tests.factories import CourseFactory, CourseLanguageFactory, UserFactory
from tests.participants.conftest import parent
from tests.pdf_utils import missing_glyphs, pdf_text

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name, _local, _bidi in INTERFACE_LANGUAGES]
# Words people really write in each script, repeated up to a field's full length (no "الله":
# pdftotext takes its ligature apart).
WORDS = {
    "latin": "Abdirahman Mohamed Abdullahi Warsame Hassan Ali Farah Ismail Guuleed",
    "ar": "عبد الرحمن محمد سعيد الحسيني البغدادي الهاشمي القرشي",
    "fa-af": "عبدالرحمن محمد عبدالرحیم حسینی کابلی هراتی بلخی غزنوی",
    "ti": "ኣብርሃም ገብረመድህን ወልደሚካኤል ተስፋማርያም ገብረእግዚኣብሄር ሃይለማርያም",
}
LEADERS = 4  # more than any course has had; the form sets no limit


def longest(language: str, field) -> str:
    """As many words of the language's script as the field holds, exactly its max_length."""
    words = WORDS.get(language, WORDS["latin"]) + " "
    return (
        (words * (field.max_length // len(words) + 1))[: field.max_length]
        .strip()
        .ljust(field.max_length, "a")
    )


def shown(text: str, value: str) -> bool:
    """Every word of the value is in the PDF's text (right-to-left words may come out of
    pdftotext reversed)."""
    return all(word in text or word[::-1] in text for word in value.split())


def field(model, name):
    return model._meta.get_field(name)


@pytest.fixture
def longest_course(goteborg, integrationscentrum):
    from courses.models import Course
    from equalcity.models import CourseLanguage, Organisation, User

    integrationscentrum.name = longest("sv", field(Organisation, "name"))
    integrationscentrum.save()
    titles = {
        f"title_{code.replace('-', '_')}": longest(code, field(Course, "title"))
        for code in LANGUAGES
    }
    names = {
        f"name_{code.replace('-', '_')}": longest(code, field(CourseLanguage, "name"))
        for code in LANGUAGES
    }
    today = timezone.localdate()
    course = CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        language=CourseLanguageFactory(code="so", native_name="Soomaali", **names),
        registration_opens=today - timezone.timedelta(days=200),
        registration_closes=today + timezone.timedelta(days=1),
        first_date=today + timezone.timedelta(days=5),
        **titles,
    )
    for number in range(LEADERS):
        course.leaders.add(
            UserFactory(
                first_name=longest("latin", field(User, "first_name")),
                last_name=longest("latin", field(User, "last_name"))[:-1] + str(number),
                role=(Role.Kind.COURSE_LEADER, integrationscentrum),
                totp=False,
            )
        )
    return course


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_certificate_with_the_longest_values_is_one_page(longest_course, goteborg, language):
    first = longest(language, field(Registration, "first_name"))
    last = longest(language, field(Registration, "last_name"))
    registration = registration_create(
        course_id=longest_course.pk,
        municipality=goteborg,
        **parent(language=language, first_name=first, last_name=last),
    )
    Meeting.objects.filter(course=longest_course).update(starts_at=timezone.now())

    pdf, _filename = document_render(
        kind=CERTIFICATE, source=Ref.to(registration), language=language
    )
    text = pdf_text(pdf)

    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    assert "Kursledarens underskrift" in text, "the signature line, on the one page"
    assert shown(text, first) and shown(text, last)
    assert shown(text, longest_course.title_sv)
    assert shown(text, getattr(longest_course, f"title_{language.replace('-', '_')}"))
    assert missing_glyphs(pdf) == {}
