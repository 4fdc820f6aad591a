"""The socket protocol: every frame from a browser is parsed and checked here, once.

`parse()` turns text into a frame (a dict with a known "type") or raises
`BadFrame` with a stable code and a message a person can read; the consumer
sends that back as an `error` frame and the socket stays open. Field checks
for each type live here too, so consumers only see well-formed values.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from config.addresses import address

MAX_DEPTH = 8  # frames are flat; anything deeper is not ours
MAX_REF = 100


class BadFrame(Exception):
    def __init__(self, code: str, message: str, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra


def _depth(text: str) -> int:
    """How deeply brackets nest, outside strings: linear, no recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse(text_data, bytes_data, *, max_chars: int, known: set[str]) -> dict:
    """Read one frame; raise BadFrame with a code for anything else."""
    if text_data is None:
        raise BadFrame("bad_frame", _("Frames must be JSON text."))
    if len(text_data) > max_chars:
        raise BadFrame("too_large", _("That message is too long to send."))
    if _depth(text_data) > MAX_DEPTH:
        raise BadFrame("bad_json", _("That message could not be read."))
    try:
        message = json.loads(text_data)
    except (ValueError, RecursionError):
        raise BadFrame("bad_json", _("That message could not be read.")) from None
    kind = message.get("type") if isinstance(message, dict) else None
    if not isinstance(kind, str) or kind not in known:
        raise BadFrame("unknown_type", _("That kind of message is not understood."))
    return message


def ref_of(message: dict):
    """The browser's own reference for a frame, echoed back; short and plain only."""
    ref = message.get("ref")
    if isinstance(ref, bool) or not isinstance(ref, str | int | None):
        return None
    if isinstance(ref, str) and len(ref) > MAX_REF:
        return None
    return ref


@dataclass(frozen=True)
class Reply:
    body: str
    anonymous: bool
    content_warnings: tuple[str, ...]
    ref: str | int | None
    reply_to: int | None = None  # the post answered (checked by forum.replies)


def reply(message: dict) -> Reply:
    body = message.get("body")
    ref = ref_of(message)
    if not isinstance(body, str):
        raise BadFrame("invalid", _("A reply needs some text."), ref=ref)
    if "\x00" in body:
        raise BadFrame(
            "invalid",
            _("The text has a character that can't be saved (a null character)."),
            ref=ref,
            body=body.replace("\x00", ""),
        )
    anonymous = message.get("anonymous", False)
    warnings = message.get("content_warnings") or []
    if not isinstance(anonymous, bool) or not isinstance(warnings, list):
        raise BadFrame("invalid", _("That reply could not be read."), ref=ref, body=body)
    if not all(isinstance(w, str) for w in warnings) or len(warnings) > 10:
        raise BadFrame("invalid", _("Please choose warnings from the list."), ref=ref, body=body)
    reply_to = message.get("reply_to")
    if isinstance(reply_to, bool) or not isinstance(reply_to, int | None):
        reply_to = None  # not a post number: ignored, like one that can't be answered
    return Reply(
        body=body,
        anonymous=anonymous,
        content_warnings=tuple(warnings),
        ref=ref,
        reply_to=reply_to,
    )


def post_id(message: dict, field: str) -> int:
    value = message.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadFrame("invalid", _("That needs a post number."))
    return value


def error(code: str, message: str, **extra) -> str:
    return json.dumps({"type": "error", "code": code, "message": message, **extra})


def sign_in(thread_id: int, **extra) -> str:
    """The answer to a reply from someone signed out: the page posts the words
    plainly, which keeps them through signing in or joining; the message links to both."""
    back = urlencode({"next": f"{address('forum:thread', thread_id)}#reply"})
    return error(
        "sign_in",
        _("Please sign in or join to post this. Your words will be kept for you."),
        sign_in_url=f"{reverse('account_login')}?{back}",
        sign_in_text=_("Sign in"),
        join_url=f"{reverse('account_signup')}?{back}",
        join_text=_("Join with just a handle and a password"),
        **extra,
    )
