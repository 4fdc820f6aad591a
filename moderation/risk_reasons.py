"""What a moderator reads for each at-risk reason code, and which to name first.

Pure Python with no Django import: each text is marked with a local
`gettext_noop` so `manage.py makemessages` extracts it; the Django layer shows
gettext(assessment.reason) in the reader's language.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Mark `message` for translation without importing Django.

    `manage.py makemessages` extracts gettext_noop("...") calls; the Django
    layer shows gettext(assessment.reason) in the reader's language.
    """
    return message


# What a moderator reads, one plain sentence per reason code.
REASONS = {
    "breathing": gettext_noop("someone is not breathing properly now"),
    "unresponsive": gettext_noop("someone unresponsive now"),
    "colour": gettext_noop("someone has changed colour (blue or grey) now"),
    "overdosing": gettext_noop("an overdose happening now"),
    "took-more": gettext_noop("took far more than usual"),
    "mixed": gettext_noop("mixed substances and feels unwell"),
    "new-substance": gettext_noop("a new or unknown substance and worrying symptoms"),
    "symptoms": gettext_noop("worrying symptoms after using"),
    "intent": gettext_noop("says they want to end their life"),
    "wish-dead": gettext_noop("wishes they were dead or would not wake up"),
    "preparing": gettext_noop("is putting their affairs in order or giving things away"),
    "unreachable": gettext_noop("cannot be reached after saying this"),
    "hopeless": gettext_noop("feels there is nothing left"),
    "burden": gettext_noop("feels others would be better off without them"),
    "understatement": gettext_noop("hints they will not be around much longer"),
    "plan": gettext_noop("a plan to end their life"),
    "plan-time": gettext_noop("a plan with a time"),
    "means": gettext_noop("the means at hand"),
    "means-time": gettext_noop("the means at hand and a time"),
    "note": gettext_noop("a note written"),
    "goodbye": gettext_noop("a goodbye post"),
    "farewell": gettext_noop("says goodbye or sorry as if for the last time"),
}
# Which cue to name first when several are heard together.
REASON_ORDER = {
    "overdose": (
        "breathing",
        "unresponsive",
        "colour",
        "overdosing",
        "took-more",
        "mixed",
        "new-substance",
        "symptoms",
    ),
    "suicide": (
        "goodbye",
        "note",
        "plan",
        "means",
        "intent",
        "wish-dead",
        "understatement",
        "preparing",
        "farewell",
        "burden",
        "hopeless",
        "unreachable",
    ),
}
