"""The one PDF path: data → HTML in the reader's language → WeasyPrint → stored file.

An app registers a builder per kind of document (`register`): given the source row's id and a
language it returns the document's data (a plain object), the template and a file name. The
rest is shared: rendering inside `translation.override`, fonts that shape Arabic and Ethiopic,
a URL fetcher that reaches nothing but our own static files, storage, and a source hash so that
an unchanged source is never rendered twice (the render task can run twice safely).
"""

import hashlib
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from equalcity.models import Document
from equalcity.refs import Ref

STATIC_PREFIX = "static:"


@dataclass(frozen=True)
class Source:
    data: Any
    template: str
    filename: str


Builder = Callable[[int, str], Source]  # (source row id, language) → Source
_BUILDERS: dict[str, Builder] = {}


def register(kind: str, builder: Builder):
    """Apps call this in AppConfig.ready(): `register("training_invitation", build)`; the
    builder is given the id of the source row (a `Ref`'s id) and the language."""
    _BUILDERS[kind] = builder


class RestrictedFetcher(URLFetcher):
    """WeasyPrint may load our own static files and inline data, nothing else: no network and
    no other file on the machine, whatever a coordinator types into a text field."""

    def __init__(self):
        super().__init__(allowed_protocols=["data"], allow_redirects=False)

    def fetch(self, url, headers=None):
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


_FONTS = FontConfiguration()


def html_to_pdf(html: str) -> bytes:
    return HTML(
        string=html, base_url=STATIC_PREFIX + "/", url_fetcher=RestrictedFetcher()
    ).write_pdf(font_config=_FONTS)


# Page numbers in the digits the language writes (CSS predefined counter styles).
COUNTER_STYLES = {"ar": "arabic-indic", "fa-af": "persian"}


def render_html(source: Source, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            source.template,
            {
                "doc": source.data,
                "language": language,
                "counter_style": COUNTER_STYLES.get(language, "decimal"),
            },
        )


def _stored(kind: str, source: Ref, language: str):
    return Document.objects.filter(
        kind=kind, source_type=source.type, source_id=source.id, language=language
    )


def _stored_file_exists(document: Document) -> bool:
    """The row says a file exists; the storage agrees (a file deleted by an erasure whose
    transaction was rolled back, or lost with a disk, is rendered again)."""
    return bool(document.file) and document.file.storage.exists(document.file.name)


def document_get(*, kind: str, source: Ref, language: str) -> Document:
    """The document, rendered now if it is missing or its source has changed."""
    built = _BUILDERS[kind](source.id, language)
    html = render_html(built, language)
    source_hash = hashlib.sha256(html.encode()).hexdigest()
    existing = _stored(kind, source, language).first()
    if existing and existing.source_hash == source_hash and _stored_file_exists(existing):
        return existing
    pdf = html_to_pdf(html)
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
    return html_to_pdf(render_html(built, language)), built.filename


def documents_forget(*, sources: list[Ref]) -> int:
    """Delete the stored documents made from these sources (files too); they are rendered
    again, from what the database holds then, when someone next asks for them."""
    made_from = Q(pk__in=[])
    for source in sources:
        made_from |= Q(source_type=source.type, source_id=source.id)
    forgotten = 0
    for document in Document.objects.filter(made_from):
        if document.file:
            document.file.storage.delete(document.file.name)
        document.delete()
        forgotten += 1
    return forgotten


def document_source(*, kind: str, source: Ref, language: str) -> Source:
    """The data a document is made from (for tests and previews)."""
    return _BUILDERS[kind](source.id, language)
