"""The paper attendance list: a box to sign per meeting, many parents per page, and a file
name a leader can read in their own language and script."""

from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import translation

from equalcity.models import Role
from participants.services import registration_create
from tests.factories import UserFactory
from tests.participants.conftest import parent
from tests.participants.test_certificates import course  # noqa: F401 - titled in ar and ti
from tests.pdf_utils import pdf_text

pytestmark = pytest.mark.django_db


def download(client, course, integrationscentrum, language):  # noqa: F811
    leader = UserFactory(language=language, role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    course.leaders.add(leader)
    client.force_login(leader)
    return client.get(reverse("participants:attendance_list", args=[course.pk]))


def filename_of(response) -> str:
    disposition = response["Content-Disposition"]
    assert "filename*=utf-8''" in disposition, disposition
    return unquote(disposition.split("filename*=utf-8''", 1)[1])


def test_in_arabic_the_file_is_named_in_arabic(client, course, integrationscentrum):  # noqa: F811
    name = filename_of(download(client, course, integrationscentrum, "ar"))

    with translation.override("ar"):
        assert name.startswith(translation.pgettext("file name", "attendance list").split()[0])
    assert "والد" in name and "جديد" in name, name  # the course's Arabic title
    assert name.endswith(f"-{course.first_date}.pdf")


def test_in_tigrinya_the_file_is_named_in_ethiopic_script(client, course, integrationscentrum):  # noqa: F811
    name = filename_of(download(client, course, integrationscentrum, "ti"))

    assert "ወላዲ" in name and "ሃገር" in name, name
    assert name.endswith(".pdf")


def test_each_meeting_has_a_box_to_sign_and_a_page_holds_more_than_eight_parents(
    client,
    course,  # noqa: F811
    goteborg,
    integrationscentrum,
):
    course.capacity = 20
    course.save(update_fields=["capacity"])
    names = [f"Förälder{n:02d} Långnamnsdotter-Abdirahman" for n in range(14)]
    for n, full_name in enumerate(names):
        first, last = full_name.split(" ")
        registration_create(
            course_id=course.pk,
            municipality=goteborg,
            **parent(phone=f"+4670555{n:04d}", first_name=first, last_name=last),
        )

    response = download(client, course, integrationscentrum, "sv")
    pdf = b"".join(response.streaming_content)
    pages = pdf_text(pdf).split("\f")

    with translation.override("sv"):
        signature = translation.gettext("Signature")
    assert pages[0].count(signature) == course.meetings.count() == 7
    assert sum(1 for full_name in names if full_name.split()[0] in pages[0]) > 8
    for n in range(14):  # the last digits of each phone stay on one line
        digits = f"{n:04d}"
        assert f"… {digits[:2]} {digits[2:]}" in "".join(pages)
