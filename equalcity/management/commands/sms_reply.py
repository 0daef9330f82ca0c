"""Simulate a parent's SMS reply on a laptop: the same service the 46elks webhook calls."""

import uuid

from django.core.management.base import BaseCommand, CommandError

from equalcity.inbound import inbound_receive, our_numbers
from equalcity.phones import phone_e164


class Command(BaseCommand):
    help = 'A parent replies by SMS, as 46elks would post it: sms_reply --from +46701234567 "1"'

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="sender", required=True, help="the parent's number")
        parser.add_argument("--to", default="", help="our number (default: the first we have)")
        parser.add_argument("text", help="what the parent wrote")

    def handle(self, *args, sender, to, text, **options):
        from_number = phone_e164(sender)
        if from_number is None:
            raise CommandError(f"{sender!r} is no phone number.")
        to_number = phone_e164(to) if to else min(our_numbers(), default="")
        inbound, _new = inbound_receive(
            provider_id=f"local-{uuid.uuid4().hex}",
            from_number=from_number,
            to_number=to_number or "",
            body=text,
        )
        if inbound.recipient_type:
            answered = f"{inbound.answers.kind} to {inbound.recipient_type}:{inbound.recipient_id}"
        else:
            answered = "no message we sent to that number"
        outcome = "handled" if inbound.handled else "waiting in the staff replies"
        self.stdout.write(
            f"Reply {inbound.pk}: {inbound.interpretation}, answers {answered}, {outcome}."
        )
