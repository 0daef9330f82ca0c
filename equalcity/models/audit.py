from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who looked at, exported or erased whose personal data. Append-only: the database refuses
    to change or delete a row (triggers in the migration)."""

    class Action(models.TextChoices):
        VIEWED_LIST = "viewed_list", _("Viewed a participant list")
        VIEWED_PERSON = "viewed_person", _("Viewed a participant")
        EXPORTED_PERSON = "exported_person", _("Exported a participant's data")
        ERASED = "erased", _("Erased a participant's data")
        ANONYMISED = "anonymised", _("Anonymised after the retention period")
        EXPORTED_AGGREGATES = "exported_aggregates", _("Exported statistics")
        MESSAGED_GROUP = "messaged_group", _("Sent a message to a course's parents")
        EXPORTED_ANSWERS = "exported_answers", _("Exported questionnaire answers")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=24, choices=Action.choices)
    target = models.CharField(_("whose data"), max_length=80)
    detail = models.CharField(_("details"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"
