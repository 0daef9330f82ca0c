"""Small-count suppression for aggregates about people.

A count of 1–4 people is shown as "<5". Where a group's total is shown, one suppressed cell
could be recovered by subtracting the others from the total, so a second cell (the smallest
other non-zero one) is hidden as well, shown as "≥5" (true, and no longer enough to work the
first one out). A total below 5 suppresses its whole group.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
HIDDEN = "<5"
HIDDEN_TOO = "≥5"
EXPLANATION = _(
    "Numbers only, never names. Any count of fewer than 5 people is shown as <5, and so is a "
    "second cell where the first could be worked out from a total."
)


def one_decimal(value: float) -> Decimal:
    """Rounded as by hand (3.25 to 3.3), where a float's format would round half to even (3.2)."""
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Cell:
    value: int | float | None
    hidden: bool = False
    hidden_too: bool = False  # not small itself, hidden so that a small cell stays hidden
    mean: bool = False  # a float that is a mean on a scale (3,4), not a share (34 %)

    def __str__(self) -> str:
        if self.hidden:
            return HIDDEN
        if self.hidden_too:
            return HIDDEN_TOO
        if self.value is None:
            return "–"
        if self.mean:
            return number_format(one_decimal(self.value), decimal_pos=1)
        return f"{self.value:.0%}" if isinstance(self.value, float) else str(self.value)


def _small(value: int | None) -> bool:
    return value is not None and 0 < value < THRESHOLD


def suppress_count(value: int) -> Cell:
    """A count shown alone: the same as a group of one without a total."""
    return Cell(value, hidden=_small(value))


def suppress_group(values: list[int], total: int | None = None) -> tuple[list[Cell], Cell]:
    """Cells for a group of counts that add up to `total` (shown beside them)."""
    if total is not None and _small(total):
        return [Cell(v, hidden=bool(v)) for v in values], Cell(total, hidden=True)
    hidden = [_small(v) for v in values]
    hidden_too = [False] * len(values)
    if total is not None and sum(hidden) == 1:
        candidates = [(v, i) for i, v in enumerate(values) if v and not hidden[i]]
        if candidates:
            hidden_too[min(candidates)[1]] = True
    return [Cell(v, h, t) for v, h, t in zip(values, hidden, hidden_too, strict=True)], Cell(total)


def suppress_rate(attended: int, out_of: int) -> Cell:
    """A rate over fewer than 5 people would say something about individuals."""
    if not out_of:
        return Cell(None)
    return Cell(attended / out_of, hidden=out_of < THRESHOLD)


def suppress_mean(mean: float | None, out_of: int) -> Cell:
    """A mean over fewer than 5 answers, like a rate, would say something about individuals."""
    if not out_of or mean is None:
        return Cell(None, mean=True)
    return Cell(mean, hidden=out_of < THRESHOLD, mean=True)
