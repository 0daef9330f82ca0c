"""Equalcity settings: one module, read from the environment (django-environ).

Every value has a safe laptop default (SQLite, an embedded Celery broker on the file system,
console e-mail and SMS), so `make run` needs no PostgreSQL or Redis. Production sets variables;
see the configuration table in README.md.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _

from equalcity.languages import INTERFACE_LANGUAGES, install_lang_info

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-do-not-deploy")
else:
    # No default: a production deployment that forgets it must not start.
    SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The name and address in e-mails (allauth's included): from here, never from the database's
# django.contrib.sites row, which still says "example.com".
SITE_NAME = env.str("SITE_NAME", default="Equalcity")
SITE_DOMAIN = urlsplit(SITE_URL).netloc

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "equalcity.apps.EqualcityAdminConfig",  # django.contrib.admin with two-step login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "equalcity",
    "courses",
    "participants",
    "trainings",
    "questionnaires",
    "evaluation",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A course leader's device handed around for the questionnaire opens only its pages.
    "questionnaires.kiosk.KioskMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "equalcity.urls"
WSGI_APPLICATION = "equalcity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "equalcity.context_processors.languages",
                "equalcity.context_processors.staff",
            ],
        },
    },
]

# Our own field template (labels, linked errors) for every form; see templates/django/forms.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections (a new one per request cost more than most pages), checked before use.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A laptop's SQLite: wait for a lock instead of failing, and a test database in a file, not
    # in shared memory, where the browser tests' server thread and the test locked each other's
    # tables (pytest-xdist adds each worker's suffix to the name).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
    # A transaction takes the write lock when it begins, so a second writer waits (the timeout)
    # instead of failing at once with "database is locked" when its read turns into a write:
    # two taps on the attendance sheet at the same moment answered 500.
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["TEST"].setdefault("NAME", str(VAR_DIR / "test.sqlite3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "equalcity.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "staff_home"
SITE_ID = 1

# django-allauth: staff log in by e-mail; nobody signs up, coordinators invite.
ACCOUNT_ADAPTER = "equalcity.adapters.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# A staff member is told by e-mail, in their language, when their password changes or their
# two-step login is set up, removed or given new recovery codes (templates/account/email,
# templates/mfa/email): a change they did not make is a warning they must see.
ACCOUNT_EMAIL_NOTIFICATIONS = True

# Two-step login (equalcity/two_step.py): coordinators and course leaders set up an
# authenticator app before any staff page; recovery codes cover a lost phone.
REQUIRE_MFA = env.bool("REQUIRE_MFA", default=True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# --- Languages ---------------------------------------------------------------------------
install_lang_info()
LANGUAGE_CODE = "sv"
LANGUAGES = [(code, _(name)) for code, name, _local, _bidi in INTERFACE_LANGUAGES]
LANGUAGES_BIDI = ["ar", "fa", "fa-af", "he", "ur"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Stockholm")
MODELTRANSLATION_DEFAULT_LANGUAGE = "sv"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("sv",)

# --- Static and media --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Stored documents (certificates, invitations, paper lists) are on the local disk (MEDIA_ROOT) on
# a laptop; with a bucket they go to an S3-compatible object store (django-storages), so that no
# web node holds anything of value. The objects are private (no ACL: the bucket's own policy) and
# never linked to: every download is streamed through a view that checks who asks.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            # Without keys boto3 looks further (its own configuration, an instance role).
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
            "default_acl": None,
            # A URL, were one ever made, would be signed and short-lived.
            "querystring_auth": True,
            "querystring_expire": 300,
            # A new key per render, as on the disk; the replaced object is then deleted.
            "file_overwrite": False,
            # A download larger than this waits on the worker's disk, not in its memory.
            "max_memory_size": 4 * 1024 * 1024,
        },
    }

# --- Cache (rate limits, sessions stay in the database) ----------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ------------------------------------------------------------------------------
# Without a broker URL, Celery uses kombu's file-system transport in var/broker, so a worker
# and beat run on a laptop with nothing installed; production points both at Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
# A web request never waits long for the broker: a short connect timeout, no retries when
# publishing (equalcity.outbox.enqueue), and after a failure requests skip the broker for
# OUTBOX_BROKER_PAUSE_SECONDS; the outbox sweeper hands the rows over once it is back.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
OUTBOX_BROKER_PAUSE_SECONDS = env.int("OUTBOX_BROKER_PAUSE_SECONDS", default=30)
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker"),
        "data_folder_out": str(VAR_DIR / "broker"),
        "processed_folder": str(VAR_DIR / "broker-processed"),
        "control_folder": str(VAR_DIR / "broker-control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {
        "visibility_timeout": 3600,
        "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
        "socket_timeout": 5,
        # Publishing does not retry the connection (kombu's default waits about 2 s): the row
        # stays queued and the sweeper hands it over (equalcity.outbox).
        "max_retries": 0,
    }
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 120
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Queues by kind of work, so that 200 certificates never delay an SMS (a worker per queue in
# docker-compose.yml; `make run` runs one worker for all three).
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "equalcity.send_message": {"queue": "messages"},
    "equalcity.sweep_outbox": {"queue": "messages"},
    "equalcity.render_document": {"queue": "documents"},
    "participants.make_certificates": {"queue": "documents"},
}
CELERY_BEAT_SCHEDULE = {
    "plan-parent-messages": {"task": "participants.plan_parent_messages", "schedule": 300.0},
    "plan-staff-messages": {"task": "trainings.plan_staff_messages", "schedule": 900.0},
    "sweep-outbox": {"task": "equalcity.sweep_outbox", "schedule": 120.0},
    "sweep-certificate-batches": {
        "task": "participants.sweep_certificate_batches",
        "schedule": 600.0,
    },
    "anonymise-past-retention": {
        "task": "participants.anonymise_past_retention",
        "schedule": 24 * 3600.0,
    },
}
CELERY_BEAT_SCHEDULE_CATCH_UP = [
    "participants.plan_parent_messages",
    "trainings.plan_staff_messages",
    "equalcity.sweep_outbox",
]

# --- E-mail and SMS ----------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=VAR_DIR / "mail")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Equalcity <noreply@equalcity.local>")
SMS_BACKEND = env.str("SMS_BACKEND", default="console")
SMS_FILE_PATH = env.path("SMS_FILE_PATH", default=VAR_DIR / "sms")
SMS_SENDER = env.str("SMS_SENDER", default="Equalcity")
ELKS_API_URL = env.str("ELKS_API_URL", default="https://api.46elks.com/a1/sms")
ELKS_API_USERNAME = env.str("ELKS_API_USERNAME", default="")
ELKS_API_PASSWORD = env.str("ELKS_API_PASSWORD", default="")
# 46elks does not sign its delivery reports: a secret in the webhook's path tells them apart.
ELKS_WEBHOOK_SECRET = env.str("ELKS_WEBHOOK_SECRET", default="")
# Our numbers at 46elks that parents can reply to (E.164, comma-separated); SMS_SENDER counts as
# well when it is a number. A reply to any other number is refused.
ELKS_NUMBERS = env.list("ELKS_NUMBERS", default=[])
# Replies accepted from one sender; more are refused with 429 (django-ratelimit's rate syntax).
ELKS_INBOUND_RATE_LIMIT = env.str("ELKS_INBOUND_RATE_LIMIT", default="20/10m")
# Reminders: hours before each course meeting, days before a training day.
MEETING_REMINDER_HOURS = env.int("MEETING_REMINDER_HOURS", default=24)
TRAINING_REMINDER_DAYS = env.int("TRAINING_REMINDER_DAYS", default=2)
# A seat freed for the waiting list is offered for this long (never past the first meeting).
OFFER_HOURS = env.int("OFFER_HOURS", default=48)
# Messages still queued this long after being handed to the broker are handed over again.
OUTBOX_SWEEP_AFTER_MINUTES = env.int("OUTBOX_SWEEP_AFTER_MINUTES", default=10)

# --- Programme facts that are configuration, not data -----------------------------------
HELP_PHONE = env.str("HELP_PHONE", default="031-367 91 64")
# A question read aloud, one recording per question and language: a minute of speech is well
# under 2 MB in any format a phone records; the limit keeps uploads and parents' data plans small.
QUESTION_AUDIO_MAX_BYTES = env.int("QUESTION_AUDIO_MAX_BYTES", default=2_000_000)
# Public pages (start, catalogue, course pages) are served from the cache for anonymous visitors
# until something they show changes (equalcity.public_cache), and at most this long.
PUBLIC_PAGE_SECONDS = env.int("PUBLIC_PAGE_SECONDS", default=300)
# Who answers that number (a Swedish name, marked as such on pages in other languages).
HELP_ORGANISATION = env.str("HELP_ORGANISATION", default="Integrationscentrum")
# Registration POSTs per client address (django-ratelimit; a shared cache in production).
REGISTRATION_RATE_LIMIT = env.str("REGISTRATION_RATE_LIMIT", default="10/10m")
# Behind a TLS proxy every request comes from the proxy: CLIENT_IP_HEADER names the header the
# proxy sets itself with the client's address (e.g. X-Real-IP; docker-compose's Caddy sets it).
# The registration rate limit and allauth's login and two-step limits all read it through
# equalcity.client.client_address. Empty: the connection's own address (REMOTE_ADDR).
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
CLIENT_IP_META_KEY = (
    "HTTP_" + CLIENT_IP_HEADER.upper().replace("-", "_") if CLIENT_IP_HEADER else "REMOTE_ADDR"
)
RATELIMIT_IP_META_KEY = CLIENT_IP_META_KEY
# Failed logins lock out the pair of account and client address (5 in 5 minutes), so nobody can
# lock a colleague out from elsewhere; an address alone gets a looser limit (30 in 5 minutes).
ACCOUNT_RATE_LIMITS = {"login_failed": "30/300s/ip,5/300s/key"}
if not REDIS_URL:
    # Without Redis the laptop uses a per-process cache; limits then count per process.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Security ----------------------------------------------------------------------------
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_HSTS_SECONDS > 0
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Content Security Policy (django-csp): our own scripts, styles, fonts and images only; inline
# SVG charts and QR codes are markup, not fetched; no frames, forms post only to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# A form sent without a valid CSRF token gets our page, in the page's language.
CSRF_FAILURE_VIEW = "equalcity.errors.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
