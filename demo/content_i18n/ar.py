"""Arabic (ar) translation of the demo programme's content in demo/content.py."""

PROGRAMME_DESCRIPTION = (
    "سبعة لقاءات عن الأبوّة والأمومة في السويد: المدرسة، والصحة، والحقوق، "
    "والحياة اليومية. تُقدَّم الدورة بلغتك، وهي مجانية."
)

MEETING_THEMES = [
    "أن تكون والدًا في بلد جديد",
    "حقوق الأطفال ونموّهم",
    "الروضة والمدرسة",
    "الصحة والعافية في الأسرة",
    "دعم المجتمع للأسر",
    "سنّ المراهقة ووقت الفراغ والعلاقات",
    "مستقبل الأسرة في السويد",
]

VENUE_DIRECTIONS = "المدخل من جهة الشارع. اسأل في الاستقبال عن الدورة."

VENUE_ACCESSIBILITY = "مدخل بدون درجات، ومصعد، ومرحاض مهيّأ لذوي الإعاقة."

# What parents should know before each meeting, in the order of MEETING_THEMES.
MEETING_NOTES = [
    "TODO",
] * 7
