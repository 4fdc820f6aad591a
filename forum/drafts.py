"""Text a visitor typed before signing in, kept in their session.

Someone who writes a reply and only then finds they must sign in should find
their words waiting when they come back. Django keeps session data across
sign-in, so the draft survives the trip through the login or sign-up page.
"""

SESSION_KEY = "forum_drafts"


def save(session, key: str, data: dict) -> None:
    drafts = session.get(SESSION_KEY, {})
    drafts[key] = data
    session[SESSION_KEY] = drafts


def load(session, key: str) -> dict | None:
    return session.get(SESSION_KEY, {}).get(key)


def discard(session, key: str) -> None:
    drafts = session.get(SESSION_KEY, {})
    if key in drafts:
        del drafts[key]
        session[SESSION_KEY] = drafts


def thread_key(thread_id: int) -> str:
    return f"reply:{thread_id}"


def category_key(slug: str) -> str:
    return f"thread:{slug}"
