"""The project's own health: migrations, catalogues, settings, the compose file."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from equalcity.catalogues import reports

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.parametrize("report", reports(), ids=lambda r: r.language)
def test_every_catalogue_is_complete(report):
    assert report.total > 0
    assert report.missing == [], f"{len(report.missing)} untranslated in {report.language}"
    assert report.fuzzy == []


@pytest.mark.parametrize("language", ["sv", "en", "ar", "fa_AF", "so", "ti"])
def test_every_catalogue_compiles(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", os.devnull, str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["DEBUG"] = "0"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'equalcity.settings'; django.setup()",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_compose_file_describes_the_production_shape():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]

    assert set(services) == {
        "proxy",
        "migrate",
        "web",
        "worker-messages",
        "worker-documents",
        "worker",
        "beat",
        "postgres",
        "redis",
    }
    # Only the TLS proxy is reachable from outside: the client-address header cannot be forged.
    assert [name for name, service in services.items() if "ports" in service] == ["proxy"]
    caddyfile = ROOT / services["proxy"]["volumes"][0].split(":")[0]
    proxy_config = caddyfile.read_text()
    assert "reverse_proxy web:8000" in proxy_config
    assert "header_up X-Real-IP {remote_host}" in proxy_config
    assert services["web"]["environment"]["CLIENT_IP_HEADER"] == "X-Real-IP"
    # Migrations run once, before the app starts; not on every web start.
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    assert "migrate" not in " ".join(services["web"]["command"])
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert "gunicorn" in " ".join(services["web"]["command"])
    # A worker per kind of work, and exactly one beat.
    queues = {
        name: next(arg for arg in service["command"] if arg.startswith("--queues="))
        for name, service in services.items()
        if name.startswith("worker")
    }
    assert sorted(queues.values()) == [
        "--queues=default",
        "--queues=documents",
        "--queues=messages",
    ]
    assert services["beat"]["deploy"]["replicas"] == 1
    for service in ("web", "worker", "beat", "migrate"):
        environment = services[service]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://")
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("fonts-noto-core", "libharfbuzz-subset0", "gettext"):
        assert package in dockerfile


def test_production_settings_pass_djangos_deployment_checks():
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "Zq8-rT5_vW2xY7pL0aB3cD6eF9gH1jK4mN" + "s" * 10,
        "ALLOWED_HOSTS": "equalcity.example.se",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "31536000",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_and_security_headers(client):
    response = client.get("/sv/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
