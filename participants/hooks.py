"""What participants tell the apps built on them. Participants import none of those apps: an app
registers its receiver here in its AppConfig.ready, so that the call shows as an import in that
app (questionnaires.apps), as courses.hooks does for the apps on courses.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from courses.models import Meeting
    from equalcity.models import User

RegistrationAnonymised = Callable[[int], None]

_anonymised: list[RegistrationAnonymised] = []


def on_registration_anonymised(receiver: RegistrationAnonymised) -> RegistrationAnonymised:
    """Call `receiver(registration_id)` when a registration's personal data is removed (after the
    retention period or on a request for erasure), in the same transaction."""
    if receiver not in _anonymised:
        _anonymised.append(receiver)
    return receiver


def registration_anonymised(*, registration_id: int) -> None:
    for receiver in _anonymised:
        receiver(registration_id)


@dataclass(frozen=True)
class SheetAction:
    """A button an app adds to a meeting's attendance sheet: a link, or a form posted."""

    label: str
    url: str
    post: bool = False
    note: str = ""


SheetActions = Callable[..., list[SheetAction]]

_sheet_actions: list[SheetActions] = []


def on_sheet_actions(provider: SheetActions) -> SheetActions:
    """`provider(meeting=, user=)` returns the app's buttons for that meeting's sheet."""
    if provider not in _sheet_actions:
        _sheet_actions.append(provider)
    return provider


def sheet_actions(*, meeting: "Meeting", user: "User") -> list[SheetAction]:
    return [
        action for provider in _sheet_actions for action in provider(meeting=meeting, user=user)
    ]
