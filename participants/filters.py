from django import forms
from django.utils.translation import gettext_lazy as _

from equalcity.models import CourseLanguage
from equalcity.widgets import MunicipalityChoiceField
from participants.selectors.registrations import municipalities


class CourseSearchForm(forms.Form):
    """A parent's search: which language, and where they live."""

    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=CourseLanguage.objects.all(),
        required=False,
        empty_label=_("All languages"),
    )
    municipality = MunicipalityChoiceField(
        label=_("Where do you live?"),
        queryset=municipalities(),
        required=False,
        empty_label=_("All municipalities"),
    )
