"""The personal link's secret is stored (`link_token`), so that the planner can write a reminder
with the link in one SQL statement. Links already sent keep working: an existing registration's
token is the one its SMS carried (base-36 id, a dot, an HMAC of id and key)."""

import base64

from django.db import migrations, models
from django.utils.crypto import salted_hmac
from django.utils.http import int_to_base36

import participants.models


def _old_token(pk, link_key):
    digest = salted_hmac(
        "participants.registration-link", f"{pk}:{link_key}", algorithm="sha256"
    ).digest()
    return f"{int_to_base36(pk)}.{base64.urlsafe_b64encode(digest[:12]).decode()}"


def forwards(apps, schema_editor):
    Registration = apps.get_model("participants", "Registration")
    for registration in Registration.objects.only("pk", "link_key", "anonymised_at").iterator():
        token = (
            participants.models.new_link_token()  # an anonymised link stays dead
            if registration.anonymised_at
            else _old_token(registration.pk, registration.link_key)
        )
        Registration.objects.filter(pk=registration.pk).update(link_token=token)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0003_registration_follow_up_at_registration_follow_up_by_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="link_token",
            field=models.CharField(editable=False, max_length=40, null=True),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="registration", name="link_key"),
        migrations.AlterField(
            model_name="registration",
            name="link_token",
            field=models.CharField(
                default=participants.models.new_link_token,
                editable=False,
                max_length=40,
                unique=True,
            ),
        ),
    ]
