"""Messages and documents name their recipient, subject and source in columns, not in strings
("participants.registration:42:meeting:7@20270205T0930:meeting_reminder" is parsed once, here);
the outbox gets a "retrying" state; venues a short address for SMS; roles a list of languages
(translators)."""

import re

from django.db import migrations, models

SUBJECTS = {"meeting": "courses.meeting", "training": "trainings.trainingday"}


def _split_ref(text):
    label, _sep, pk = text.partition(":")
    return label, int(pk) if pk.isdigit() else 0


def forwards(apps, schema_editor):
    Message = apps.get_model("equalcity", "Message")
    for message in Message.objects.all().iterator():
        message.recipient_type, message.recipient_id = _split_ref(message.recipient)
        rest = message.dedup_key[len(message.recipient) + 1 :]
        found = re.match(r"(meeting|training):(\d+)(?:@([^:]*))?", rest)
        if found:
            message.about_type = SUBJECTS[found.group(1)]
            message.about_id = int(found.group(2))
            message.stamp = (found.group(3) or "")[:20]
        else:
            message.stamp = rest.partition("@")[2][:20] or rest[:20]
        message.save(
            update_fields=["recipient_type", "recipient_id", "about_type", "about_id", "stamp"]
        )
    Document = apps.get_model("equalcity", "Document")
    for document in Document.objects.all().iterator():
        document.source_type, document.source_id = _split_ref(document.key)
        document.save(update_fields=["source_type", "source_id"])
    Venue = apps.get_model("equalcity", "Venue")
    for venue in Venue.objects.all().iterator():
        venue.sms_address = venue.street_address[:20]
        venue.save(update_fields=["sms_address"])


class Migration(migrations.Migration):
    dependencies = [
        ("equalcity", "0005_audit_trail"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="recipient_type",
            field=models.CharField(default="", help_text="app_label.model of the recipient", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="message",
            name="recipient_id",
            field=models.PositiveBigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="message",
            name="about_type",
            field=models.CharField(blank=True, help_text="app_label.model or ''", max_length=40),
        ),
        migrations.AddField(
            model_name="message",
            name="about_id",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="message",
            name="stamp",
            field=models.CharField(blank=True, help_text="which version of the subject", max_length=20),
        ),
        migrations.AddField(
            model_name="message",
            name="batch",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="message",
            name="retry_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="next attempt"),
        ),
        migrations.AddField(
            model_name="document",
            name="source_type",
            field=models.CharField(default="", help_text="app_label.model of the source row", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="document",
            name="source_id",
            field=models.PositiveBigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="venue",
            name="sms_address",
            field=models.CharField(default="", help_text="At most 20 characters, for example Kyrkogatan 44. Text messages in Arabic, Dari and Tigrinya hold only 70 characters per part: a long address would split every message to parents into several.", max_length=20, verbose_name="address in text messages"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="role",
            name="languages",
            field=models.JSONField(blank=True, default=list, help_text="For translators: the interface languages they translate into.", verbose_name="languages"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="document", name="document_unique"),
        migrations.RemoveIndex(model_name="message", name="equalcity_m_recipie_7721d3_idx"),
        migrations.RemoveField(model_name="document", name="key"),
        migrations.RemoveField(model_name="message", name="dedup_key"),
        migrations.RemoveField(model_name="message", name="recipient"),
        migrations.AlterField(
            model_name="message",
            name="status",
            field=models.CharField(choices=[("queued", "Queued"), ("sending", "Sending"), ("retrying", "Waiting to try again"), ("sent", "Sent"), ("delivered", "Delivered"), ("failed", "Failed")], default="queued", max_length=10, verbose_name="status"),
        ),
        migrations.AlterField(
            model_name="role",
            name="kind",
            field=models.CharField(choices=[("regional_coordinator", "Regional coordinator"), ("municipal_coordinator", "Municipal coordinator"), ("course_leader", "Course leader"), ("municipal_staff", "Municipal staff"), ("evaluator", "Evaluator"), ("translator", "Translator")], max_length=30, verbose_name="role"),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["source_type", "source_id"], name="equalcity_d_source__85f5e8_idx"),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(fields=["status", "retry_at"], name="equalcity_m_status_fc554c_idx"),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(fields=["about_type", "about_id", "kind"], name="equalcity_m_about_t_bfd691_idx"),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(fields=["batch"], name="equalcity_m_batch_506a05_idx"),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(fields=("kind", "source_type", "source_id", "language"), name="document_unique"),
        ),
        migrations.AddConstraint(
            model_name="message",
            constraint=models.UniqueConstraint(fields=("recipient_type", "recipient_id", "kind", "about_type", "about_id", "stamp"), name="message_once"),
        ),
    ]
