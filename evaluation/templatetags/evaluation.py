"""Bar charts drawn on the server as SVG: a short label, a bar and the number in text on each
row, so nothing depends on colour; the table beside the chart carries the same numbers and the
full labels. Long labels (a course: language, place, date) are numbered in the chart, and the
table gives each number its full text; each bar also carries its full text as a title."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()
WIDTH = 150
ROW = 22
LABEL_X = 130


@register.simple_tag
def chart_bars(table):
    column = table.chart or 0
    rows = [(label, cells[column], cells) for label, cells in table.rows]
    targets = {}
    if table.key == "targets":  # the first column is the target: mark it on each bar
        targets = {
            index: cells[0].value
            for index, (_label, _cell, cells) in enumerate(rows)
            if isinstance(cells[0].value, int)
        }
    values = [
        cell.value
        for _label, cell, _cells in rows
        if not cell.hidden and isinstance(cell.value, (int, float))
    ]
    largest = max([*values, *targets.values()], default=0) or 1
    items = []
    for index, (label, cell, _cells) in enumerate(rows):
        shown = 0 if cell.hidden or not isinstance(cell.value, (int, float)) else cell.value
        width = round(WIDTH * shown / largest)
        target = targets.get(index)
        target_x = LABEL_X + round(WIDTH * target / largest) if target is not None else None
        items.append(
            {
                "label": str(index + 1) if table.numbered else label,
                "full": label,
                "y": index * ROW + 2,
                "width": width,
                "text_x": LABEL_X + max(width, (target_x or 0) - LABEL_X) + 4,
                "text": str(cell),
                "target_x": target_x,
                "target": target,
            }
        )
    described = table.columns[column]
    if targets:
        described = _("%(column)s; the line marks the target") % {"column": described}
    return {
        "items": items,
        "height": len(items) * ROW + 4,
        "column": table.columns[column],
        "described": described,
        "has_targets": bool(targets),
    }
