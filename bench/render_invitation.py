"""Render a training-day invitation and a certificate in every language; prints seconds.

    make bench       (uses a throw-away SQLite file in var/)
    .venv/bin/python bench/render_invitation.py [runs]

Goal: a warm invitation and a warm certificate in at most 0.1 s in every language. The figures
are medians of warm runs (the first rendering of each is left out). The documents alternate in
rounds with a one-line PDF through the same path, and each figure is also given as a ratio to
it: the ratio holds on a machine that other work slows down, the seconds do not.
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
from django.utils import translation  # noqa: E402

from equalcity.documents import (  # noqa: E402
    Source,
    document_source,
    html_to_pdf,
    source_to_pdf,
)
from equalcity.i18n import local_date  # noqa: E402
from equalcity.languages import INTERFACE_LANGUAGES  # noqa: E402
from equalcity.models import Organisation, Venue  # noqa: E402
from participants.certificates import Certificate, CertificateText  # noqa: E402
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


LANGUAGES = [code for code, _name, _local, _bidi in INTERFACE_LANGUAGES]
# A parent's name and the course's title as a certificate in each language shows them.
PARENTS = {
    "sv": ("Åsa Öberg", "Förälder i nytt land"),
    "en": ("Amina Yusuf", "Parenting in a new country"),
    "ar": ("أحمد الحسن", "أن تكون والدًا في بلد جديد"),
    "fa-af": ("احمد رحیمی", "پدر و مادر بودن در یک کشور جدید"),
    "so": ("Maxamed Cabdi", "Waalid ku jooga waddan cusub"),
    "ti": ("ዮናስ ተስፋይ", "ወላዲ ኣብ ሓድሽ ሃገር"),
}


def certificate_text(language, name, title):
    with translation.override(language):
        return CertificateText(
            language=language,
            direction="rtl" if translation.get_language_bidi() else "ltr",
            name=name,
            course=title,
            course_language=translation.gettext("Swedish"),
            dates=f"{local_date(dt.date(2031, 9, 22))} – {local_date(dt.date(2031, 11, 3))}",
            attended=6,
            total=7,
            organisation="Integrationscentrum",
            leader="Hodan Abdi, Amina Yusuf",
            issued=local_date(dt.date(2031, 11, 10)),
        )


def certificate(language) -> Source:
    """What the certificate builder returns for a parent who chose this language."""
    name, title = PARENTS[language]
    own = certificate_text(language, name, title) if language != "sv" else None
    swedish = certificate_text("sv", name, PARENTS["sv"][1])
    return Source(
        Certificate(swedish=swedish, own=own),
        "participants/pdf/certificate.html",
        "intyg.pdf",
        fit_steps=6,
    )


def invitation(key, language):
    source = document_source(kind=INVITATION, source=key, language=language)
    return source_to_pdf(source, language)


def timed(render) -> tuple[float, float]:
    """Seconds of wall clock and of this process's CPU (which other processes disturb less)."""
    wall, cpu = time.perf_counter(), time.process_time()
    render()
    return time.perf_counter() - wall, time.process_time() - cpu


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    key = day_key(training_day())
    jobs = {"trivial": lambda: html_to_pdf(TRIVIAL)}
    for language in LANGUAGES:
        jobs[f"invitation {language}"] = lambda language=language: invitation(key, language)
        jobs[f"certificate {language}"] = lambda language=language: source_to_pdf(
            certificate(language), language
        )
    cold = {name: timed(render)[0] for name, render in jobs.items()}
    warm = {name: [] for name in jobs}
    for _ in range(runs):  # rounds: every document once per round
        for name, render in jobs.items():
            warm[name].append(timed(render))
    wall = {name: statistics.median(t[0] for t in times) for name, times in warm.items()}
    cpu = {name: statistics.median(t[1] for t in times) for name, times in warm.items()}
    print(f"warm: median of {runs} runs in rounds; × = ratio to the one-line PDF")
    print(
        f"{'document':17} {'cold s':>7} {'warm s':>7} {'×':>5} {'CPU s':>7} {'×':>5}  (≤ 0.100 s)"
    )
    for name in jobs:
        verdict = "" if name == "trivial" else ("ok" if wall[name] <= 0.1 else "SLOW")
        print(
            f"{name:17} {cold[name]:7.3f} {wall[name]:7.3f} {wall[name] / wall['trivial']:5.1f} "
            f"{cpu[name]:7.3f} {cpu[name] / cpu['trivial']:5.1f}  {verdict}"
        )


TRIVIAL = "<p>Equalcity</p>"


if __name__ == "__main__":
    main()
