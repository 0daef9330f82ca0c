"""The questionnaire's editor, for GR's regional coordinators and the evaluators: each
programme's questions and answer options in Swedish, and the questions read aloud in every
language. The other languages' words are written in the translation workspace."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from modeltranslation.utils import build_localized_fieldname

from courses.models import Programme
from equalcity import translations
from equalcity.decorators import questionnaire_editor_required
from equalcity.forms import add_validation_error
from questionnaires.audio import MAX_SECONDS, audio_url, max_bytes
from questionnaires.forms import QuestionForm, RecordingForm, ScaleForm
from questionnaires.models import Answer, Question, QuestionAudio, Scale
from questionnaires.selectors import languages_ready, question_rows, scale_rows
from questionnaires.services import (
    question_next_position,
    question_save,
    recording_delete,
    recording_save,
    scale_save,
)

QUESTION_KIND = "questionnaires.question"


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES)[code])


def _posted(request):
    """The form's data on a POST, even an empty one (which then shows what is missing)."""
    return request.POST if request.method == "POST" else None


def _list_url(question: Question | None = None) -> str:
    url = reverse("questionnaires:question_list")
    return f"{url}#question-{question.pk}" if question else url


@questionnaire_editor_required
def question_list(request):
    """Every programme's questions by part and order, with the languages each is written and
    read aloud in; the answer scales below."""
    sections = []
    for programme in Programme.objects.order_by("pk"):
        rows = question_rows(programme.pk)
        asked = [row for row in rows if row.question.active]
        parts = [
            (label, [row for row in rows if row.question.part == part])
            for part, label in Question.Part.choices
        ]
        sections.append(
            {
                "programme": programme,
                "parts": [(label, part_rows) for label, part_rows in parts if part_rows],
                "count": len(rows),
                "recordings": sum(row.recordings for row in asked),
                "possible": len(asked) * len(settings.LANGUAGES),
                "ready": languages_ready(programme.pk),
            }
        )
    return render(
        request,
        "questionnaires/editor/question_list.html",
        {
            "sections": sections,
            "scales": scale_rows(),
            "languages": settings.LANGUAGES,
            "translatable": set(translations.languages_for(request.user)),
            "kind": QUESTION_KIND,
        },
    )


def _question_page(request, form: QuestionForm, question: Question):
    recordings = {r.language: r for r in question.recordings.all()} if question.pk else {}
    return render(
        request,
        "questionnaires/editor/question_form.html",
        {
            "form": form,
            "question": question,
            "programme": question.programme,
            "answers": Answer.objects.filter(question=question).count() if question.pk else 0,
            "languages": [
                {
                    "code": code,
                    "name": name,
                    "text": getattr(question, build_localized_fieldname("text", code)) or "",
                    "recording": recordings.get(code),
                    "bidi": code in settings.LANGUAGES_BIDI,
                }
                for code, name in settings.LANGUAGES
            ],
            "translatable": set(translations.languages_for(request.user)),
            "kind": QUESTION_KIND,
            "has_scale": Scale.objects.exists(),
        },
    )


@questionnaire_editor_required
@require_http_methods(["GET", "POST"])
def question_create(request, programme):
    programme = get_object_or_404(Programme, slug=programme)
    question = Question(
        programme=programme,
        position=question_next_position(programme_id=programme.pk, part=Question.Part.CORE),
        scale=Scale.objects.order_by("pk").first(),
    )
    form = QuestionForm(_posted(request), instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            question = question_save(user=request.user, question=form.instance)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "The question has been added. It is asked in the other languages once it "
                    "is translated in the translation workspace."
                ),
            )
            return redirect(_list_url(question))
    return _question_page(request, form, question)


@questionnaire_editor_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = get_object_or_404(Question.objects.select_related("programme"), pk=pk)
    form = QuestionForm(_posted(request), instance=question)
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data.get("keep_translations", False)
        reworded = form.initial.get("text_sv") != form.cleaned_data["text_sv"] and not keep
        try:
            question = question_save(
                user=request.user, question=form.instance, keep_translations=keep
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The question has been saved."))
            if reworded:
                messages.warning(
                    request,
                    _(
                        "The Swedish text has changed, so its translations and recordings "
                        "have been removed. Translate it again in the translation workspace."
                    ),
                )
            return redirect(_list_url(question))
    return _question_page(request, form, question)


@questionnaire_editor_required
@require_http_methods(["GET", "POST"])
def scale_edit(request, pk=None):
    """A new answer scale, or the words and faces of one."""
    scale = get_object_or_404(Scale, pk=pk) if pk else None
    form = ScaleForm(_posted(request), scale=scale)
    if request.method == "POST" and form.is_valid():
        target = scale or Scale()
        target.name = form.cleaned_data["name"]
        try:
            scale_save(
                user=request.user,
                scale=target,
                steps=form.steps(),
                keep_translations=form.cleaned_data.get("keep_translations", False),
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The answer options have been saved."))
            return redirect(f"{_list_url()}#scales")
    return render(
        request,
        "questionnaires/editor/scale_form.html",
        {
            "form": form,
            "scale": scale,
            "questions": scale.questions.count() if scale else 0,
        },
    )


def _recording_target(pk: int, language: str) -> tuple[Question, QuestionAudio | None]:
    if language not in dict(settings.LANGUAGES):
        raise Http404
    question = get_object_or_404(Question.objects.select_related("programme"), pk=pk)
    return question, question.recordings.filter(language=language).first()


@questionnaire_editor_required
@require_http_methods(["GET", "POST"])
def recording_view(request, pk, language):
    """The question read aloud in one language: listen, upload, replace."""
    question, recording = _recording_target(pk, language)
    form = RecordingForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recording_save(
                user=request.user,
                question=question,
                language=language,
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("The recording in %(language)s has been saved. Listen to it below.")
                % {"language": _language_name(language)},
            )
            return redirect("questionnaires:recording", pk=question.pk, language=language)
    text = getattr(question, build_localized_fieldname("text", language)) or ""
    return render(
        request,
        "questionnaires/editor/recording.html",
        {
            "form": form,
            "question": question,
            "language": language,
            "language_name": _language_name(language),
            "direction": "rtl" if language in settings.LANGUAGES_BIDI else "ltr",
            "text": text,
            "recording": recording,
            # A signed address for the player, as the questionnaire hands out; never the file's.
            "listen": audio_url(recording) if recording else None,
            "max_mb": f"{max_bytes() / 1_000_000:g}",
            "max_seconds": MAX_SECONDS,
        },
    )


@questionnaire_editor_required
@require_POST
def recording_delete_view(request, pk, language):
    question, recording = _recording_target(pk, language)
    if recording is None:
        raise Http404
    recording_delete(user=request.user, recording=recording)
    messages.success(
        request,
        _("The recording in %(language)s has been deleted.")
        % {"language": _language_name(language)},
    )
    return redirect("questionnaires:recording", pk=question.pk, language=language)
