from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from courses.models import Course, Meeting, Programme
from courses.selectors import course_leader_choices
from equalcity.access import scope_for
from equalcity.forms import DateInput, ModelMultipleChoiceField, TimeInput
from equalcity.i18n import localized_fieldnames
from equalcity.models import CourseLanguage, Organisation, Venue
from equalcity.validators import clean_text
from equalcity.widgets import MunicipalityChoiceField

TRANSLATED = ("title", "description", "target_group")


class CourseForm(forms.ModelForm):
    """A coordinator's course form. Titles and descriptions in every language, Swedish required."""

    class Meta:
        model = Course
        fields = [
            "programme",
            "language",
            "municipality",
            "organiser",
            "venue",
            "leaders",
            "capacity",
            "eligibility",
            "status",
            "registration_opens",
            "registration_closes",
            "first_date",
            "start_time",
            "childcare_offered",
            "childcare_min_age",
            "childcare_max_age",
            *localized_fieldnames("title"),
            *localized_fieldnames("description"),
            *localized_fieldnames("target_group"),
        ]
        widgets = {
            "registration_opens": DateInput,
            "registration_closes": DateInput,
            "first_date": DateInput,
            "start_time": TimeInput,
            "leaders": forms.CheckboxSelectMultiple,
        }
        field_classes = {"leaders": ModelMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        organisations = Organisation.objects.all()
        if not scope.regional:
            organisations = organisations.filter(pk__in=scope.coordinated_org_ids)
        self.fields["municipality"].queryset = organisations.filter(kind="municipality")
        self.fields["organiser"].queryset = organisations
        self.fields["venue"].queryset = Venue.objects.filter(
            municipality__in=organisations.filter(kind="municipality")
        ).select_related("municipality")
        self.fields["leaders"].queryset = course_leader_choices(user=user)
        self.fields["leaders"].help_text = _(
            "Only staff with the course-leader role in your organisation are listed. To add "
            "someone, invite them as a course leader first (Invite staff)."
        )
        self.fields["language"].queryset = CourseLanguage.objects.all()
        self.fields["programme"].queryset = Programme.objects.all()
        if not self.instance.pk and not self.is_bound:
            self._prefill(organisations)
        self.fields["title_sv"].required = True
        # The ages matter only when childcare is offered; empty means the usual 0–6.
        for name in ("childcare_min_age", "childcare_max_age"):
            self.fields[name].required = False
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "class": "short"})
        for field in TRANSLATED:
            for code, language in settings.LANGUAGES:
                name = build_localized_fieldname(field, code)
                self.fields[name].label = "%(field)s (%(language)s)" % {
                    "field": Course._meta.get_field(field).verbose_name.capitalize(),
                    "language": language,
                }
        # Full, running and finished follow from registrations and dates.
        self.fields["status"].choices = [
            (value, label)
            for value, label in Course.Status.choices
            if value in {Course.Status.DRAFT, Course.Status.OPEN, Course.Status.CANCELLED}
            or value == self.instance.status
        ]

    def _prefill(self, organisations):
        """A new course: the one choice where there is only one, and the title from the
        programme (in every language it is written in)."""
        for name, queryset in (
            ("municipality", self.fields["municipality"].queryset),
            ("organiser", self.fields["organiser"].queryset),
            ("programme", self.fields["programme"].queryset),
        ):
            only = list(queryset[:2])
            if len(only) == 1 and not self.initial.get(name):
                self.initial[name] = only[0].pk
        programme = Programme.objects.first()
        if programme is not None:
            self.initial["programme"] = self.initial.get("programme") or programme.pk
            for code, _name in settings.LANGUAGES:
                name = getattr(programme, build_localized_fieldname("name", code)) or ""
                title = build_localized_fieldname("title", code)
                if name and not self.initial.get(title):
                    self.initial[title] = name

    def swedish_fields(self):
        """The texts in Swedish, the source; the other languages are folded away."""
        return [self[build_localized_fieldname(field, "sv")] for field in TRANSLATED]

    def translation_fields(self):
        return [
            self[build_localized_fieldname(field, code)]
            for field in TRANSLATED
            for code, _name in settings.LANGUAGES
            if code != "sv"
        ]

    def plain_fields(self):
        translated = {f.name for f in (*self.swedish_fields(), *self.translation_fields())}
        return [field for field in self.visible_fields() if field.name not in translated]

    def clean_childcare_min_age(self):
        value = self.cleaned_data["childcare_min_age"]
        return Course._meta.get_field("childcare_min_age").default if value is None else value

    def clean_childcare_max_age(self):
        value = self.cleaned_data["childcare_max_age"]
        return Course._meta.get_field("childcare_max_age").default if value is None else value

    def clean(self):
        data = super().clean()
        low, high = data.get("childcare_min_age"), data.get("childcare_max_age")
        if low is not None and high is not None and high < low:
            self.add_error(
                "childcare_max_age", _("The highest age must be at least the lowest age.")
            )
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes < opens:
            self.add_error(
                "registration_closes",
                _("Registration must close on or after the day it opens."),
            )
        venue, municipality = data.get("venue"), data.get("municipality")
        if venue and municipality and venue.municipality_id != municipality.pk:
            self.add_error("venue", _("Choose a venue in the course's municipality."))
        return data


class SchedulePreviewForm(forms.Form):
    """The few fields the dates depend on, so a preview works before the rest is filled in."""

    programme = forms.ModelChoiceField(queryset=Programme.objects.all())
    municipality = forms.ModelChoiceField(queryset=Organisation.objects.all())
    first_date = forms.DateField()
    start_time = forms.TimeField()

    def planned_course(self):
        return Course(**self.cleaned_data)


class CourseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Words of the title, the venue or the municipality."),
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=CourseLanguage.objects.all(),
        required=False,
        empty_label=_("All languages"),
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.filter(kind="municipality").order_by("name"),
        required=False,
        empty_label=_("All municipalities"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Course.Status.choices],
    )


class MeetingMoveForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=DateInput)
    time = forms.TimeField(label=_("New start time"), widget=TimeInput)
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting


class MeetingThemeForm(forms.Form):
    theme = forms.CharField(
        label=_("This course's own theme for the meeting, in Swedish"),
        max_length=200,
        required=False,
        help_text=_(
            "Leave empty to follow the programme. Translate it in the translation workspace: "
            "parents read it in their language."
        ),
    )

    def clean_theme(self):
        return clean_text(self.cleaned_data["theme"])


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
