from django.db import models
from django.utils.translation import gettext_lazy as _

from equalcity.models.outbox import Message


class InboundMessage(models.Model):
    """An SMS a parent sent us: personal data, kept and erased with the registration it answers.

    It is tied to the last message we sent to that number (`answers`), and through it to its
    recipient (`recipient_type`, `recipient_id`, as on Message): a parent on two courses is
    resolved by what we last wrote to them, never guessed. The provider's id is unique, so a
    webhook delivered twice is stored and handled once.
    """

    class Interpretation(models.TextChoices):
        COMING = "coming", _("Coming")
        CANNOT = "cannot", _("Cannot come")
        STOP = "stop", _("Stop reminders")
        FREE_TEXT = "free_text", _("Free text")

    provider_id = models.CharField(_("provider id"), max_length=100, unique=True)
    from_number = models.CharField(_("from"), max_length=20)
    to_number = models.CharField(_("to"), max_length=20, blank=True)
    body = models.TextField(_("text"), blank=True)
    received_at = models.DateTimeField(_("received"))
    interpretation = models.CharField(_("meaning"), max_length=10, choices=Interpretation.choices)
    answers = models.ForeignKey(
        Message,
        verbose_name=_("answers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    recipient_type = models.CharField(max_length=40, blank=True)
    recipient_id = models.PositiveBigIntegerField(default=0)
    handled = models.BooleanField(_("handled"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        indexes = [
            models.Index(fields=["recipient_type", "recipient_id"], name="inbound_recipient")
        ]

    def __str__(self):
        return f"{self.provider_id} → {self.recipient_type}:{self.recipient_id}"
