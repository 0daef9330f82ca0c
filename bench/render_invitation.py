"""Render a training-day invitation: cold, warm, and 30 in a row; prints seconds.

    make bench       (uses a throw-away SQLite file in var/)

Goal: a warm invitation in at most 0.1 s.
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-documents.sqlite3'}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equalcity.settings")
(ROOT / "var").mkdir(exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from equalcity.documents import document_source, html_to_pdf, render_html  # noqa: E402
from equalcity.models import Organisation, Venue  # noqa: E402
from trainings.documents import INVITATION, day_key  # noqa: E402
from trainings.models import ProgrammeItem, TrainingDay  # noqa: E402


def training_day():
    call_command("migrate", verbosity=0)
    region, _ = Organisation.objects.get_or_create(
        slug="gr",
        defaults={"name": "Göteborgsregionen", "kind": "region", "phone": "031-335 51 82"},
    )
    venue, _ = Venue.objects.get_or_create(
        name="Göteborgsregionen",
        defaults={
            "street_address": "Anders Personsgatan 8",
            "postal_code": "416 64",
            "city": "Göteborg",
            "municipality": region,
        },
    )
    day, created = TrainingDay.objects.get_or_create(
        title_sv="Att arbeta med tolk",
        defaults={
            "title_ar": "العمل مع المترجم الفوري",
            "title_ti": "ምስ ተርጓሚ ምስራሕ",
            "organiser": region,
            "date": dt.date(2031, 10, 22),
            "starts_at": dt.time(9),
            "ends_at": dt.time(16),
            "venue": venue,
            "registration_deadline": dt.date(2031, 10, 8),
            "status": "open",
            "target_group_sv": "Socialsekreterare och andra medarbetare",
        },
    )
    if created:
        for hour, title in [(9, "Välkommen"), (10, "Tolken i samtalet"), (13, "Arbetslag")]:
            ProgrammeItem.objects.create(
                training_day=day, starts_at=dt.time(hour), title=title, speaker="Göteborgsregionen"
            )
    return day


def render(key, language):
    source = document_source(kind=INVITATION, source=key, language=language)
    return html_to_pdf(render_html(source, language))


def main():
    key = day_key(training_day())
    for language in ("sv", "ar", "ti"):
        started = time.perf_counter()
        render(key, language)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(10):
            started = time.perf_counter()
            render(key, language)
            warm.append(time.perf_counter() - started)
        started = time.perf_counter()
        for _ in range(30):
            render(key, language)
        thirty = time.perf_counter() - started
        print(
            f"{language}: cold {cold:.3f} s, warm median {statistics.median(warm):.3f} s "
            f"(goal ≤ 0.100), 30 in a row {thirty:.2f} s"
        )


if __name__ == "__main__":
    main()
