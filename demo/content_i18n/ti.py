"""Tigrinya (ti) text of the demo programme: description, meeting themes and venue notes."""

PROGRAMME_DESCRIPTION = (
    "ብዛዕባ ኣብ ሽወደን ወላዲ ምዃን ሸውዓተ ርክባት: ቤት ትምህርቲ፣ ጥዕና፣ መሰላትን መዓልታዊ ናብራን። "
    "እቲ ኮርስ ብናይ ባዕልኹም ቋንቋ ይወሃብ፣ ብናጻ ድማ እዩ።"
)

MEETING_THEMES = [
    "ኣብ ሓድሽ ሃገር ወላዲ ምዃን",
    "መሰላትን ምዕባለን ቆልዑ",
    "መዋእለ ህጻናትን ቤት ትምህርትን",
    "ጥዕናን ደሓንነትን ኣብ ስድራቤት",
    "ሕብረተሰብ ንስድራቤታት ዝህቦ ደገፍ",
    "ግዜ ጉርምስና፣ ናጻ ግዜን ዝምድናታትን",
    "መጻኢ ናይ ስድራቤት ኣብ ሽወደን",
]

VENUE_DIRECTIONS = "መእተዊ ካብ ጎደና እዩ። ኣብ መቐበሊ ኣጋይሽ (ረሰፕሽን) ብዛዕባ እቲ ኮርስ ሕተቱ።"

VENUE_ACCESSIBILITY = "መእተዊ ብዘይ መደያይቦ፣ ሊፍትን ንሰባት ምስ ስንክልና ዝጥዕም ሽቓቕን ኣሎ።"

# What parents should know before each meeting, in the order of MEETING_THEMES.
MEETING_NOTES = [
    "TODO",
] * 7
