"""Sockets answer to the sign-in they were opened with, for as long as they live.

A socket is opened with a session cookie; the member may then sign out, change
their password, be banned or close their account. Every socket action reads
the session afresh (`viewer_from_scope`), and every change that ends a sign-in
tells the member's open sockets to check again at once (`recheck_sockets`), so
the next person at a shared keyboard can't post as the last one.
"""

from importlib import import_module

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from forum.live import send_to_groups


def sockets_group(member_id: int) -> str:
    return f"sockets.member.{member_id}"


class _SessionRequest:
    """The little of a request that `django.contrib.auth.get_user` reads."""

    def __init__(self, session):
        self.session = session


def viewer_from_scope(scope):
    """Who the socket's session belongs to now: the member, or a visitor if the
    session ended, its password hash no longer matches, or the account is closed."""
    opened = scope.get("session")
    key = getattr(opened, "session_key", None)
    if not key:
        return AnonymousUser()
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    # get_user checks the session's auth hash (a password change ends other
    # sign-ins) and the backend refuses inactive (banned, closed) accounts.
    return auth.get_user(_SessionRequest(store))


def recheck_sockets(member_id: int, *, ended_session: str | None = None) -> None:
    """After the commit, the member's open sockets check their session again.

    `ended_session` is the key of a session being signed out right now, whose
    sockets close whatever the session store still says.
    """
    event = {"type": "sockets.recheck", "ended": ended_session}
    transaction.on_commit(lambda: send_to_groups([(sockets_group(member_id), event)]), robust=True)
