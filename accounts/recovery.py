"""Recovery codes: a way back in for members who gave no email address.

Every member gets `CODE_COUNT` codes when they join. Each one, typed with the
member's handle, sets a new password once. Only a keyed hash of each code is
kept (HMAC-SHA256 under the site's secret, with the member's id in the message),
so the codes cannot be read back from the database; a fast keyed hash rather
than a password hasher because a code carries 60 random bits, which no offline
guessing gets through, and checking one is a single indexed lookup.

Guessing is throttled with allauth's rate limits, keyed by the handle and by
the browser's session, never by an IP address (the forum stores none): see
`attempt_allowed`.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from allauth.account import app_settings as allauth_settings
from allauth.account import signals
from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from forum import clock

from .models import RecoveryCode, User

CODE_COUNT = 10
# Crockford's base32: no I, L, O or U, so nothing reads as something else.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 3, 4  # "7K2M-QX9D-4HRT": 60 random bits
# Letters people type for the digits they look like.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})

# allauth's rate-limit action (ACCOUNT_RATE_LIMITS in config/settings.py).
RATE_LIMIT_ACTION = "recover_with_code"

_SHOW_KEY = "accounts.recovery.to_show"
_SIGNED_IN_KEY = "accounts.recovery.signed_in_at"
# New codes wait this long in the session to be shown, then are dropped unseen.
SHOW_WITHIN_SECONDS = 600


class RecoveryRefused(Exception):
    """A recovery attempt that did not work; `code` says why, the message says it kindly."""

    def __init__(self, message, *, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Recovered:
    member: User
    remaining: int


# -- the codes ----------------------------------------------------------------------------


def _new_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return "-".join(groups)


def normalize_code(text: str) -> str:
    """The code as stored: capitals, no spaces or dashes, look-alike letters as digits."""
    kept = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return kept.translate(_LOOKALIKES)


def _digest(member_id: int, code: str, secret: str) -> str:
    return salted_hmac(
        "accounts.recovery", f"{member_id}:{code}", secret=secret, algorithm="sha256"
    ).hexdigest()


def _digests(member_id: int, code: str) -> list[str]:
    # Codes made before a key rotation keep working while the old key is a fallback.
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_digest(member_id, code, key) for key in keys]


@transaction.atomic
def issue_codes(*, member: User) -> list[str]:
    """Give `member` a fresh set of codes, ending the old set. Returns them, once."""
    codes: set[str] = set()
    while len(codes) < CODE_COUNT:
        codes.add(_new_code())
    RecoveryCode.objects.filter(member=member).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(
            member=member,
            digest=_digest(member.pk, normalize_code(code), settings.SECRET_KEY),
            created_at=clock.now(),
        )
        for code in codes
    )
    return sorted(codes)


def remaining_codes(member: User) -> int:
    """How many of `member`'s codes still work."""
    return RecoveryCode.objects.filter(member=member, used_at__isnull=True).count()


def has_codes(member: User) -> bool:
    """Whether `member` was ever given a set (used up or not)."""
    return RecoveryCode.objects.filter(member=member).exists()


def _no_match() -> RecoveryRefused:
    # The same words whether the handle or the code is wrong: nothing says which
    # handles exist.
    return RecoveryRefused(
        _(
            "That handle and recovery code don't match. Please check both and try again: "
            "capitals, spaces and dashes don't matter."
        ),
        code="no_match",
    )


def _spent() -> RecoveryRefused:
    return RecoveryRefused(
        _("That recovery code has been used already. Each code works once: please try another."),
        code="spent",
    )


def recover_with_code(*, handle: str, code: str, new_password: str) -> Recovered:
    """Set a new password for the member whose unused `code` this is, and spend it.

    Raises `RecoveryRefused` when the handle and code don't match or the code
    was used, and a `ValidationError` when the new password is not good enough
    (the code is then kept).
    """
    member = User.objects.filter(handle__iexact=(handle or "").strip(), is_active=True).first()
    normalized = normalize_code(code)
    if member is None or len(normalized) != GROUPS * GROUP_LENGTH:
        raise _no_match()
    found = RecoveryCode.objects.filter(
        member=member, digest__in=_digests(member.pk, normalized)
    ).first()
    if found is None:
        raise _no_match()
    if found.used_at is not None:
        raise _spent()
    adapter = get_adapter()
    adapter.clean_password(new_password, user=member)
    with transaction.atomic():
        # Spent in one conditional update, so two requests cannot both use it.
        spent = RecoveryCode.objects.filter(pk=found.pk, used_at__isnull=True).update(
            used_at=clock.now()
        )
        if not spent:
            raise _spent()
        adapter.set_password(member, new_password)
    return Recovered(member=member, remaining=remaining_codes(member))


def announce_recovery(request, member: User) -> None:
    """Tell allauth (and whoever listens) a password was reset, as its own reset does."""
    # The failed sign-ins counted against this handle no longer matter.
    get_adapter()._delete_login_attempts_cached_email(request, username=member.handle)
    signals.password_reset.send(sender=member.__class__, request=request, user=member)


# -- throttling guesses -------------------------------------------------------------------


def _rate_keys(request, handle: str) -> list[str]:
    if not request.session.session_key:
        request.session.save()
    return [f"handle:{(handle or '').strip().lower()}", f"session:{request.session.session_key}"]


def _ensure_configured() -> None:
    # Without its entry in ACCOUNT_RATE_LIMITS allauth would not limit at all:
    # refuse to run unthrottled, and refuse any rate not keyed (an allauth rate
    # with no "/key" counts per IP address, which the forum never keys on).
    rates = [
        part.strip()
        for part in allauth_settings.RATE_LIMITS.get(RATE_LIMIT_ACTION, "").split(",")
        if part.strip()
    ]
    if not rates or not all(rate.endswith("/key") for rate in rates):
        raise ImproperlyConfigured(
            f'ACCOUNT_RATE_LIMITS needs "{RATE_LIMIT_ACTION}" with keyed rates only, '
            'such as "5/5m/key": recovery attempts are counted per handle and per session, '
            "never per IP address."
        )


def attempt_allowed(request, handle: str) -> bool:
    """Count one recovery attempt for this handle and this session; False once over the limit."""
    _ensure_configured()
    allowed = True
    for key in _rate_keys(request, handle):
        allowed = ratelimit.consume(request, action=RATE_LIMIT_ACTION, key=key) and allowed
    return allowed


def forget_attempts(request, handle: str) -> None:
    """A code worked: earlier mistakes no longer count."""
    for key in _rate_keys(request, handle):
        ratelimit.clear(request, action=RATE_LIMIT_ACTION, key=key)


# -- showing new codes once, and "signed in recently" --------------------------------------


def keep_to_show(session, codes: list[str]) -> None:
    """Hold new codes for the very next page that shows them (`take_to_show`)."""
    session[_SHOW_KEY] = {"codes": list(codes), "at": time.time()}


def take_to_show(session) -> list[str] | None:
    """The codes waiting to be shown, removed from the session as they are read."""
    waiting = session.pop(_SHOW_KEY, None)
    if not waiting or time.time() - waiting.get("at", 0) > SHOW_WITHIN_SECONDS:
        return None
    return list(waiting["codes"])


def has_codes_to_show(session) -> bool:
    return _SHOW_KEY in session


def note_sign_in(session) -> None:
    session[_SIGNED_IN_KEY] = time.time()


def signed_in_recently(session) -> bool:
    """Signed in on this browser within allauth's reauthentication timeout."""
    at = session.get(_SIGNED_IN_KEY)
    return at is not None and time.time() - at < allauth_settings.REAUTHENTICATION_TIMEOUT
