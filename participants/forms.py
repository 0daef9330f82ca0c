from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from equalcity.i18n import local_number
from equalcity.languages import INTERFACE_LANGUAGES
from equalcity.validators import clean_mobile_phone, clean_person_name, clean_text
from equalcity.widgets import LanguageSelect, MunicipalityChoiceField
from participants.models import Registration
from participants.selectors.registrations import municipalities

CHILDREN_LIMIT = 15


def _numbers(message, **numbers):
    """A translated sentence with numbers written as the language writes them (١٥ in Arabic),
    evaluated when the form is shown, in the reader's language."""
    return lazy(
        lambda: gettext(message) % {key: local_number(value) for key, value in numbers.items()},
        str,
    )()


def children_label(low: int, high: int):
    return _numbers(gettext_noop("Children aged %(low)s–%(high)s"), low=low, high=high)


class ChildrenField(forms.IntegerField):
    def __init__(self, low, high):
        super().__init__(
            label=children_label(low, high),
            min_value=0,
            max_value=CHILDREN_LIMIT,
            initial=0,
            required=False,
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "short"}),
            error_messages={
                "invalid": _numbers(
                    gettext_noop(
                        "Write the number of children as a number, for example %(example)s."
                    ),
                    example=2,
                ),
                "min_value": _numbers(
                    gettext_noop("The number of children cannot be below %(lowest)s."), lowest=0
                ),
                "max_value": _numbers(
                    gettext_noop("Write a number from %(lowest)s to %(highest)s."),
                    lowest=0,
                    highest=CHILDREN_LIMIT,
                ),
            },
        )

    def clean(self, value):
        return super().clean(value) or 0


class RegistrationForm(forms.Form):
    """What a parent fills in: the minimum the programme needs, every message a sentence."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=30,
        help_text=_("We send the confirmation and the reminders here by text message."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
    )
    email = forms.EmailField(
        label=_("E-mail (if you have one)"),
        required=False,
        max_length=120,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    municipality = MunicipalityChoiceField(
        label=_("Which municipality do you live in?"),
        queryset=municipalities(),
        empty_label=_("Choose a municipality"),
    )
    children_0_5 = ChildrenField(0, 5)
    children_6_12 = ChildrenField(6, 12)
    children_13_17 = ChildrenField(13, 17)
    needs_childcare = forms.BooleanField(
        label=_("I need childcare during the meetings"), required=False
    )
    needs_accessibility = forms.BooleanField(
        label=_("I need a room without stairs or other accessibility help"), required=False
    )
    needs_note = forms.CharField(
        label=_("Anything else we should know (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example an allergy or a need for a quiet room. Write only what you want "
            "the course leader to know."
        ),
    )
    needs_note_consent = forms.BooleanField(
        label=_(
            "I agree that my note is stored and read by the course leader and the "
            "coordinator. I can ask for it to be deleted at any time."
        ),
        required=False,
    )
    referral = forms.ChoiceField(
        label=_("How did you hear about the course? (optional)"),
        required=False,
        choices=Registration.Referral.choices,
        widget=forms.RadioSelect,
    )
    channel = forms.ChoiceField(
        label=_("How do you want to get messages from us?"),
        choices=Registration.Channel.choices,
        initial=Registration.Channel.SMS,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the messages"),
        choices=[(code, local) for code, _name, local, _bidi in INTERFACE_LANGUAGES],
        widget=LanguageSelect,
    )
    # A field people never see; software that fills in every field fills this one too.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["language"].initial = get_language() or settings.LANGUAGE_CODE

    def clean_first_name(self):
        return clean_person_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return clean_person_name(self.cleaned_data["last_name"])

    def clean_phone(self):
        return clean_mobile_phone(self.cleaned_data["phone"])

    def clean_needs_note(self):
        return clean_text(self.cleaned_data["needs_note"])

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(
                _("Your registration could not be sent. Please call us and we will help you."),
                code="honeypot",
            )
        if (
            data.get("channel") == Registration.Channel.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error(
                "email",
                _(
                    "You chose messages by e-mail. Please write your e-mail "
                    "address, or choose text message."
                ),
            )
        if data.get("needs_note") and not data.get("needs_note_consent"):
            self.add_error(
                "needs_note_consent",
                _("To keep your note we need your consent. Tick the box, or leave the note empty."),
            )
        return data

    def service_arguments(self):
        data = dict(self.cleaned_data)
        data.pop("website", None)
        return data


class StaffRegistrationForm(RegistrationForm):
    """Staff register a parent on their behalf (a phone call, low literacy)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        # The form speaks to the staff member on the phone, about the parent.
        labels = {
            "first_name": _("The parent's first name"),
            "last_name": _("The parent's last name"),
            "phone": _("The parent's mobile phone"),
            "email": _("The parent's e-mail (if they have one)"),
            "municipality": _("Which municipality does the parent live in?"),
            "needs_childcare": _("The parent needs childcare during the meetings"),
            "needs_accessibility": _("The parent needs a room without stairs or other help"),
            "needs_note": _("Anything else the course leader should know (optional)"),
            "referral": _("How did the parent hear about the course? (optional)"),
            "channel": _("How does the parent want messages?"),
            "language": _("The parent's language for messages"),
            "needs_note_consent": _(
                "The parent agrees that the note is stored and read by the course leader and "
                "the coordinator."
            ),
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["phone"].help_text = _(
            "The confirmation and the reminders go here by text message, in the parent's language."
        )


class WalkInForm(forms.Form):
    """A parent who came without registering: a name, and a phone if they have one with them."""

    first_name = forms.CharField(label=_("First name"), max_length=60)
    last_name = forms.CharField(label=_("Last name"), max_length=60)
    phone = forms.CharField(
        label=_("Mobile phone (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
    )

    def clean_first_name(self):
        return clean_person_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return clean_person_name(self.cleaned_data["last_name"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return clean_mobile_phone(phone) if phone.strip() else ""


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("Follow-up note"), max_length=300, required=False)

    def clean_note(self):
        return clean_text(self.cleaned_data["note"])
