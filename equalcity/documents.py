"""The one PDF path: data → HTML in the reader's language → WeasyPrint → stored file.

An app registers a builder per kind of document (`register`): given the source row's id and a
language it returns the document's data (a plain object), the template and a file name. The
rest is shared: rendering inside `translation.override`, fonts that shape Arabic and Ethiopic,
a URL fetcher that reaches nothing but our own static files, storage, and a source hash so that
an unchanged source is never rendered twice (the render task can run twice safely).
"""

import functools
import hashlib
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import segno
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from equalcity.models import Document
from equalcity.refs import Ref

STATIC_PREFIX = "static:"


@dataclass(frozen=True)
class Source:
    """What a builder returns. A document that must stay on one page (a certificate) has
    `fit_steps` > 1: its template is given `fit`, from `fit_from` up to `fit_steps - 1`, and sets
    smaller type at each step; the first rendering that is one page is kept."""

    data: Any
    template: str
    filename: str
    fit_steps: int = 1
    fit_from: int = 0


Builder = Callable[[int, str], Source]  # (source row id, language) → Source
_BUILDERS: dict[str, Builder] = {}


def register(kind: str, builder: Builder) -> None:
    """Apps call this in AppConfig.ready(): `register("training_invitation", build)`; the
    builder is given the id of the source row (a `Ref`'s id) and the language."""
    _BUILDERS[kind] = builder


class RestrictedFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint's class is Any to mypy
    """WeasyPrint may load our own static files and inline data, nothing else: no network and
    no other file on the machine, whatever a coordinator types into a text field."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=["data"], allow_redirects=False)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(STATIC_PREFIX):
            relative = url[len(STATIC_PREFIX) :].lstrip("/")
            found = finders.find(relative) if ".." not in Path(relative).parts else None
            if found:
                path = Path(found)
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        raise ValueError(f"Documents may not load {url[:80]!r}")


# One font configuration for the process: fontconfig reads the system's fonts and our
# @font-face files once, not at every rendering.
_FONTS = FontConfiguration()
STYLESHEET = "pdf/document.css"


@functools.cache
def _stylesheet() -> CSS:
    """The shared stylesheet (fonts, type, tables), parsed once per process. WeasyPrint gives it
    the user origin: a template's own <style> overrides it."""
    return CSS(url=STATIC_PREFIX + STYLESHEET, url_fetcher=RestrictedFetcher(), font_config=_FONTS)


def _layout(html: str) -> Any:
    """WeasyPrint's laid-out document (its `pages`, `write_pdf()`), untyped."""
    return HTML(string=html, base_url=STATIC_PREFIX + "/", url_fetcher=RestrictedFetcher()).render(
        stylesheets=[_stylesheet()], font_config=_FONTS
    )


def _pdf(layout: Any) -> bytes:
    return cast(bytes, layout.write_pdf())


def html_to_pdf(html: str) -> bytes:
    return _pdf(_layout(html))


def source_to_pdf(source: Source, language: str, *, html: str | None = None) -> bytes:
    """The PDF of a built document (`html`: its HTML at the first step, if already rendered).
    One that must fit one page steps its type down until it does: the first step is tried
    first (it fits, but for long values), then the others by halving; the smallest type is kept
    whatever happens, so a document is always made."""
    first, last = source.fit_from, max(source.fit_steps - 1, source.fit_from)
    document = _layout(html if html is not None else render_html(source, language, fit=first))
    if len(document.pages) == 1 or first == last:
        return _pdf(document)
    fitting, low, high = None, first + 1, last
    while low <= high:
        middle = (low + high) // 2
        candidate = _layout(render_html(source, language, fit=middle))
        if len(candidate.pages) == 1:
            fitting, high = candidate, middle - 1
        else:
            low = middle + 1
    if fitting is None:  # not even the smallest type: keep it, on more pages
        fitting = candidate if middle == last else _layout(render_html(source, language, fit=last))
    return _pdf(fitting)


@functools.lru_cache(maxsize=256)
def qr_data_uri(url: str) -> str:
    """A link as a QR code, inline (a PDF fetches nothing): a one-pixel-per-module PNG that the
    template draws without smoothing, so it stays sharp at any size. The same link gives the same
    image, encoded once."""
    return segno.make(url, error="m").png_data_uri(scale=1, border=2)


# Page numbers in the digits the language writes (CSS predefined counter styles).
COUNTER_STYLES = {"ar": "arabic-indic", "fa-af": "persian"}


def render_html(source: Source, language: str, *, fit: int | None = None) -> str:
    with translation.override(language):
        return render_to_string(
            source.template,
            {
                "doc": source.data,
                "language": language,
                "counter_style": COUNTER_STYLES.get(language, "decimal"),
                "fit": source.fit_from if fit is None else fit,
            },
        )


def _stored(kind: str, source: Ref, language: str) -> QuerySet[Document]:
    return Document.objects.filter(
        kind=kind, source_type=source.type, source_id=source.id, language=language
    )


def _stored_file_exists(document: Document) -> bool:
    """The row says a file exists; the storage agrees (a file deleted by an erasure whose
    transaction was rolled back, or lost with a disk, is rendered again)."""
    name = document.file.name
    return bool(name and document.file.storage.exists(name))


def document_get(*, kind: str, source: Ref, language: str) -> Document:
    """The document, rendered now if it is missing or its source has changed."""
    built = _BUILDERS[kind](source.id, language)
    html = render_html(built, language)
    source_hash = hashlib.sha256(html.encode()).hexdigest()
    existing = _stored(kind, source, language).first()
    if existing and existing.source_hash == source_hash and _stored_file_exists(existing):
        return existing
    pdf = source_to_pdf(built, language, html=html)
    with transaction.atomic():
        document, _created = Document.objects.select_for_update().get_or_create(
            kind=kind,
            source_type=source.type,
            source_id=source.id,
            language=language,
            defaults={"source_hash": "", "filename": built.filename},
        )
        if _stored_file_exists(document) and document.source_hash == source_hash:
            return document  # rendered meanwhile by another worker
        old = document.file.name if document.file else None
        document.file.save(f"{kind}-{language}.pdf", ContentFile(pdf), save=False)
        document.source_hash = source_hash
        document.filename = built.filename
        document.save()
    if old and old != document.file.name:
        document.file.storage.delete(old)
    return document


def document_refresh(*, kind: str, source: Ref, languages: list[str]) -> list[Document]:
    """What the render task does: bring every language of a document up to date."""
    return [document_get(kind=kind, source=source, language=language) for language in languages]


def document_render(*, kind: str, source: Ref, language: str) -> tuple[bytes, str]:
    """The PDF and its file name, rendered for this request and stored nowhere: for documents
    made of one person's data, which must not outlive its erasure in a media folder."""
    built = _BUILDERS[kind](source.id, language)
    return source_to_pdf(built, language), built.filename


def documents_forget(*, sources: list[Ref]) -> int:
    """Delete the stored documents made from these sources (files too); they are rendered
    again, from what the database holds then, when someone next asks for them."""
    made_from = Q(pk__in=[])
    for source in sources:
        made_from |= Q(source_type=source.type, source_id=source.id)
    forgotten = 0
    for document in Document.objects.filter(made_from):
        if name := document.file.name:
            document.file.storage.delete(name)
        document.delete()
        forgotten += 1
    return forgotten


def document_source(*, kind: str, source: Ref, language: str) -> Source:
    """The data a document is made from (for tests and previews)."""
    return _BUILDERS[kind](source.id, language)
