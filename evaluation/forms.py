from django import forms
from django.utils.translation import gettext_lazy as _

from equalcity.forms import DateInput
from equalcity.models import CourseLanguage, Organisation
from equalcity.widgets import FastSelect, MunicipalityChoiceField
from evaluation.selectors.tables import Filters


class DashboardFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Courses starting from"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Courses starting until"), required=False, widget=DateInput)
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=CourseLanguage.objects.all(),
        required=False,
        empty_label=_("All languages"),
        widget=FastSelect,
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality of residence"),
        required=False,
        empty_label=_("All municipalities"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY),
    )

    def filters(self) -> Filters:
        return Filters(**self.cleaned_data) if self.is_valid() else Filters()

    def described(self) -> list[tuple[str, object]]:
        """The filters chosen, as (label, value) pairs: dates stay dates."""
        if not self.is_valid():
            return []
        return [
            (str(self.fields[name].label), value if hasattr(value, "year") else str(value))
            for name, value in self.cleaned_data.items()
            if value
        ]
