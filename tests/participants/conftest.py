def parent(**overrides):
    """Service arguments for a parent's registration."""
    data = {
        "first_name": "Yonas",
        "last_name": "Tesfay",
        "phone": "+46701234567",
        "email": "",
        "children_0_5": 1,
        "children_6_12": 2,
        "children_13_17": 0,
        "needs_childcare": True,
        "needs_accessibility": False,
        "needs_note": "",
        "needs_note_consent": False,
        "referral": "friends",
        "channel": "sms",
        "language": "ti",
    }
    data.update(overrides)
    return data
