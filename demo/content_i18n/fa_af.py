"""Dari (fa_AF) translation of the demo programme's content in demo/content.py."""

PROGRAMME_DESCRIPTION = (
    "هفت جلسه دربارهٔ والد بودن در سویدن: مکتب، صحت، حقوق و زندگی روزمره. "
    "این کورس به زبان خود شما برگزار می‌شود و رایگان است."
)

MEETING_THEMES = [
    "والد بودن در یک کشور جدید",
    "حقوق و رشد اطفال",
    "کودکستان و مکتب",
    "صحت و آرامش در خانواده",
    "حمایت جامعه از خانواده‌ها",
    "نوجوانی، اوقات فراغت و روابط",
    "آیندهٔ خانواده در سویدن",
]

VENUE_DIRECTIONS = "دروازهٔ ورودی از طرف سرک است. در بخش پذیرش دربارهٔ کورس بپرسید."

VENUE_ACCESSIBILITY = "دروازهٔ ورودی بدون زینه، لفت و تشناب مناسب برای افراد دارای معلولیت."

# What parents should know before each meeting, in the order of MEETING_THEMES.
MEETING_NOTES = [
    "TODO",
] * 7
