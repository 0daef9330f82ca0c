import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from equalcity.access import scope_for
from equalcity.languages import INTERFACE_LANGUAGES
from equalcity.message_kinds import kind_choices
from equalcity.models import AuditEvent, Message, Organisation, Role
from equalcity.phones import phone_e164
from equalcity.services import DELEGABLE_ROLES
from equalcity.validators import clean_text


class DateInput(forms.DateInput):
    """The browser's own date picker (a native control: accessible, localised by the phone)."""

    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, for integer ids: one beyond 64 bits, which no widget of ours sends, is an
    invalid choice like any other unknown id (SQLite cannot even bind it: OverflowError)."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            too_big = [pk for pk in value if str(pk).strip().lstrip("+-").isdigit()]
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": max(too_big, key=len, default="")},
            ) from None


class StaffInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    kind = forms.ChoiceField(label=_("Role"), choices=Role.Kind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all()
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        initial="sv",
        help_text=_(
            "Their e-mails and documents will be in this language too. Someone who has already "
            "logged in keeps the language they have chosen."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        if not scope.regional:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=scope.coordinated_org_ids
            )
            self.fields["kind"].choices = [
                (value, label) for value, label in Role.Kind.choices if value in DELEGABLE_ROLES
            ]


_RTL = {code: rtl for code, _name, _local, rtl in INTERFACE_LANGUAGES}


class LanguageSelect(forms.Select):
    """Each language in its own name, marked with its language and direction (as in the
    language switcher), so a screen reader reads "ትግርኛ" as Tigrinya on a Swedish page."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"].update({"lang": value, "dir": "rtl" if _RTL.get(value) else "ltr"})
        return option


class StaffSettingsForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language for e-mails and documents"),
        choices=[(code, local) for code, _name, local, _bidi in INTERFACE_LANGUAGES],
        widget=LanguageSelect,
        help_text=_(
            "E-mails to you, and the documents you download, are in this language. The pages "
            "follow the language you choose at the top of the page."
        ),
    )


class DeliveryReportForm(forms.Form):
    """46elks' word on an SMS: the id it gave the message, and whether it reached the phone.
    A CharField refuses NUL, which PostgreSQL cannot compare."""

    id = forms.CharField(max_length=100)  # Message.provider_id
    status = forms.ChoiceField(choices=[("delivered", "delivered"), ("failed", "failed")])


class InboundSmsForm(forms.Form):
    """An SMS a parent sent to one of our numbers, as 46elks posts it: `id`, `from`, `to`,
    `message`, `created` (UTC). `from` is a Python keyword, so the fields are named in
    __init__."""

    def __init__(self, *args, our_numbers: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.our_numbers = our_numbers
        self.fields["id"] = forms.CharField(max_length=100)
        self.fields["from"] = forms.CharField(max_length=30)
        self.fields["to"] = forms.CharField(max_length=30)
        self.fields["message"] = forms.CharField(max_length=1600, required=False, strip=False)
        self.fields["created"] = forms.CharField(max_length=40, required=False)

    def clean_from(self):
        number = phone_e164(self.cleaned_data["from"])
        if number is None:
            raise ValidationError("The sender is no phone number.", code="sender")
        return number

    def clean_to(self):
        number = phone_e164(self.cleaned_data["to"])
        if number is None or number not in self.our_numbers:
            raise ValidationError("The message was not sent to our number.", code="to")
        return number

    def clean_created(self):
        value = self.cleaned_data["created"]
        if not value:
            return None
        try:
            created = parse_datetime(value)
        except ValueError:
            created = None
        if created is None:
            raise ValidationError("No readable time.", code="created")
        return created if timezone.is_aware(created) else timezone.make_aware(created, dt.UTC)


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Message.Status.choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("SMS and e-mail")), *Message.Channel.choices],
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    q = forms.CharField(
        label=_("To (phone number or e-mail)"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kind_choices()]

    def clean_q(self):
        return clean_text(self.cleaned_data["q"])


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What"),
        required=False,
        choices=[("", _("Everything")), *AuditEvent.Action.choices],
    )
    q = forms.CharField(
        label=_("Who or whose data"),
        required=False,
        max_length=120,
        help_text=_("A staff member's e-mail address, or what the entry is about."),
    )

    def clean_q(self):
        return clean_text(self.cleaned_data["q"])


def add_validation_error(form, error):
    """Put a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class TranslationFilterForm(forms.Form):
    """The workspace's list: one language at a time, a kind of text, only what is missing."""

    language = forms.ChoiceField(label=_("Language"))
    kind = forms.ChoiceField(label=_("Texts"), required=False)
    missing = forms.BooleanField(label=_("Only texts that are not yet translated"), required=False)

    def __init__(self, *args, languages, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [(code, names[code]) for code in languages]
        self.fields["kind"].choices = [("", _("All texts")), *kinds]


class TranslationForm(forms.Form):
    """One row's texts in one language, each field beside its Swedish source."""

    def __init__(self, *args, texts, language, **kwargs):
        super().__init__(*args, **kwargs)
        direction = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
        for text in texts:
            attrs = {"lang": language, "dir": direction}
            widget = (
                forms.Textarea(attrs={**attrs, "rows": 4})
                if text.multiline
                else forms.TextInput(attrs=attrs)
            )
            self.fields[text.name] = forms.CharField(
                label=text.label, required=False, widget=widget, initial=text.text, strip=True
            )
        self.texts = texts

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            try:
                data[name] = clean_text(value)
            except ValidationError as error:
                self.add_error(name, error)
        return data

    def rows(self):
        """(field, Swedish source) pairs for the template."""
        return [(self[text.name], text) for text in self.texts]
