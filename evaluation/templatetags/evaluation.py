"""Bar charts drawn on the server as SVG: a short label, a bar and the number in text on each
row, so nothing depends on colour; the table beside the chart carries the same numbers and the
full labels. Long labels (a course: language, place, date) are numbered in the chart, and the
table gives each number its full text; each bar also carries its full text as a title."""

from django import template
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()
WIDTH = 150
ROW = 22
LABEL_X = 130


def _width(cell, largest) -> int:
    shown = 0 if cell.hidden or not isinstance(cell.value, (int, float)) else cell.value
    return round(WIDTH * shown / largest)


@register.simple_tag
def chart_bars(table):
    """The bars of the table's chart column; where the table names a second column to compare
    (`extra["compare"]`: after the course against before), a second, outlined bar under each."""
    column = table.chart or 0
    compare = table.extra.get("compare")
    drawn = [column] if compare is None else [column, compare]
    row = ROW if compare is None else 2 * ROW - 4
    rows = [(label, cells[column], cells) for label, cells in table.rows]
    targets = {}
    if table.key == "targets":  # the first column is the target: mark it on each bar
        targets = {
            index: cells[0].value
            for index, (_label, _cell, cells) in enumerate(rows)
            if isinstance(cells[0].value, int)
        }
    values = [
        cells[index].value
        for _label, _cell, cells in rows
        for index in drawn
        if not cells[index].hidden and isinstance(cells[index].value, (int, float))
    ]
    largest = max([*values, *targets.values()], default=0) or 1
    items = []
    for index, (label, cell, cells) in enumerate(rows):
        width = _width(cell, largest)
        target = targets.get(index)
        target_x = LABEL_X + round(WIDTH * target / largest) if target is not None else None
        y = index * row + 2
        item = {
            "label": str(index + 1) if table.numbered else label,
            "title": f"{label}: {cell}" + (f" ({target})" if target is not None else ""),
            "y": y,
            "width": width,
            "text_x": LABEL_X + max(width, (target_x or 0) - LABEL_X) + 4,
            "text": str(cell),
            "target_x": target_x,
        }
        if compare is not None:
            other = cells[compare]
            other_width = _width(other, largest)
            item["title"] = _("%(row)s: %(before)s %(value)s, %(after)s %(other)s") % {
                "row": label,
                "before": table.columns[column],
                "value": cell,
                "after": table.columns[compare],
                "other": other,
            }
            item["after"] = {
                "y": y + ROW - 4,
                "width": other_width,
                "text_x": LABEL_X + other_width + 4,
                "text": str(other),
            }
        items.append(item)
    described = table.columns[column]
    if targets:
        described = _("%(column)s; the line marks the target") % {"column": described}
    caption = table.columns[column]
    if compare is not None:
        described = caption = _(
            "%(before)s: the upper, filled bars; %(after)s: the lower, outlined bars."
        ) % {"before": table.columns[column], "after": table.columns[compare]}
    return {
        "items": items,
        "height": len(items) * row + 4,
        "column": caption,
        "described": described,
        "has_targets": bool(targets),
    }


@register.simple_tag
def table_rows(table):
    """A table's body rows, written here rather than by the template engine: a national
    dashboard has a few thousand cells, which cost the template engine more than its figures."""
    numbered = table.numbered
    rows = []
    for number, (label, cells) in enumerate(table.rows, 1):
        counter = f"<td>{escape(localize(number))}</td>" if numbered else ""
        values = "".join(f"<td>{escape(cell)}</td>" for cell in cells)
        rows.append(f'<tr>{counter}<th scope="row">{escape(label)}</th>{values}</tr>')
    return mark_safe("\n      ".join(rows))  # noqa: S308 - every value above is escaped
