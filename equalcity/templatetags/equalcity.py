from django import template

from equalcity import i18n

register = template.Library()


@register.filter
def local_date(value, style="long"):
    """{{ meeting.starts_at|local_date }} → "3 ለካቲት 2027" on a Tigrinya page."""
    return i18n.local_date(value, style)


@register.filter
def local_weekday_date(value):
    """The weekday and the date: "onsdag 3 februari 2027"."""
    return i18n.local_date(value, "full")


@register.filter
def local_time(value):
    return i18n.local_time(value)
