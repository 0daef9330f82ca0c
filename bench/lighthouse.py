"""Lighthouse on the parents' pages: SEO, accessibility and best practices, in every language.

    make bench-lighthouse

Seeds the demo programme into a throw-away SQLite file in var/, collects the static files,
serves the app as in production (gunicorn, DEBUG off, WhiteNoise) on a free local port, and
runs Lighthouse (npm package `lighthouse`, on Debian's Chromium: CHROME_PATH) with a phone's
form factor on the start page, the catalogue, a course page and the registration form in each
of the six languages. Prints one table of scores and, below it, every audit that cost points.

Goal: 100 in each of the three categories on all 24 pages.
"""

import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LANGUAGES = ["sv", "en", "ar", "fa-af", "so", "ti"]
CATEGORIES = ["seo", "accessibility", "best-practices"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = free_port()
SITE = f"http://127.0.0.1:{PORT}"
ENV = {
    **os.environ,
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
    "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'bench-lighthouse.sqlite3'}",
    "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
    "SITE_URL": SITE,
    "ALLOWED_HOSTS": "127.0.0.1",
    "CELERY_BROKER_URL": "memory://",
    "REDIS_URL": "",
    "REQUIRE_MFA": "0",
    # Plain HTTP on the local machine: a Secure cookie would be refused there (production is
    # served over HTTPS, where these stay on).
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equalcity.settings")
sys.path.insert(0, str(ROOT))
(ROOT / "var").mkdir(exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from participants.selectors.registrations import public_courses  # noqa: E402


def prepare():
    """The demo programme, and a course a parent can register for."""
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    call_command("collectstatic", interactive=False, verbosity=0)
    course = public_courses().first()
    if course is None:
        sys.exit("The demo has no course open for registration.")
    return course.pk


def serve():
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "equalcity.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"{SITE}/sv/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("The server did not start.")


def lighthouse(url, report_path):
    """Lighthouse's report on one page, or None if the run failed."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report_path}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=mobile",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**ENV, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        print(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(Path(report_path).read_text())


def lost_points(report):
    """Audits that count in a category and did not pass: (category, audit id, title)."""
    lost = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.append((category, ref["id"], audit["title"]))
    return lost


def print_row(name, language, scores, seconds):
    if scores is None:
        print(f"{name:<10} {language:<8} {'failed to run':>26} {seconds:5.1f}", flush=True)
        return
    print(
        f"{name:<10} {language:<8} {scores['seo']:>4} {scores['accessibility']:>5} "
        f"{scores['best-practices']:>15} {seconds:5.1f}",
        flush=True,
    )


def main():
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `make bench-lighthouse` (it runs npm ci).")
    course = prepare()
    pages = {
        "start": "/{language}/",
        "catalogue": "/{language}/courses/",
        "course": f"/{{language}}/courses/{course}/",
        "form": f"/{{language}}/courses/{course}/register/",
    }
    server = serve()
    rows, problems = [], {}
    print(f"{'page':<10} {'language':<8} {'SEO':>4} {'a11y':>5} {'best practices':>15} {'s':>5}")
    try:
        with tempfile.TemporaryDirectory() as folder:
            for name, pattern in pages.items():
                for language in LANGUAGES:
                    url = SITE + pattern.format(language=language)
                    started = time.perf_counter()
                    report = lighthouse(url, Path(folder) / "report.json")
                    seconds = time.perf_counter() - started
                    scores = report and {
                        category: round(100 * (report["categories"][category]["score"] or 0))
                        for category in CATEGORIES
                    }
                    rows.append((name, language, scores, seconds))
                    print_row(name, language, scores, seconds)
                    for problem in lost_points(report) if report else []:
                        problems.setdefault(problem, []).append(f"{name}/{language}")
    finally:
        server.terminate()
        server.wait()

    perfect = sum(1 for *_, scores, _s in rows if scores and set(scores.values()) == {100})
    print(f"\n{perfect} of {len(rows)} pages score 100 in all three (goal: {len(rows)}).")
    for (category, audit, title), where in sorted(problems.items()):
        print(f"- {category}: {audit} ({title}) on {', '.join(where)}")
    return 0 if all(scores for *_, scores, _s in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
