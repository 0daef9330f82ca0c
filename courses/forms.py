from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from courses.models import Course, Meeting, Programme
from courses.selectors import course_leader_choices
from equalcity.access import scope_for
from equalcity.forms import DateInput, TimeInput
from equalcity.i18n import localized_fieldnames
from equalcity.models import CourseLanguage, Organisation, Venue


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
            *localized_fieldnames("title"),
            *localized_fieldnames("description"),
        ]
        widgets = {
            "registration_opens": DateInput,
            "registration_closes": DateInput,
            "first_date": DateInput,
            "start_time": TimeInput,
            "leaders": forms.CheckboxSelectMultiple,
        }

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
        self.fields["language"].queryset = CourseLanguage.objects.all()
        self.fields["programme"].queryset = Programme.objects.all()
        self.fields["title_sv"].required = True
        for field in ("title", "description"):
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

    def clean(self):
        data = super().clean()
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
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=CourseLanguage.objects.all(),
        required=False,
        empty_label=_("All languages"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.filter(kind="municipality"),
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


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
