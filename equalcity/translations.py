"""The translation workspace: every text that a person typed and that parents or staff read,
listed with what is missing in each language.

Apps register what they hold (`register(...)` in their AppConfig.ready(), see
`courses.apps`): a model, its translated fields (django-modeltranslation), which rows are
still read (a finished course's title is not), and how to name a row. The core never imports
an app: the registry is filled by them. Swedish is the source; the workspace translates into
the other languages, one language at a time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q, QuerySet
from modeltranslation.utils import build_localized_fieldname

from equalcity.access import scope_for
from equalcity.models import Role, User
from equalcity.public_cache import public_pages_changed

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SOURCE_LANGUAGE = settings.LANGUAGE_CODE
Row = TypeVar("Row", bound=models.Model)


@dataclass(frozen=True)
class Translatable(Generic[Row]):
    """One kind of text: `fields` of `model`, in the rows `rows()` returns."""

    key: str  # "courses.course"
    model: type[Row]
    fields: tuple[str, ...]
    label: "StrOrPromise"  # a lazy translation: "Course"
    rows: Callable[[], QuerySet[Row]]
    describe: Callable[[Row], str] = str
    for_parents: bool = True
    multiline: frozenset[str] = field(default_factory=frozenset)


# Of every kind of row: an entry's type says which only where it is made.
_REGISTRY: dict[str, Translatable[Any]] = {}


def register(entry: Translatable[Row]) -> None:
    _REGISTRY[entry.key] = entry


def entries() -> list[Translatable[Any]]:
    return list(_REGISTRY.values())


def entry(key: str) -> Translatable[Any]:
    return _REGISTRY[key]


def target_languages() -> list[str]:
    """The languages texts are translated into: every interface language but Swedish."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def _column(name: str, language: str) -> str:
    return build_localized_fieldname(name, language)


def _filled(column: str) -> Q:
    return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})


def _has_source(item: Translatable[Any], name: str) -> Q:
    return _filled(_column(name, SOURCE_LANGUAGE))


def missing_filter(item: Translatable[Any], language: str) -> Q:
    """Rows with a Swedish text in some field that has no text in `language`."""
    missing = Q(pk__in=[])
    for name in item.fields:
        missing |= _has_source(item, name) & ~_filled(_column(name, language))
    return missing


@dataclass(frozen=True)
class Coverage:
    language: str
    texts: int  # texts with a Swedish source
    translated: int

    @property
    def missing(self) -> int:
        return self.texts - self.translated

    @property
    def percent(self) -> int:
        return 100 if not self.texts else int(100 * self.translated / self.texts)


def coverage(
    *, languages: list[str] | None = None, for_parents_only: bool = False
) -> dict[str, dict[str, Coverage]]:
    """{entry key: {language: Coverage}}: one aggregate query per kind of text, whatever the
    number of rows."""
    languages = languages or target_languages()
    result: dict[str, dict[str, Coverage]] = {}
    for item in entries():
        if for_parents_only and not item.for_parents:
            continue
        aggregates: dict[str, Count] = {}
        for name in item.fields:
            source = _has_source(item, name)
            aggregates[f"{name}__texts"] = Count("pk", filter=source)
            for language in languages:
                aggregates[f"{name}__{language}"] = Count(
                    "pk", filter=source & _filled(_column(name, language))
                )
        counts = item.rows().aggregate(**aggregates)
        result[item.key] = {
            language: Coverage(
                language=language,
                texts=sum(counts[f"{name}__texts"] for name in item.fields),
                translated=sum(counts[f"{name}__{language}"] for name in item.fields),
            )
            for language in languages
        }
    return result


def total_coverage(table: dict[str, dict[str, Coverage]], language: str) -> Coverage:
    rows = [by_language[language] for by_language in table.values()]
    return Coverage(
        language=language,
        texts=sum(row.texts for row in rows),
        translated=sum(row.translated for row in rows),
    )


def languages_for(user: User) -> list[str]:
    """The languages a user may translate into: all for a regional coordinator, the chosen ones
    for a translator, none for anyone else."""
    scope = scope_for(user)
    if scope.regional:
        return target_languages()
    chosen: set[str] = set()
    for languages in Role.objects.filter(user=user, kind=Role.Kind.TRANSLATOR).values_list(
        "languages", flat=True
    ):
        chosen.update(languages or [])
    return [code for code in target_languages() if code in chosen]


def may_translate(user: User, language: str) -> bool:
    return language in languages_for(user)


def missing_rows(item: Translatable[Row], language: str) -> QuerySet[Row]:
    return item.rows().filter(missing_filter(item, language)).order_by("pk")


@dataclass(frozen=True)
class FieldText:
    name: str
    label: str
    source: str
    text: str
    multiline: bool


def field_texts(item: Translatable[Row], row: Row, language: str) -> list[FieldText]:
    """Each field of the row that has a Swedish text, with the text in `language`."""
    texts = []
    for name in item.fields:
        source = getattr(row, _column(name, SOURCE_LANGUAGE)) or ""
        if not source.strip():
            continue
        # A translated field is a column of the model's own, never a relation's reverse side.
        model_field = cast("models.Field[Any, Any]", item.model._meta.get_field(name))
        texts.append(
            FieldText(
                name=name,
                label=str(model_field.verbose_name),
                source=source,
                text=getattr(row, _column(name, language)) or "",
                multiline=name in item.multiline or isinstance(model_field, models.TextField),
            )
        )
    return texts


@transaction.atomic
def translation_save(
    *, user: User, item: Translatable[Any], row_id: int, language: str, texts: dict[str, str]
) -> int:
    """Save one language's texts of one row. Only that language's columns are written; a field
    without a Swedish source is not. Returns how many fields changed."""
    if not may_translate(user, language):
        raise PermissionError(language)
    row = item.rows().select_for_update().get(pk=row_id)
    changed: list[str] = []
    for field_text in field_texts(item, row, language):
        if field_text.name not in texts:
            continue
        value = texts[field_text.name]
        column = _column(field_text.name, language)
        row._meta.get_field(column).clean(value, row)  # the field's own limits (max_length)
        if value != (getattr(row, column) or ""):
            setattr(row, column, value)
            changed.append(column)
    if changed:
        row.save(update_fields=changed)
        transaction.on_commit(public_pages_changed)
    return len(changed)


def register_core_translatables() -> None:
    """The core's own translated texts: venues' directions and the course languages' names."""
    from django.utils.translation import gettext_lazy as _

    from equalcity.models import CourseLanguage, Venue

    register(
        Translatable(
            key="equalcity.venue",
            model=Venue,
            fields=("directions", "accessibility"),
            label=_("Venues"),
            rows=Venue.objects.all,
            describe=lambda venue: f"{venue.name_sv}, {venue.city}",
        )
    )
    register(
        Translatable(
            key="equalcity.courselanguage",
            model=CourseLanguage,
            fields=("name",),
            label=_("Course languages"),
            rows=CourseLanguage.objects.all,
            describe=lambda language: language.name_sv,
        )
    )
