from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """One message to one person: every SMS and e-mail Equalcity sends passes through here.

    `dedup_key` names the recipient, what the message is about and its kind
    ("registration:42:meeting:7@2027-02-05T09:30:reminder"); the database refuses a second row
    with the same key, so a planner that runs twice, or two planners at once, cannot create a
    second reminder.
    """

    class Channel(models.TextChoices):
        SMS = "sms", _("Text message (SMS)")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40)
    dedup_key = models.CharField(max_length=200, unique=True)
    recipient = models.CharField(
        _("recipient"), max_length=60, help_text="app.model:pk of the person or registration"
    )
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    to_address = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    segments = models.PositiveSmallIntegerField(_("SMS segments"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider_id = models.CharField(_("provider id"), max_length=100, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["status", "enqueued_at"]),
            models.Index(fields=["recipient"]),
            models.Index(fields=["provider_id"]),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient} ({self.status})"
