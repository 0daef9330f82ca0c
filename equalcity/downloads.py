"""Stored files leave through the app, never by a link to where they are kept.

A view checks who asks, then streams the file from its storage: the local disk on a laptop, the
private object store in production (settings.STORAGES["default"]). No URL to the file itself is
handed out, so a forwarded link or a guessed key gets nothing.
"""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse


def stored_pdf_response(file: FieldFile, *, filename: str) -> FileResponse:
    """The PDF, shown in the browser, saved under `filename`."""
    return FileResponse(
        file.storage.open(file.name, "rb"), content_type="application/pdf", filename=filename
    )
