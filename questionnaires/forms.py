"""The questionnaire editor's forms: a question and an answer scale in Swedish (the other
languages are written in the translation workspace), and a recording of a question read aloud."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from equalcity.i18n import local_number
from equalcity.validators import clean_text
from questionnaires.models import HIGHEST, LOWEST, Question, Scale, ScaleStep

KEEP_TRANSLATIONS_HELP = _(
    "Tick this only when you corrected spelling or punctuation. Otherwise the translations "
    "and recordings no longer say the same thing, and they are removed so that nobody is "
    "asked the old question."
)


class QuestionForm(forms.ModelForm):
    """A question in Swedish, the source of every translation."""

    keep_translations = forms.BooleanField(
        label=_("Keep the translations and recordings"),
        required=False,
        help_text=KEEP_TRANSLATIONS_HELP,
    )

    class Meta:
        model = Question
        fields = ["text_sv", "part", "position", "scale", "active"]
        widgets = {"part": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text = self.fields["text_sv"]
        text.required = True
        text.label = _("The question, in Swedish")
        text.help_text = _(
            "A short sentence that a parent can agree or disagree with, in plain words. To ask "
            "something new, add a new question and stop asking this one: the answers given "
            "so far keep their meaning."
        )
        text.widget.attrs.update({"lang": "sv", "dir": "ltr"})
        self.fields["part"].label = _("When it is asked")
        position = self.fields["position"]
        position.label = pgettext_lazy("a question's place in the questionnaire", "Order")
        position.help_text = _("Questions are asked from the lowest number up.")
        position.validators.append(MinValueValidator(1))
        position.widget.attrs.update({"min": 1, "inputmode": "numeric", "class": "short"})
        self.fields["scale"].label = _("Answer options")
        self.fields["scale"].empty_label = None
        self.fields["active"].label = _("Ask this question")
        if not self.instance.pk:
            del self.fields["keep_translations"]

    def clean_text_sv(self):
        return clean_text(self.cleaned_data["text_sv"])


class ScaleForm(forms.Form):
    """An answer scale's name and its five steps, lowest first: the Swedish words and the face
    shown beside them."""

    name = forms.CharField(
        label=_("Name of the answer options"),
        max_length=100,
        help_text=_("For staff only, for example “Agree scale”. Parents never see it."),
    )

    def __init__(self, *args, scale: Scale | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scale = scale
        steps = {step.value: step for step in scale.steps.all()} if scale else {}
        if scale:
            self.initial.setdefault("name", scale.name)
        for value in range(LOWEST, HIGHEST + 1):
            step = steps.get(value)
            self.fields[f"label_{value}"] = forms.CharField(
                label=_("Step %(value)s: words in Swedish") % {"value": local_number(value)},
                max_length=ScaleStep._meta.get_field("label").max_length,
                initial=step.label_sv if step else "",
                widget=forms.TextInput(attrs={"lang": "sv", "dir": "ltr"}),
            )
            self.fields[f"face_{value}"] = forms.ChoiceField(
                label=_("Step %(value)s: face") % {"value": local_number(value)},
                choices=ScaleStep.Face.choices,
                initial=step.face if step else _default_face(value),
            )
        if scale:
            self.fields["keep_translations"] = forms.BooleanField(
                label=_("Keep the translations"),
                required=False,
                help_text=_(
                    "Tick this only when you corrected spelling or punctuation. Otherwise the "
                    "translations of changed words are removed, to be translated again."
                ),
            )

    def clean(self):
        data = super().clean()
        for value in range(LOWEST, HIGHEST + 1):
            name = f"label_{value}"
            if name in data:
                try:
                    data[name] = clean_text(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def steps(self) -> dict[int, tuple[str, str]]:
        """{value: (Swedish words, face)} of a valid form."""
        return {
            value: (self.cleaned_data[f"label_{value}"], self.cleaned_data[f"face_{value}"])
            for value in range(LOWEST, HIGHEST + 1)
        }

    def step_fields(self):
        """(value, words field, face field) per step, for the template."""
        return [
            (value, self[f"label_{value}"], self[f"face_{value}"])
            for value in range(LOWEST, HIGHEST + 1)
        ]


def _default_face(value: int) -> str:
    faces = [face for face, _label in ScaleStep.Face.choices]
    return faces[value - LOWEST]


class RecordingForm(forms.Form):
    """One recording: what the file is is decided by reading it (questionnaires.audio), not by
    its name or the type the browser gives it."""

    file = forms.FileField(
        label=_("Recording"),
        help_text=_(
            "A person reading the question aloud, calmly and clearly. MP3, M4A, Ogg, WAV or "
            "FLAC, at most one minute."
        ),
        widget=forms.FileInput(attrs={"accept": "audio/*"}),
        error_messages={
            "required": _("Choose the file with the recording."),
            "empty": _("The file is empty. Choose the file with the recording again."),
            "invalid": _("No file was received. Choose the file with the recording again."),
            "missing": _("No file was received. Choose the file with the recording again."),
        },
    )
