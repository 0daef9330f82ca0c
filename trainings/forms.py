from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from equalcity.access import scope_for
from equalcity.forms import DateInput, ModelMultipleChoiceField, TimeInput
from equalcity.i18n import localized_fieldnames
from equalcity.models import Organisation, User, Venue
from trainings.models import ClusterMeeting, ClusterTheme, StaffGroupMember, TrainingDay


class TrainingDayForm(forms.ModelForm):
    programme = forms.CharField(
        label=_("Programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One item per line: time | title | speaker, for example "
            "09:00 | Welcome | Anna Svensson."
        ),
    )

    class Meta:
        model = TrainingDay
        fields = [
            "kind",
            "organiser",
            "date",
            "starts_at",
            "ends_at",
            "venue",
            "capacity",
            "registration_deadline",
            "status",
            *localized_fieldnames("title"),
            "description_sv",
            "target_group_sv",
            "discussion_questions_sv",
        ]
        widgets = {
            "date": DateInput,
            "registration_deadline": DateInput,
            "starts_at": TimeInput,
            "ends_at": TimeInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_sv"].required = True
        if self.instance.pk:
            self.fields["programme"].initial = "\n".join(
                " | ".join(filter(None, [f"{item.starts_at:%H:%M}", item.title, item.speaker]))
                for item in self.instance.programme_items.all()
            )


class SummaryForm(forms.ModelForm):
    class Meta:
        model = TrainingDay
        fields = ["summary_sv", "key_points_sv", "discussion_questions_sv"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


class RegisterStaffForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Staff member"), queryset=User.objects.none())

    def __init__(self, *args, coordinator, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(coordinator)
        users = User.objects.filter(is_active=True, roles__isnull=False)
        if not scope.regional:
            users = users.filter(roles__organisation_id__in=scope.coordinated_org_ids)
        self.fields["user"].queryset = users.distinct().order_by("first_name", "last_name")


class WorkshopForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Organisation.objects.none()
    )
    requested_date = forms.DateField(label=_("Requested date"), widget=DateInput)
    place = forms.CharField(label=pgettext_lazy("where", "Place"), max_length=200)
    expected_participants = forms.IntegerField(
        label=_("Expected participants"), min_value=1, max_value=500
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        municipalities = Organisation.objects.filter(kind="municipality", takes_part=True)
        if not scope.regional:
            municipalities = municipalities.filter(pk__in=scope.coordinated_org_ids)
        self.fields["municipality"].queryset = municipalities
        if not self.is_bound:
            # The booking comes from the coordinator: their contact details, their municipality.
            only = list(municipalities[:2])
            self.initial.setdefault("municipality", only[0].pk if len(only) == 1 else None)
            self.initial.setdefault("contact_name", user.get_full_name())
            self.initial.setdefault("contact_email", user.email)
            if len(only) == 1 and only[0].phone:
                self.initial.setdefault("contact_phone", only[0].phone)


class WorkshopDecisionForm(forms.Form):
    other_date = forms.DateField(label=_("Another date"), widget=DateInput, required=False)
    note = forms.CharField(label=_("Note to the municipality"), max_length=300, required=False)


class MunicipalityChoiceForm(forms.Form):
    """The municipality a regional coordinator looks at (?municipality=<id>)."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY),
    )


class StaffGroupMemberForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Staff member"), queryset=User.objects.none())
    function = forms.ChoiceField(label=_("Function"), choices=StaffGroupMember.Function.choices)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (
            User.objects.filter(
                roles__organisation__in=[municipality, *municipality.children.all()]
            )
            .distinct()
            .order_by("first_name", "last_name")
        )


class ClusterMeetingForm(forms.ModelForm):
    class Meta:
        model = ClusterMeeting
        fields = ["date", "starts_at", "ends_at", "venue", "municipalities", "themes"]
        widgets = {
            "date": DateInput,
            "starts_at": TimeInput,
            "ends_at": TimeInput,
            "municipalities": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "municipalities": ModelMultipleChoiceField,
            "themes": ModelMultipleChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = Organisation.objects.filter(
            kind="municipality", takes_part=True
        )
        self.fields["themes"].queryset = ClusterTheme.objects.all()
        self.fields["venue"].queryset = Venue.objects.select_related("municipality")


class MinutesForm(forms.Form):
    attendees = ModelMultipleChoiceField(
        label=_("Who came"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = (
            User.objects.filter(staff_groups__group__municipality__in=meeting.municipalities.all())
            .distinct()
            .order_by("first_name", "last_name")
        )
