"""What each kind of message is, in words, and who may see messages to whom.

Apps register the kinds of message they write (`register_kind`) and, for the staff outbox, which
messages a staff member may see (`register_scope`): a municipal coordinator sees the messages to
the parents of the courses in their scope. The core names no app: the registry is filled in the
apps' AppConfig.ready(), where an import shows who depends on whom.
"""

from collections.abc import Callable

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

_KINDS: dict[str, str] = {"staff_invitation": _("Invitation to Equalcity")}
_SCOPES: list[Callable[[object], Q]] = []


def register_kind(kind: str, label) -> None:
    _KINDS[kind] = label


def kind_label(kind: str) -> str:
    """The kind in words ("Confirmation of a seat"), or the key itself for an unknown kind."""
    return str(_KINDS.get(kind, kind))


def kind_choices() -> list[tuple[str, str]]:
    return sorted(((kind, str(label)) for kind, label in _KINDS.items()), key=lambda c: c[1])


def register_scope(messages_for: Callable[[object], Q]) -> None:
    """`messages_for(user)` gives the messages (a Q over Message) the user may see."""
    _SCOPES.append(messages_for)


def visible_messages_filter(user) -> Q:
    """What a non-regional staff member may see of the outbox: the union of the apps' scopes."""
    visible = Q(pk__in=[])
    for messages_for in _SCOPES:
        visible |= messages_for(user)
    return visible
