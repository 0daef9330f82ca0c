"""Form widgets that cost little and say their language.

Django renders a select with one template per option: 290 municipalities meant 290 template
renders on every registration form. These selects build their options in Python, in one join,
with the same markup Django's templates produce, and mark the options' language (`lang`) when
they are names in another language than the page's (Swedish place names on an Arabic page, each
language's own name in the language list).
"""

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from equalcity.i18n import current_language, is_rtl


def _attributes(attrs: dict):
    """As Django's attrs.html: True is a bare attribute, False is left out."""
    return mark_safe(  # noqa: S308 - every part is escaped by format_html
        "".join(
            format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value)
            for key, value in attrs.items()
            if value is not False and value is not None
        )
    )


class FastSelect(forms.Select):
    """A <select> rendered in Python. `option_language(value, label)` may give an option's lang."""

    def option_language(self, value, label) -> str | None:
        return None

    def _option(self, option, page: str) -> str:
        language = self.option_language(option["value"], option["label"])
        attrs = {}
        if language and language != page:
            attrs["lang"] = language
            if is_rtl(page) != is_rtl(language):
                attrs["dir"] = "rtl" if is_rtl(language) else "ltr"
        if option["selected"]:
            attrs["selected"] = True
        return format_html(
            '<option value="{}"{}>{}</option>',
            "" if option["value"] is None else option["value"],
            _attributes(attrs),
            option["label"],
        )

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        page = current_language()
        groups = []
        for group_name, options, _index in context["optgroups"]:
            body = mark_safe("".join(self._option(option, page) for option in options))  # noqa: S308
            if group_name:
                groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, body))
            else:
                groups.append(body)
        attributes = _attributes(context["attrs"])
        multiple = mark_safe(" multiple") if self.allow_multiple_selected else ""
        return format_html(
            '<select name="{}"{}{}>{}</select>',
            context["name"],
            attributes,
            multiple,
            mark_safe("".join(groups)),  # noqa: S308
        )


class SwedishNamesSelect(FastSelect):
    """Options that are Swedish names (municipalities, venues): marked lang="sv"."""

    def option_language(self, value, label):
        return "sv" if value not in (None, "") else None


class MunicipalityChoiceField(forms.ModelChoiceField):
    """The municipality, grouped by region (290 entries nationally): a parent finds theirs by
    typing its first letters, or under their region."""

    widget = SwedishNamesSelect

    def _get_choices(self):
        if hasattr(self, "_choices"):
            return self._choices
        return _GroupedChoices(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


class _GroupedChoices(BaseChoiceIterator):
    """The field's choices as optgroups by region; a single region needs no group. Lazy, like
    Django's own ModelChoiceIterator: the query runs when the form is rendered."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        # Three columns per municipality, not two model instances (itself and its region):
        # 290 municipalities nationally, on every registration form and course list.
        key = field.to_field_name or "pk"
        regions = {}
        for value, name, region in field.queryset.values_list(key, "name", "parent__name"):
            regions.setdefault(region or "", []).append((value, name))
        if len(regions) <= 1:
            yield from (option for options in regions.values() for option in options)
            return
        for region in sorted(regions):
            yield (region, regions[region])

    def __len__(self):
        return self.field.queryset.count() + (1 if self.field.empty_label is not None else 0)


class LanguageSelect(FastSelect):
    """Each language in its own name, marked with its own lang and direction."""

    def option_language(self, value, label):
        return value or None
