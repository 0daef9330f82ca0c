"""What courses tell the apps built on them. Courses import none of those apps (the layering
in pyproject.toml): an app registers its receiver here in its AppConfig.ready, so the call
shows as an import in that app (participants.apps) rather than as a task's name in a string.
"""

from collections.abc import Callable

MeetingChanged = Callable[[int], None]

_meeting_changed: list[MeetingChanged] = []


def on_meeting_changed(receiver: MeetingChanged) -> MeetingChanged:
    """Call `receiver(meeting_id)` after a meeting was moved or cancelled (after commit)."""
    if receiver not in _meeting_changed:
        _meeting_changed.append(receiver)
    return receiver


def meeting_changed_receivers() -> tuple[MeetingChanged, ...]:
    return tuple(_meeting_changed)


def meeting_changed(*, meeting_id: int) -> None:
    """Tell every registered app that the meeting changed."""
    for receiver in _meeting_changed:
        receiver(meeting_id)
