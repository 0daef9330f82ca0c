"""Every page of ours, sent what a hostile client sends: the answer is never a server error.

The walk keeps no list of pages or fields of its own. For every URL pattern it takes the world,
the arguments and the people of the role × page matrix (tests/security/test_role_page_matrix.py),
visits the page as someone who may see it, and learns what to send from the page itself:

- the fields of its `<form>` elements (read with the standard library's HTML parser), on the
  page the form posts to;
- the query parameters of its own links and GET forms;
- the keys the view reads from `request.GET` and `request.POST` during a normal request
  (QueryDict's accessors are wrapped while the walk learns, and only then), also when the
  request comes from the attendance sheet's script (`X-Requested-With: fetch`).

Then all parameters and fields get each value of a small table of hostile values together
(control characters and NUL, bidi overrides, zero-width characters, a 100,000-character string,
invalid percent-encodings, huge and negative numbers, repeated fields), each one gets a few on
its own while the others keep their normal values (so that the view gets past the form to the
code behind it), every path argument gets its share, and every page gets wrong methods, wrong
content types and malformed JSON. Any answer of 500 or more fails the test, with the request that
caused it and the exception raised. A page added later is covered without editing this file.
"""

import dataclasses
import logging
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from unittest import mock
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.db import transaction
from django.http import QueryDict
from django.urls import Resolver404, resolve, reverse

from tests.security.test_role_page_matrix import (  # noqa: F401 (world: the matrix's fixture)
    EVERYONE,
    PAGES,
    QUERIES,
    allowed,
    client_for,
    our_url_names,
    world,
)

pytestmark = pytest.mark.django_db

#: Whom each staff page is visited as: the first of these who may see it. Pages for everyone
#: (and those for no one) are visited anonymously, as a parent would.
VISITORS = ["regional", "coord_x", "coord_y", "leader_a", "leader_b", "evaluator", "translator"]

LONG = "x" * 100_000
HUGE = "99999999999999999999"  # beyond 64 bits
#: Sent to all parameters (or all fields) of a page at once.
HOSTILE = [
    "x",
    "-1",
    "0",
    HUGE,
    "1e309",  # beyond a double
    "\x00",
    "a\x01\x08\x1b[31m\x7fb",
    "\u202eevil\u202c",
    "\u200b\ufeff",
    LONG,
    "//evil.example",
    "javascript:alert(1)",
]
#: Raw query strings and form bodies, for each parameter `{p}`: broken percent-encodings, bytes
#: that are not UTF-8 (and a UTF-8 surrogate), a list where one value is expected, no value.
RAW = ["{p}=%ZZ&x=%", "{p}=%FF%FE%ED%A0%80", "{p}=1&{p}=2", "{p}[]=1&{p}"]
#: Sent to one field at a time, the others keeping their normal values: what gets past a form's
#: checks and reaches the code behind it. A field that no form offers (or a hidden one) is read by
#: the view itself and gets the most; a form's own input gets what its kind lets through, less
#: what its attributes show the form refuses anyway (`maxlength`, `min`, `max`: Django renders
#: them from the form field's own limits).
ONE_AT_A_TIME = {
    "read": ["\x00", HUGE, LONG],
    "number": [HUGE, "-1"],
    "choice": [HUGE],
    "text": [LONG],
}
CHOICE_INPUTS = {"select", "radio", "checkbox", "submit"}
#: For pages that read no query parameter: junk that only the middleware sees.
JUNK_QUERIES = ["%ZZ=%&a=1&a=2&next=//evil.example&%00=%00&\xff\xfe=\xe2\x80", f"q={LONG}"]
#: Path arguments: an integer converter only takes digits; a string converter takes anything.
HOSTILE_IDS = [HUGE]
HOSTILE_SEGMENTS = ["%00", "%ZZ", "%FF%FE", "%E2%80%AE", "x" * 10_000]
WRONG_METHODS = ["PUT", "PATCH", "DELETE"]
#: Bodies that a view reading a form or JSON does not expect.
WRONG_BODIES = [
    ("application/json", b"{not json"),
    ("application/json", b'[1, {"registration": [1], "status": null}]'),
    ("multipart/form-data", b"--x\r\n\r\n"),
    ("application/x-www-form-urlencoded; charset=utf-16", "a=1".encode("utf-16")),
]
#: What a proxy or server may leave in REMOTE_ADDR (the rate limits read it).
CLIENT_ADDRESSES = ["", "not-an-ip", "1.2.3.4, 5.6.7.8"]
#: The attendance sheet's script posts each tap with this header (static/js/attendance.js).
FETCH = {"X-Requested-With": "fetch"}


@dataclasses.dataclass
class Target:
    """One URL to attack, as one person, and what it was seen to read."""

    name: str
    path: str
    visitor: str
    arguments: dict = dataclasses.field(default_factory=dict)
    query: set = dataclasses.field(default_factory=set)
    fields: dict = dataclasses.field(default_factory=dict)  # name → a normal value
    read: set = dataclasses.field(default_factory=set)  # the fields the view was seen to read
    inputs: dict = dataclasses.field(default_factory=dict)  # name → its type and limits
    posts: bool = False
    header_variants: list = dataclasses.field(default_factory=lambda: [{}])


class PageReader(HTMLParser):
    """A page's forms (action, method, fields with their values and kinds) and links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.links = [], []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": {},
                "inputs": {},
            }
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            fields = self._form["fields"]
            if fields.get(self._select) is None or "selected" in attrs:
                fields[self._select] = attrs.get("value") or ""
        elif self._form is None or not name:
            return
        elif tag in ("input", "button"):
            kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
            fields = self._form["fields"]
            if kind == "submit":
                # Sent as if the last button were pressed (the save button where a form offers a
                # preview too); the others are known but not sent.
                for other, other_input in self._form["inputs"].items():
                    if other_input["type"] == "submit" and other != name:
                        fields[other] = None
                fields[name] = attrs.get("value") or ""
            elif kind in ("checkbox", "radio") and "checked" not in attrs:
                fields.setdefault(name, None)
            else:
                fields[name] = attrs.get("value") or ""
            self._input(name, kind, attrs)
        elif tag == "select":
            self._select = name
            self._form["fields"][name] = None
            self._input(name, "select", attrs)
        elif tag == "textarea":
            self._textarea = name
            self._form["fields"][name] = ""
            self._input(name, "textarea", attrs)

    def _input(self, name, kind, attrs):
        limits = {key: attrs[key] for key in ("maxlength", "min", "max") if attrs.get(key)}
        self._form["inputs"][name] = {"type": kind, **limits}

    def handle_data(self, data):
        if self._textarea is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@contextmanager
def reads_recorded():
    """Record which keys any QueryDict is asked for: yields [(the QueryDict, key)], where the
    key "*" means that the code went through all of them (iterated, copied, encoded)."""
    seen = []

    def by_key(name):
        original = getattr(QueryDict, name)

        def method(self, key, *args, **kwargs):
            seen.append((self, key))
            return original(self, key, *args, **kwargs)

        return method

    def whole(name):
        original = getattr(QueryDict, name)

        def method(self, *args, **kwargs):
            seen.append((self, "*"))
            return original(self, *args, **kwargs)

        return method

    wrapped = {name: by_key(name) for name in ("__getitem__", "__contains__", "get", "getlist")}
    for name in ("__iter__", "keys", "items", "lists", "values", "dict", "copy", "urlencode"):
        wrapped[name] = whole(name)
    with mock.patch.multiple(QueryDict, **wrapped):
        yield seen


def view_name(path):
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def marked_path(name, arguments):
    """The page's path with a marker in place of each argument, and the markers: integer
    arguments (a converter that takes digits only) get digits."""
    markers = {
        key: str(987654320 + n) if isinstance(value, int) else f"marker{n}x"
        for n, (key, value) in enumerate(arguments.items())
    }
    return reverse(name, kwargs=markers), markers


def form_body(fields):
    return urlencode({key: value for key, value in fields.items() if value is not None})


class Walk:
    def __init__(self, matrix_world):
        self.world = matrix_world
        self.targets: dict[str, Target] = {}
        self.failures: dict[tuple, list] = {}
        self.requests = 0
        self.clients = {}
        self.unopened = []  # pages the walk could not open as someone who may see them

    def client(self, visitor):
        if visitor not in self.clients:
            self.clients[visitor] = client_for(visitor, self.world)
            self.clients[visitor].raise_request_exception = False
        return self.clients[visitor]

    def send(self, target, method, *, path=None, query="", body=b"", what="", **options):
        """One request; undone afterwards unless it was a GET that worked. A 5xx is noted."""
        content_type = options.pop("content_type", "application/x-www-form-urlencoded")
        with transaction.atomic():
            response = self.client(target.visitor).generic(
                method,
                path or target.path,
                data=body,
                content_type=content_type,
                headers=options.pop("headers", None),
                QUERY_STRING=query,
                **options,  # more of the environment: REMOTE_ADDR
            )
            if method != "GET" or response.status_code >= 500:
                transaction.set_rollback(True)
        self.requests += 1
        if response.status_code >= 500:
            error = response.exc_info[1] if response.exc_info else None
            key = (target.name, method, type(error).__name__)
            shown = what or query or (body if isinstance(body, str) else repr(body))
            self.failures.setdefault(key, []).append(
                f"{response.status_code} {method} {path or target.path} as {target.visitor}, "
                f"{content_type if body else ''} {shown[:120]!r}: {str(error)[:200]}"
            )
        return response

    # --- learning what each page reads ------------------------------------------------------

    def learn(self, name):
        arguments, may, _method = PAGES[name]
        visitor = "anonymous" if may == EVERYONE else next((v for v in VISITORS if v in may), None)
        arguments = arguments(self.world)
        path = reverse(name, kwargs=arguments)
        target = self.target(path, name, visitor or "anonymous")
        target.arguments = arguments
        target.posts = target.posts or PAGES[name][2] == "post"
        query = QUERIES.get(name, lambda w: "")(self.world).lstrip("?")
        with reads_recorded() as seen:
            response = self.send(target, "GET", query=query)
        target.query |= read_keys(seen, response.wsgi_request.GET)
        if PAGES[name][2] == "get" and (may == EVERYONE or visitor) and not allowed(response):
            self.unopened.append(f"{name} as {target.visitor}: {response.status_code}")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        page = PageReader()
        page.feed(response.content.decode())
        for href in page.links:
            link = urlsplit(href)
            if link.query and link.path in ("", path):
                target.query |= set(QueryDict(link.query))
        for form in page.forms:
            action = urlsplit(form["action"]).path or path
            if form["method"] == "get":
                if action == path:
                    target.query |= set(form["fields"])
                continue
            if view_name(action) not in PAGES:
                continue  # another library's page (the logout button)
            other = self.target(action, view_name(action), target.visitor)
            other.posts = True
            for field, value in form["fields"].items():
                other.fields.setdefault(field, value)
            other.inputs.update(form["inputs"])

    def target(self, path, name, visitor):
        return self.targets.setdefault(path, Target(name=name, path=path, visitor=visitor))

    def learn_posts(self, target):
        """Normal POSTs, as the page's form sends them and as the attendance script does. A key
        the view was seen to read is sent with "1" next time (an id, a number, a choice), which
        may lead the view on to read more."""
        learned = {}
        for headers in ({}, FETCH):
            fields, read = dict(target.fields), set()
            for _round in range(3):
                with reads_recorded() as seen:
                    response = self.send(target, "POST", body=form_body(fields), headers=headers)
                read |= read_keys(seen, response.wsgi_request.__dict__.get("_post"))
                new = read - set(fields) - {"*"}
                if not new:
                    break
                fields.update(dict.fromkeys(new, "1"))
            learned[bool(headers)] = fields, read
        (plain, plain_read), (fetched, fetched_read) = learned[False], learned[True]
        if fetched_read - plain_read:  # the script's posts are read otherwise
            target.header_variants.append(FETCH)
        target.fields = {**fetched, **plain}
        target.read = plain_read | fetched_read
        if "*" in target.read:
            target.read |= set(target.fields)

    # --- the attack -------------------------------------------------------------------------

    def attack(self, target):
        self.attack_query(target)
        if target.posts:
            for headers in target.header_variants:
                self.attack_form(target, headers)
        # A view that takes POST is where methods are told apart; for the others PUT stands
        # for every method they do not expect.
        for method in WRONG_METHODS if target.posts else WRONG_METHODS[:1]:
            self.send(target, method, body=form_body(target.fields))
        self.attack_path(target)

    def attack_query(self, target):
        parameters = sorted(target.query)
        if not parameters:
            for query in JUNK_QUERIES:
                self.send(target, "GET", query=query)
            return
        for value in HOSTILE:
            self.send(target, "GET", query=urlencode(dict.fromkeys(parameters, value)))
        for raw in RAW:
            self.send(target, "GET", query="&".join(raw.format(p=quote(p)) for p in parameters))
        for parameter in parameters:  # alone, the others as a normal visit leaves them
            self.send(target, "GET", query=urlencode({parameter: "x"}))

    def attack_form(self, target, headers):
        """Every field (and `next`) at once with each hostile value; each field the view reads
        on its own; broken encodings; bodies of other types."""
        if target.read:
            fields = {**dict.fromkeys(["next"], None), **target.fields}
            for value in HOSTILE:
                body = form_body(dict.fromkeys(fields, value))
                self.send(target, "POST", body=body, headers=headers, what=f"every field: {value}")
            for raw in RAW:
                body = "&".join(raw.format(p=quote(field)) for field in fields)
                self.send(target, "POST", body=body, headers=headers)
        for field in sorted(target.read & set(target.fields) - {"csrfmiddlewaretoken"}):
            for value in one_at_a_time(target.inputs.get(field)):
                body = form_body({**target.fields, field: value})
                self.send(target, "POST", body=body, headers=headers, what=f"{field}={value}")
        for content_type, body in WRONG_BODIES:
            self.send(target, "POST", body=body, content_type=content_type, headers=headers)
        for address in CLIENT_ADDRESSES:
            body = form_body(target.fields)
            self.send(target, "POST", body=body, headers=headers, REMOTE_ADDR=address)
        if not target.read:  # a view that reads no field: junk only its parser sees
            for query in JUNK_QUERIES:
                self.send(target, "POST", body=query, headers=headers)

    def attack_path(self, target):
        if not target.arguments:
            return
        marked, markers = marked_path(target.name, target.arguments)
        for key, marker in markers.items():
            path = marked
            for other, other_marker in markers.items():
                if other != key:
                    path = path.replace(other_marker, str(target.arguments[other]))
            values = HOSTILE_IDS if isinstance(target.arguments[key], int) else HOSTILE_SEGMENTS
            for value in values:
                self.send(target, "GET", path=path.replace(marker, value))
                if target.posts:
                    body = form_body(target.fields)
                    self.send(target, "POST", path=path.replace(marker, value), body=body)


def one_at_a_time(form_input):
    """The values a field gets on its own (ONE_AT_A_TIME), by its input in the page's form."""
    if form_input is None or form_input["type"] == "hidden":
        return ONE_AT_A_TIME["read"]
    if form_input["type"] in CHOICE_INPUTS:
        return ONE_AT_A_TIME["choice"]
    if form_input["type"] == "number":
        refused = {HUGE} if "max" in form_input else set()
        if float(form_input.get("min", -1)) >= 0:
            refused.add("-1")
        return [value for value in ONE_AT_A_TIME["number"] if value not in refused]
    return [] if "maxlength" in form_input else ONE_AT_A_TIME["text"]


def read_keys(seen, querydict):
    return {key for source, key in seen if source is querydict and isinstance(key, str)}


@pytest.fixture
def quiet_errors():
    """The walk makes failing requests on purpose: Django's error log would drown the report,
    which the test writes itself."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def halves(targets):
    """The targets in two halves of about the same number of requests."""
    parts, loads = ([], []), [0, 0]

    def load(target):
        return 5 + 25 * target.posts + 20 * bool(target.query) + len(target.fields) // 2

    for path in sorted(targets, key=lambda path: (-load(targets[path]), path)):
        lighter = loads.index(min(loads))
        parts[lighter].append(path)
        loads[lighter] += load(targets[path])
    return parts


@pytest.mark.parametrize("part", [1, 2], ids=["first-half", "second-half"])
def test_no_page_answers_hostile_input_with_a_server_error(part, world, settings, quiet_errors):  # noqa: F811
    """In two halves, which the suite's two workers walk at the same time; each half learns
    every page (a form on one page may post to a URL of the other half)."""
    settings.ELKS_WEBHOOK_SECRET = "guess"  # the matrix's path: the webhook reads its body
    settings.REGISTRATION_RATE_LIMIT = "100000/m"  # the form's checks, not the 429, get tried
    names = our_url_names()
    assert names <= set(PAGES), "a new page: add it to the matrix (test_role_page_matrix.py)"
    started = time.monotonic()
    walk = Walk(world)
    for name in sorted(names):
        walk.learn(name)
    assert {target.name for target in walk.targets.values()} == names
    assert not walk.unopened, "the walk learns nothing from a page it cannot open"
    mine = halves(walk.targets)[part - 1]
    for path in mine:
        if walk.targets[path].posts:
            walk.learn_posts(walk.targets[path])
    for path in mine:
        walk.attack(walk.targets[path])
    elapsed = time.monotonic() - started
    print(f"\n{walk.requests} requests to {len(mine)} URLs in {elapsed:.1f} s")
    assert not walk.failures, "\n".join(
        f"{name} {method} {error} ×{len(cases)}:\n  " + "\n  ".join(cases[:3])
        for (name, method, error), cases in sorted(walk.failures.items())
    )
