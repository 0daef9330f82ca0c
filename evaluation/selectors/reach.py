"""Reach: parents and children per municipality of residence and course language, and how
parents heard of the course."""

from collections.abc import Sequence

from django.db.models import Sum
from django.utils.translation import gettext as _

from evaluation.models import ReferralHomeTally, ReferralTally
from evaluation.selectors.tables import Filters, Sums, Table, Tallied, tally_rows, value_of
from evaluation.suppression import suppress_group
from participants.models import Registration


def _reach(rows: Sequence[Sums], label_key: str, title: str, key: str) -> Table:
    parents = [row["parents"] for row in rows]
    children = [row["children"] or 0 for row in rows]
    parent_cells, parent_total = suppress_group(parents, sum(parents))
    child_cells, child_total = suppress_group(children, sum(children))
    return Table(
        key=key,
        title=title,
        columns=[_("Parents"), _("Children")],
        rows=[
            (str(value_of(row, label_key) or _("Not given")), [p, c])
            for row, p, c in zip(rows, parent_cells, child_cells, strict=True)
        ],
        total=(_("Total"), [parent_total, child_total]),
    )


def reach_tables(filters: Filters, tallied: Tallied | None = None) -> list[Table]:
    tallied = tallied or Tallied(filters)
    by_municipality = [row for row in tallied.by_home if row["parents"]]
    by_language = [row for row in tallied.by_language if row["parents"]]
    referral_labels = dict(Registration.Referral.choices)
    by_referral = list(
        tally_rows(filters, ReferralTally, ReferralHomeTally)
        .values("referral")
        .annotate(parents=Sum("parents"))
        .order_by("referral")
    )
    cells, total = suppress_group(
        [row["parents"] for row in by_referral], sum(row["parents"] for row in by_referral)
    )
    return [
        _reach(
            by_municipality,
            "municipality__name",
            _("Reach per municipality of residence"),
            "reach_municipality",
        ),
        _reach(
            by_language, "course__language__name", _("Reach per course language"), "reach_language"
        ),
        Table(
            "referral",
            _("How parents heard of the course"),
            [_("Parents")],
            [
                (str(referral_labels.get(row["referral"], _("Not given"))), [cell])
                for row, cell in zip(by_referral, cells, strict=True)
            ],
            total=(_("Total"), [total]),
        ),
    ]
