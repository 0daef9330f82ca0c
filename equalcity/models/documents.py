from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    """A rendered PDF: one per kind, source row and language, redone when its source changes.

    `source_hash` is the hash of the HTML the PDF was made from, so a changed title, date or
    translation gives a new hash and a new file, and an unchanged source is never rendered twice.
    """

    kind = models.CharField(_("kind"), max_length=40)
    source_type = models.CharField(max_length=40, help_text="app_label.model of the source row")
    source_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    source_hash = models.CharField(max_length=64)
    file = models.FileField(upload_to="documents/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["source_type", "source_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "language"], name="document_unique"
            ),
        ]

    def __str__(self):
        return self.filename
