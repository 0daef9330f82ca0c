"""Sending SMS: a small provider interface, a console/file backend and 46elks over HTTP."""

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import requests
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from smsutil.codecs import GSM_CHARSET, GSM_EXT_CHARSET

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """The provider did not take the message. `retry` says whether trying again can help."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.retry = retry


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    segments: int


# The GSM 03.38 alphabet as smsutil knows it; extension characters take two septets.
_GSM_EXTENSION = frozenset(GSM_EXT_CHARSET)
_GSM = frozenset(GSM_CHARSET)


def _parts(text: str, width, single: int, part: int) -> int:
    """Parts as smsutil splits them: greedily, never cutting a character in two."""
    parts, used = 1, 0
    for char in text:
        size = width(char)
        if used + size > part:
            parts, used = parts + 1, 0
        used += size
    return parts


def sms_length(text: str) -> SmsLength:
    """Segments as the network counts them: GSM-7 160/153 septets (an extension character
    counts twice), otherwise UCS-2 70/67 code units (a character outside the BMP counts
    twice). The planner counts tens of thousands of texts per run, so this counts the way
    smsutil splits (tests compare the two) without building the parts."""
    if _GSM.issuperset(text):
        extended = sum(map(text.count, _GSM_EXTENSION))
        units, single, part, encoding = len(text) + extended, 160, 153, "GSM-7"
        width = (lambda c: 2 if c in _GSM_EXTENSION else 1) if extended else None
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, part, encoding = 70, 67, "UCS-2"
        width = (lambda c: 2 if ord(c) > 0xFFFF else 1) if units > len(text) else None
    if units <= single:
        segments = 1
    elif width is None:  # every character one unit wide: simple division
        segments = -(-units // part)
    else:
        segments = _parts(text, width, single, part)
    return SmsLength(encoding=encoding, segments=segments)


def mask_phone(number: str) -> str:
    """+46701234567 → +4670•••••67: enough to tell numbers apart in a log, not to call one."""
    return number[:5] + "•" * max(len(number) - 7, 0) + number[-2:] if len(number) > 7 else "•••"


class ConsoleBackend:
    """Development: print the message (the worker's console under `make run`)."""

    def send(self, *, to: str, body: str, reference: str) -> str:
        # The number is masked: console output ends up in logs, and logs hold no personal data.
        print(f"--- SMS to {mask_phone(to)} ({reference}) ---\n{body}\n---", flush=True)
        return f"console-{reference}"


class FileBackend:
    """Tests and demos: one file per message in SMS_FILE_PATH."""

    def send(self, *, to: str, body: str, reference: str) -> str:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%dT%H%M%S%f}-{reference}.json"
        (folder / name).write_text(
            json.dumps({"to": to, "body": body, "reference": reference}, ensure_ascii=False),
            encoding="utf-8",
        )
        return f"file-{reference}"


class ElksBackend:
    """46elks: POST /a1/sms with basic auth; the delivery report comes back to our webhook."""

    timeout = (5, 15)

    def send(self, *, to: str, body: str, reference: str) -> str:
        data = {"from": settings.SMS_SENDER, "to": to, "message": body}
        if settings.ELKS_WEBHOOK_SECRET:
            data["whendelivered"] = (
                f"{settings.SITE_URL.rstrip('/')}/webhooks/46elks/{settings.ELKS_WEBHOOK_SECRET}/"
            )
        try:
            response = requests.post(
                settings.ELKS_API_URL,
                data=data,
                timeout=self.timeout,
                auth=(settings.ELKS_API_USERNAME, settings.ELKS_API_PASSWORD),
            )
        except requests.ConnectionError as error:
            # Nothing reached 46elks: safe to try again.
            raise SmsError(f"connection failed: {type(error).__name__}", retry=True) from None
        except requests.Timeout:
            # 46elks may have accepted it: trying again could send it twice.
            raise SmsError("no answer from 46elks in time", retry=False) from None
        if response.status_code >= 500 or response.status_code == 429:
            raise SmsError(f"46elks answered {response.status_code}", retry=True)
        if response.status_code >= 400:
            raise SmsError(f"46elks refused the message ({response.status_code})", retry=False)
        return response.json()["id"]


BACKENDS = {
    "console": "equalcity.sms.ConsoleBackend",
    "file": "equalcity.sms.FileBackend",
    "46elks": "equalcity.sms.ElksBackend",
}


class SmsBackend(Protocol):
    """What the outbox sends through: returns the provider's id for the message."""

    def send(self, *, to: str, body: str, reference: str) -> str: ...


def sms_backend() -> SmsBackend:
    return import_string(BACKENDS.get(settings.SMS_BACKEND, settings.SMS_BACKEND))()
