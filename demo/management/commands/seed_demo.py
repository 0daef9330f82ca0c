"""Load the demo programme of seed 001, dated around today. Safe to run again."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from demo.seed import demo_seed
from demo.seed.people import DEMO_PASSWORD, DEMO_USERS
from equalcity.models import Role


class Command(BaseCommand):
    help = (
        "Load the demo programme (seed 001), dated around today. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        created = demo_seed(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Demo programme ready ({created} new courses)."))
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for email, _first, _last, kind, org in DEMO_USERS:
            self.stdout.write(f"  {email:34} {Role.Kind(kind).label} ({org})")
        self.stdout.write("Codes for their two-step login: manage.py demo_code <e-mail>")
