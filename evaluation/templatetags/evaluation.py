"""Bar charts drawn on the server as SVG: a label, a bar and the number in text on each row,
so nothing depends on colour; the table beside the chart carries the same numbers."""

from django import template

register = template.Library()
WIDTH = 150
ROW = 22


@register.simple_tag
def chart_bars(table):
    column = table.chart or 0
    cells = [(label, cells[column]) for label, cells in table.rows]
    values = [
        cell.value
        for _label, cell in cells
        if not cell.hidden and isinstance(cell.value, (int, float))
    ]
    largest = max(values, default=0) or 1
    items = []
    for index, (label, cell) in enumerate(cells):
        shown = 0 if cell.hidden or not isinstance(cell.value, (int, float)) else cell.value
        width = round(WIDTH * shown / largest)
        items.append(
            {
                "label": label,
                "y": index * ROW + 2,
                "width": width,
                "text_x": 130 + width + 4,
                "text": str(cell),
            }
        )
    return {"items": items, "height": len(items) * ROW + 4, "column": table.columns[column]}
