"""Figures kept about a course's registrations and attendance (the evaluation's tallies), renewed
whenever they change.

The services that change registrations or attendance say so here (`course_changed`); the app that
keeps figures registers how to renew them (`register`) in its AppConfig.ready(). The core names no
app, and the apps that write need not know who counts: dependencies keep pointing one way.
Listeners run once the change is committed, so they read what everyone else will read.
"""

from collections.abc import Callable

from django.db import connection, transaction

_COURSE_LISTENERS: list[Callable[[int], None]] = []
_ALL_LISTENERS: list[Callable[[], None]] = []
_PENDING = "_course_figures_pending"


def register(*, course: Callable[[int], None], everything: Callable[[], None]) -> None:
    """`course(course_id)` renews one course's figures; `everything()` renews them all."""
    _COURSE_LISTENERS.append(course)
    _ALL_LISTENERS.append(everything)


def course_changed(*, course_id: int) -> None:
    """A registration or an attendance mark of this course was written (or is being written).

    A transaction that changes one course many times renews it once, after the commit."""
    pending = getattr(connection, _PENDING, None)
    if pending is None:
        pending = set()
        setattr(connection, _PENDING, pending)
    pending.add(course_id)

    def renew() -> None:
        course_ids = sorted(pending)
        pending.clear()  # the first callback of a commit renews them all; the others find none
        for course_id in course_ids:
            for listener in _COURSE_LISTENERS:
                listener(course_id)

    transaction.on_commit(renew)


def all_changed() -> None:
    """Rows were loaded or repaired in bulk, past the services: renew every course's figures."""

    def renew() -> None:
        for listener in _ALL_LISTENERS:
            listener()

    transaction.on_commit(renew)
