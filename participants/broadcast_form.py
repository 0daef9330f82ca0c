"""The form with which a course leader speaks to the group (participants.broadcasts)."""

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from equalcity.i18n import local_date, local_time
from participants.broadcasts import (
    ITEM_MAX,
    ROOM_MAX,
    TEMPLATE_LABELS,
    TEXT_MAX,
    Broadcast,
    broadcast_meetings,
    language_name,
    sender_languages,
)


def meeting_label(meeting) -> str:
    starts = timezone.localtime(meeting.starts_at)
    return gettext("Meeting %(number)s, %(date)s at %(time)s") % {
        "number": meeting.number,
        "date": local_date(starts.date(), "weekday"),
        "time": local_time(starts.time()),
    }


class BroadcastForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Message"), choices=list(TEMPLATE_LABELS.items()), widget=forms.RadioSelect
    )
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=None, empty_label=None)
    time = forms.TimeField(
        label=_("New start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "class": "short"}, format="%H:%M"),
    )
    room = forms.CharField(
        label=_("Room (in Swedish)"),
        max_length=ROOM_MAX,
        required=False,
        widget=forms.TextInput(attrs={"lang": "sv"}),
    )
    item = forms.CharField(
        label=_("What to bring (in Swedish)"),
        max_length=ITEM_MAX,
        required=False,
        widget=forms.TextInput(attrs={"lang": "sv"}),
    )
    text = forms.CharField(
        label=_("Your own text"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    text_language = forms.ChoiceField(label=_("Language of your text"), required=False)
    key = forms.CharField(
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]{16}$")],
    )

    def __init__(self, *args, course, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = broadcast_meetings(course=course)
        self.fields["meeting"].label_from_instance = meeting_label
        # Every language: a language the sender does not write is refused in words by the
        # service, not as an invalid choice.
        writes = sender_languages(user=user)
        self.fields["text_language"].choices = [
            (code, language_name(code)) for code, _name in settings.LANGUAGES
        ]
        self.fields["text_language"].initial = writes[-1]

    def broadcast(self) -> Broadcast:
        data = self.cleaned_data
        return Broadcast(
            template=data["template"],
            meeting=data["meeting"],
            time=data["time"],
            room=data["room"].strip(),
            item=data["item"].strip(),
            text=data["text"].strip(),
            text_language=data["text_language"],
        )
