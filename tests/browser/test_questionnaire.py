"""Questionnaire mode on a course leader's phone: two parents answer one after the other, in
Arabic (right to left) and in Somali, and the second never sees anything of the first's answers.
The question read aloud plays from one large button."""

import io
import math
import struct
import wave
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from playwright.sync_api import expect

from questionnaires.models import QuestionAudio, Response
from tests.browser.conftest import PHONE, axe_violations
from tests.browser.test_attendance import log_in
from tests.questionnaires.conftest import (  # noqa: F401 (the course, its questions, its leader)
    QUESTIONS,
    STEPS,
    first_meeting_course,
    leader,
    questions,
)

pytestmark = pytest.mark.django_db(transaction=True)
WIDTH = PHONE["width"]
LIST = "/staff/questionnaire/device/"
LANGUAGES = ("sv", "en", "ar", "fa_af", "so", "ti")


def label(value, language):
    """The words of a step of the fixtures' scale, in `language`."""
    return {v: labels for v, _face, labels in STEPS}[value][LANGUAGES.index(language)]


def question_text(position, language):
    return QUESTIONS[position - 1][1][LANGUAGES.index(language)]


ALL_LABELS = [text for _value, _face, labels in STEPS for text in labels]


def wav(seconds):
    """A tone of `seconds`, as a WAV file made by the standard library."""
    rate = 8000
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / rate)))
        for n in range(int(rate * seconds))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buffer.getvalue()


def record(question, language, seconds=3):
    data = wav(seconds)
    recording = QuestionAudio(
        question=question,
        language=language,
        content_type="audio/wav",
        size=len(data),
        seconds=Decimal(seconds),
    )
    recording.file.save("question.wav", ContentFile(data), save=True)
    return recording


#: The contrast of an element's text with the first background behind it. axe-core reports a
#: text as good as invisible (1:1) only as "needs review", never as a violation.
CONTRAST = """element => {
  const rgba = colour => colour.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => [r, g, b]
    .map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let behind = element;
  while (behind.parentElement && rgba(getComputedStyle(behind).backgroundColor)[3] === 0) {
    behind = behind.parentElement;
  }
  const [text, back] = [getComputedStyle(element).color, getComputedStyle(behind).backgroundColor]
    .map(colour => luminance(rgba(colour)));
  return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
}"""


def fits_and_passes_axe(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url
    assert axe_violations(page) == [], page.url
    for control in page.locator("main button:visible, main a:visible").all():
        assert control.evaluate(CONTRAST) >= 4.5, (page.url, control.inner_text())


def direction(page):
    html = page.locator("html")
    return html.get_attribute("lang"), html.get_attribute("dir")


#: Anything a page could use to show an answer as chosen.
CHOSEN = (
    "[aria-pressed=true], [aria-checked=true], [aria-selected=true], [aria-current=true], "
    ":checked, [selected], [checked], .selected, .is-selected, .active, [data-selected], "
    "[data-value], [data-chosen]"
)
FACE_BUTTON_ATTRIBUTES = """() => [...document.querySelectorAll('.faces button')].map(
    b => Object.fromEntries([...b.attributes].map(a => [a.name, a.value])))"""


def start_of_the_list(page, base):
    """The neutral list, as the device shows it between parents."""
    page.wait_for_url(f"{base}/*{LIST}")
    assert page.locator(".faces, #question, .questionnaire-question").count() == 0


def open_questionnaire_mode(page, base, user, meeting):
    log_in(page, base, "sv", email=user.email)
    page.goto(f"{base}/sv/staff/meetings/{meeting.pk}/attendance/")
    page.locator(f"main a[href$='/staff/meetings/{meeting.pk}/questionnaire/']").click()
    page.wait_for_url(f"{base}/sv/staff/meetings/{meeting.pk}/questionnaire/")
    page.locator("main form[method=post] button[type=submit]").click()
    start_of_the_list(page, base)


def answer(page, base, registration, language, value, *, audible):
    """The parent taps their name, starts, answers question 1 with `value`, skips question 2.
    Returns the attributes of the face buttons as question 1 showed them."""
    page.locator(f"button.kiosk-name[value='{registration.pk}']").click()

    page.wait_for_url(f"{base}/{language}/staff/questionnaire/device/intro/")
    fits_and_passes_axe(page)
    page.locator("form.questionnaire-start button[type=submit]:not([name])").click()

    page.wait_for_url(f"{base}/{language}/staff/questionnaire/device/1/")
    assert page.locator("#question").inner_text() == question_text(1, language)
    assert page.locator(CHOSEN).count() == 0
    assert page.locator(".listen-button").is_visible() is audible
    assert page.locator("button[name=stop]").bounding_box()["height"] >= 44
    faces = page.evaluate(FACE_BUTTON_ATTRIBUTES)
    fits_and_passes_axe(page)
    page.get_by_role("button", name=label(value, language), exact=True).click()

    page.wait_for_url(f"{base}/{language}/staff/questionnaire/device/2/")
    assert page.locator("#question").inner_text() == question_text(2, language)
    assert page.locator(CHOSEN).count() == 0
    fits_and_passes_axe(page)
    page.locator("button[name=value][value=skip]").click()

    page.wait_for_url(f"{base}/{language}/staff/questionnaire/device/thanks/")
    assert direction(page)[0] == language
    fits_and_passes_axe(page)
    return faces


def test_two_parents_answer_on_the_leaders_phone_and_the_second_sees_nothing_of_the_first(
    live_server,
    axe_phone,
    first_meeting_course,  # noqa: F811
    questions,  # noqa: F811
    leader,  # noqa: F811
):
    fatima = first_meeting_course.registrations.get(language="ar")
    hodan = first_meeting_course.registrations.get(language="so")
    record(questions[0], "ar")
    page, base = axe_phone, live_server.url
    open_questionnaire_mode(page, base, leader, first_meeting_course.meetings.get(number=1))
    assert direction(page) == ("sv", "ltr")
    fits_and_passes_axe(page)

    # Fatima, in Arabic, right to left: the question can be heard; she taps "completely true".
    fatima_faces = answer(page, base, fatima, "ar", 5, audible=True)
    assert direction(page) == ("ar", "rtl")

    # The device forgets her at once: the next page is the list, where she is only "answered".
    page.locator("main a[href$='/staff/questionnaire/device/']").click()
    start_of_the_list(page, base)
    # The list between parents is in the leader's language, not the last parent's.
    assert direction(page) == ("sv", "ltr")
    fits_and_passes_axe(page)
    done = page.locator(".kiosk-name--done")
    assert done.count() == 1
    assert "فاطمة" in done.inner_text()
    assert page.locator(f"button[value='{fatima.pk}']").count() == 0
    assert not any(text in page.content() for text in ALL_LABELS)

    # Back from the list: the thanks page and her questions are fetched again (no-store) and
    # lead to the list; nothing of hers comes back.
    fetched = []

    def keep(response):
        if LIST in response.url:
            language, tail = response.url.removeprefix(f"{base}/").split(LIST)
            fetched.append((language, tail, response.status))

    page.on("response", keep)
    for _step in range(3):
        page.go_back()
        start_of_the_list(page, base)
        assert label(5, "ar") not in page.content()
        assert question_text(1, "ar") not in page.content()
    page.remove_listener("response", keep)
    # Each page of hers leads to the list in her language, which leads to the leader's.
    assert fetched == [
        *[("ar", "thanks/", 302), ("ar", "", 302), ("sv", "", 200)],
        *[("ar", "2/", 302), ("ar", "", 302), ("sv", "", 200)],
        *[("ar", "1/", 302), ("ar", "", 302), ("sv", "", 200)],
    ]
    page.goto(f"{base}/ar/staff/questionnaire/device/1/")
    start_of_the_list(page, base)

    # Hodan, in Somali, left to right, on the same device.
    hodan_faces = answer(page, base, hodan, "so", 2, audible=False)
    assert direction(page) == ("so", "ltr")

    # Her first question was as fresh as Fatima's: the same buttons with the same attributes
    # (only the words differ, and those are in the button's text, not in an attribute).
    assert hodan_faces == fatima_faces
    assert [face["value"] for face in hodan_faces] == ["1", "2", "3", "4", "5"]
    assert all(set(face) == {"type", "name", "value", "class"} for face in hodan_faces)

    page.locator("main a[href$='/staff/questionnaire/device/']").click()
    start_of_the_list(page, base)
    assert direction(page) == ("sv", "ltr")
    fits_and_passes_axe(page)
    assert page.locator(".kiosk-name--done").count() == 2
    assert not any(text in page.content() for text in ALL_LABELS)

    by_language = {
        response.language: (
            response.phase,
            response.course_id,
            sorted(response.answers.values_list("question__position", "value")),
        )
        for response in Response.objects.all()
    }
    assert by_language == {
        "ar": ("before", first_meeting_course.pk, [(1, 5)]),
        "so": ("before", first_meeting_course.pk, [(1, 2)]),
    }
    personal = [
        str(value)
        for registration in (fatima, hodan)
        for value in (
            registration.first_name,
            registration.last_name,
            registration.phone,
            registration.email,
            registration.link_token,
        )
        if value
    ]
    with connection.cursor() as cursor:
        for table in ("questionnaires_response", "questionnaires_answer"):
            cursor.execute(f"SELECT * FROM {table}")
            stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
            assert stored
            assert not any(value in stored for value in personal), table


def test_the_question_is_read_aloud_from_one_large_button(
    live_server,
    phone,
    first_meeting_course,  # noqa: F811
    questions,  # noqa: F811
    leader,  # noqa: F811
):
    fatima = first_meeting_course.registrations.get(language="ar")
    record(questions[0], "ar", seconds=20)  # still playing when the test looks
    page, base = phone, live_server.url  # under the site's Content Security Policy
    open_questionnaire_mode(page, base, leader, first_meeting_course.meetings.get(number=1))
    page.locator(f"button.kiosk-name[value='{fatima.pk}']").click()
    page.locator("form.questionnaire-start button[type=submit]:not([name])").click()
    page.wait_for_url(f"{base}/ar/staff/questionnaire/device/1/")

    # The script has put its large button in place of the browser's small controls.
    audio = page.locator("audio[data-question-audio]")
    listen = page.locator("button.listen-button")
    assert listen.is_visible()
    assert not audio.is_visible()
    assert audio.evaluate("audio => audio.controls") is False
    assert listen.get_attribute("aria-pressed") == "false"
    audio.evaluate(
        "audio => { window.started = new Promise(resolve => "
        "audio.addEventListener('playing', () => resolve(true), {once: true})); }"
    )

    with page.expect_response(lambda response: "/questionnaire/sound/" in response.url) as sound:
        listen.click()

    assert page.evaluate("window.started") is True
    assert sound.value.status == 200
    assert sound.value.headers["content-type"] == "audio/wav"
    assert audio.evaluate("audio => !audio.paused")
    page.wait_for_function("document.querySelector('audio').currentTime > 0")
    expect(listen).to_have_attribute("aria-pressed", "true")
    label_while_playing = listen.inner_text()

    # The same button stops it.
    listen.click()
    assert audio.evaluate("audio => audio.paused")
    expect(listen).to_have_attribute("aria-pressed", "false")
    assert listen.inner_text() != label_while_playing
