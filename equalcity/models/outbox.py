from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """One message to one person: every SMS and e-mail Equalcity sends passes through here.

    Who it goes to (`recipient_type`, `recipient_id`: "participants.registration", 42), what it is
    about (`about_type`, `about_id`: "courses.meeting", 7) and which version of that (`stamp`, e.g.
    the meeting's start "20270205T0930") are columns, and the database refuses a second row with
    the same recipient, kind, subject and stamp: a planner that runs twice, or two planners at
    once, cannot create a second reminder, and erasure finds every message to a person by two
    columns, never by parsing a string.
    """

    class Channel(models.TextChoices):
        SMS = "sms", _("Text message (SMS)")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        RETRYING = "retrying", _("Waiting to try again")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40)
    recipient_type = models.CharField(max_length=40, help_text="app_label.model of the recipient")
    recipient_id = models.PositiveBigIntegerField()
    about_type = models.CharField(max_length=40, blank=True, help_text="app_label.model or ''")
    about_id = models.PositiveBigIntegerField(default=0)
    stamp = models.CharField(max_length=20, blank=True, help_text="which version of the subject")
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
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    provider_id = models.CharField(_("provider id"), max_length=100, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    # The messages written together by one call of `messages_queue`: handed to the broker together
    # after commit, without looking for them by their other columns.
    batch = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "recipient_type",
                    "recipient_id",
                    "kind",
                    "about_type",
                    "about_id",
                    "stamp",
                ],
                name="message_once",
            ),
        ]
        # Few indexes, most of them partial: the planner writes a hundred thousand reminders
        # at a time, and each index costs every insert.
        indexes = [
            models.Index(fields=["status", "enqueued_at"], name="message_pending"),
            models.Index(
                fields=["retry_at"],
                name="message_retrying",
                condition=models.Q(status="retrying"),
            ),
            models.Index(
                fields=["about_type", "about_id", "kind"],
                name="message_queued_about",
                condition=models.Q(status="queued"),
            ),
            models.Index(
                fields=["provider_id"],
                name="message_provider_id",
                condition=~models.Q(provider_id=""),
            ),
            # A parent's reply is tied to the last SMS sent to their number.
            models.Index(
                fields=["to_address", "-created_at"],
                name="message_sms_to",
                condition=models.Q(channel="sms"),
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_type}:{self.recipient_id} ({self.status})"
