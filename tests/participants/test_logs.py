"""Personal data never reaches the logs: not on a registration, not when an SMS fails."""

import logging

import pytest
from django.urls import reverse
from django.utils import translation

from equalcity.models import Message
from equalcity.outbox import message_send
from equalcity.sms import ConsoleBackend, SmsError

pytestmark = pytest.mark.django_db
NAME, PHONE, EMAIL = "Zahra", "+46701239876", "zahra.hosseini@example.se"


def personal_data_in(text):
    return [value for value in (NAME, "Hosseini", PHONE, "0701239876", EMAIL) if value in text]


def test_a_registration_and_a_failed_sms_leave_no_personal_data_in_the_logs(
    client, open_course, goteborg, caplog, settings, capsys
):
    settings.SMS_BACKEND = "46elks"
    settings.ELKS_API_URL = "http://127.0.0.1:9/a1/sms"  # nothing listens: the send fails
    caplog.set_level(logging.DEBUG)
    with translation.override("fa-af"):
        url = reverse("participants:register", kwargs={"pk": open_course.pk})
    client.post(
        url,
        {
            "first_name": NAME,
            "last_name": "Hosseini",
            "phone": "070-123 98 76",
            "email": EMAIL,
            "municipality": goteborg.pk,
            "children_0_5": "1",
            "children_6_12": "0",
            "children_13_17": "0",
            "channel": "sms",
            "language": "fa-af",
            "website": "",
        },
    )
    message = Message.objects.get()
    with pytest.raises(SmsError):  # the provider is unreachable: retried later
        message_send(message.pk)
    client.post(url, {"first_name": NAME, "phone": "not a phone", "website": ""})  # invalid

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert caplog.records, "the failure was logged"
    assert personal_data_in(logged) == []
    assert personal_data_in(capsys.readouterr().out) == []


def test_the_console_sms_backend_masks_the_number(capsys):
    ConsoleBackend().send(to=PHONE, body="Påminnelse", reference="m1")

    out = capsys.readouterr().out
    assert PHONE not in out and "+4670" in out and out.count("•") == 5
