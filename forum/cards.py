"""Posts as HTML, cheaply: a card per post made once, each viewer's controls added per request.

A forum is read far more than it is written. What a post looks like to
everyone (author, time, warnings, words, the help panel) is its *card*,
rendered from `forum/_post_card.html` and kept in the cache under a key made
from everything it shows, so any change (an edit, a hide, a new handle, new
help text) is a new key and is seen at once; nothing is ever invalidated by
hand. What differs per viewer (reaction counts and which are theirs, Edit,
Flag, Mute, moderators' buttons, a muted author's fold, warnings they always
open) is added by `assemble()` with a few string operations, no templates.

The same two steps make the live frames (`forum.live`), one per audience, so
a post that arrives live is the post a reload would show.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from config.addresses import address

from . import cache_guard, replies
from .identity import shown_name
from .models import Post, Reaction

CONTROLS = "<!--controls-->"
FOLDED_WARNING = '<details class="content-warning">'
CARD_SECONDS = 7 * 24 * 3600
# While the cache fails, cards are rendered afresh rather than waited for.
_guard = cache_guard.guard


@dataclass
class Viewer:
    """Who a page or frame is for, and what they need for their controls."""

    member_id: int | None = None
    moderator: bool = False
    can_post: bool = False  # may answer in this thread: Reply and Quote
    csrf: str = ""
    mine: set = field(default_factory=set)  # (post id, reaction kind)
    muted: set = field(default_factory=set)  # member ids
    unfold: frozenset = frozenset()  # warning keys always opened
    next_url: str = ""

    @property
    def signed_in(self) -> bool:
        return self.member_id is not None


def _panel_version() -> str:
    from moderation.models import SupportPanel

    updated = SupportPanel.objects.order_by("pk").values_list("updated_at", flat=True).first()
    return updated.isoformat() if updated else "default"


def _who(item) -> tuple:
    """What a card or row shows of its author (see forum.identity), cheaply, for keys."""
    if item.anonymous:
        return ("anonymous",)
    author = item.author
    if author is None:
        return ("gone",)
    return (author.handle, author.role, author.lived_experience, author.is_superuser)


def _key(post: Post, panel: str) -> str:
    parts = (
        post.pk,
        post.status,
        post.removed_by,
        _who(post),
        post.created_at.isoformat(),
        post.edited_at.isoformat() if post.edited_at else "",
        post.risk_kind,
        ",".join(post.content_warnings or ()),
        panel if post.risk_kind else "",
        replies.key_part(post),
        get_language(),
    )
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16)
    digest.update(post.body_html.encode())
    return f"card:{digest.hexdigest()}"


def cards(posts) -> dict[int, str]:
    """Each post's card, from the cache, or rendered now and kept."""
    posts = list(posts)
    panel = _panel_version() if any(post.risk_kind for post in posts) else ""
    keys = {post.pk: _key(post, panel) for post in posts}
    found = _guard.call(lambda: cache.get_many(list(keys.values())), fallback={})
    out, fresh = {}, {}
    for post in posts:
        html = found.get(keys[post.pk])
        if html is None:
            context = {"post": post, "reply": replies.line(post)}
            html = render_to_string("forum/_post_card.html", context).strip()
            fresh[keys[post.pk]] = html
        out[post.pk] = html
    if fresh:
        # A cache that can't store just means rendering again next time.
        _guard.call(lambda: cache.set_many(fresh, timeout=CARD_SECONDS), fallback=None)
    return out


# -- a viewer's controls -------------------------------------------------------------


class _Text:
    """The words and addresses controls use, looked up once per page."""

    def __init__(self):
        def pattern(name: str) -> str:
            return address(name, "PLACEHOLDER").replace("PLACEHOLDER", "{pk}")

        url = {
            "react": pattern("forum:react"),
            "edit_post": pattern("forum:edit_post"),
            "remove_post": pattern("forum:remove_post"),
            "flag": pattern("moderation:flag"),
            "act": pattern("moderation:act_on_post"),
            "reveal": pattern("moderation:reveal_author"),
            "thread": pattern("forum:thread"),
        }
        url["mute"] = address("accounts:mute", "HANDLE").replace("HANDLE", "{handle}")
        url["sign_in"] = reverse("account_login")
        self.url = url
        self.reactions = [(kind, escape(str(label))) for kind, label in Reaction.Kind.choices]
        words = {
            "reactions_to": gettext("Reactions to post %(number)s, by %(author)s"),
            "edit": gettext("Edit"),
            "remove": gettext("Remove"),
            "flag": gettext("Flag"),
            "mute": gettext("Mute %(handle)s"),
            "reveal": gettext("Who wrote this? (logged)"),
            "approve": gettext("Approve"),
            "hide": gettext("Hide"),
            "restore": gettext("Restore"),
            "muted": gettext("A post from someone you muted."),
            "show": gettext("Show it"),
        }
        self.words = {key: escape(value) for key, value in words.items()}


_texts: dict[str, _Text] = {}


def _text() -> _Text:
    language = get_language() or ""
    if language not in _texts:
        _texts[language] = _Text()
    return _texts[language]


def _csrf(viewer: Viewer) -> str:
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(viewer.csrf)}">'


def _reactions(post, viewer: Viewer, text: _Text) -> str:
    label = text.words["reactions_to"] % {
        "number": post.pk,
        "author": escape(shown_name(post)),
    }
    buttons = []
    for kind, name in text.reactions:
        count = getattr(post, f"reactions_{kind}", 0) or ""
        pressed = "true" if (post.pk, kind) in viewer.mine else "false"
        buttons.append(
            f'<button type="submit" name="kind" value="{kind}" class="reaction" '
            f'aria-pressed="{pressed}">{name} <span class="reaction__count">{count}</span></button>'
        )
    if not viewer.signed_in:
        # A visitor's reaction asks them to sign in first (and brings them back).
        next_url = escape(post.get_absolute_url())
        return (
            f'<form method="get" action="{text.url["sign_in"]}" class="reactions" '
            f'aria-label="{label}"><input type="hidden" name="next" value="{next_url}">'
            f"{''.join(buttons)}</form>"
        )
    return (
        f'<form method="post" action="{text.url["react"].format(pk=post.pk)}" class="reactions" '
        f'aria-label="{label}">{_csrf(viewer)}{"".join(buttons)}</form>'
    )


def _moderator_buttons(post, viewer: Viewer, text: _Text) -> str:
    out = []
    if post.anonymous:
        out.append(
            f'<form method="post" action="{text.url["reveal"].format(pk=post.pk)}" '
            f'class="inline-form">{_csrf(viewer)}<button type="submit" class="link-button">'
            f"{text.words['reveal']}</button></form>"
        )
    action = {"pending": "approve", "visible": "hide", "hidden": "restore"}.get(post.status)
    if action:
        out.append(
            f'<form method="post" action="{text.url["act"].format(pk=post.pk)}" '
            f'class="inline-form">{_csrf(viewer)}'
            f'<input type="hidden" name="next" value="{escape(post.get_absolute_url())}">'
            f'<button class="link-button" name="action" value="{action}">'
            f"{text.words[action]}</button></form>"
        )
    return "".join(out)


def _footer(post, viewer: Viewer, text: _Text) -> str:
    if not viewer.signed_in:
        return ""
    links = replies.links(post, viewer, text.url["thread"].format(pk=post.thread_id))
    if post.author_id == viewer.member_id:
        for action, word in (("edit_post", "edit"), ("remove_post", "remove")):
            links.append(f'<a href="{text.url[action].format(pk=post.pk)}">{text.words[word]}</a>')
    elif post.status == Post.Status.VISIBLE:
        links.append(f'<a href="{text.url["flag"].format(pk=post.pk)}">{text.words["flag"]}</a>')
        author = post.author
        if not post.anonymous and author is not None and not author.is_moderator:
            links.append(_mute_button(author.handle, viewer, text))
    if viewer.moderator:
        links.append(_moderator_buttons(post, viewer, text))
    if not links:
        return ""
    return f'<footer class="post__actions">{"".join(links)}</footer>'


def _mute_button(handle: str, viewer: Viewer, text: _Text) -> str:
    label = text.words["mute"] % {"handle": escape(handle)}
    return (
        f'<form method="post" action="{text.url["mute"].format(handle=escape(handle))}" '
        f'class="inline-form">{_csrf(viewer)}'
        f'<input type="hidden" name="next" value="{escape(viewer.next_url)}">'
        f'<button type="submit" class="link-button">{label}</button></form>'
    )


def _pending_notice(post, viewer: Viewer) -> str:
    if post.status != Post.Status.PENDING or post.author_id != viewer.member_id:
        return ""
    return render_to_string("forum/_pending_notice.html", {"post": post})


def assemble(post, card: str, viewer: Viewer) -> str:
    """`card` with `viewer`'s own controls, as their page shows it."""
    if post.status == Post.Status.REMOVED:
        return card.replace(CONTROLS, "", 1)
    text = _text()
    controls = []
    if post.status == Post.Status.VISIBLE:
        controls.append(_reactions(post, viewer, text))
    controls.append(_pending_notice(post, viewer))
    controls.append(_footer(post, viewer, text))
    html = card.replace(CONTROLS, "".join(controls), 1)
    warnings = set(post.content_warnings or ())
    if warnings and warnings <= viewer.unfold:
        html = opened(html)
    if is_muted_for(post, viewer.muted):
        html = fold(html)
    return html


def html_for(post, viewer: Viewer) -> str:
    """One post as `viewer` sees it."""
    return assemble(post, cards([post])[post.pk], viewer)


def opened(html: str) -> str:
    """The content warning unfolded, for a reader who always opens its labels."""
    return html.replace(FOLDED_WARNING, '<details class="content-warning" open>', 1)


def is_muted_for(post, muted: set) -> bool:
    """Only signed posts fold: folding an anonymous one would say who wrote it."""
    return not post.anonymous and post.author_id is not None and post.author_id in muted


def fold(html: str) -> str:
    """A muted member's post, folded: one click shows it."""
    words = _text().words
    return (
        f'<details class="muted-post"><summary>{words["muted"]} '
        f'<span class="muted-post__show">{words["show"]}</span></summary>{html}</details>'
    )


def for_viewer(posts, viewer: Viewer) -> list[str]:
    """Each post as `viewer` sees it, in order."""
    posts = list(posts)
    made = cards(posts)
    return [assemble(post, made[post.pk], viewer) for post in posts]


def viewer_for(request, posts=()) -> Viewer:
    """The viewer of a page: their reactions among `posts`, their mutes, their
    warnings, a form token. Two small queries for a member, none for a visitor."""
    from django.middleware.csrf import get_token

    return viewer_of(request.user, posts, csrf=get_token(request), next_url=request.get_full_path())


def viewer_of(user, posts=(), *, csrf: str = "", next_url: str = "") -> Viewer:
    """`user` as a viewer of `posts` (a socket's reader: no form token, the page
    script puts its own in)."""
    from accounts.models import Mute

    from . import permissions

    viewer = Viewer(csrf=csrf, next_url=next_url)
    if not permissions.is_member(user):
        return viewer
    viewer.member_id = user.pk
    viewer.moderator = permissions.is_moderator(user)
    viewer.can_post = permissions.can_post(user)
    viewer.unfold = frozenset(user.unfold_warnings or ())
    ids = [post.pk for post in posts]
    if ids:
        viewer.mine = set(
            Reaction.objects.filter(member=user, post_id__in=ids).values_list("post_id", "kind")
        )
    viewer.muted = Mute.objects.muted_by(user)
    return viewer


AUDIENCES = ("visitor", "member", "moderator")


def audience(kind: str) -> Viewer:
    """A live frame's viewer: everyone in a group sees the same frame (the page's
    script puts its own form token in)."""
    return Viewer(
        member_id=0 if kind != "visitor" else None,
        moderator=kind == "moderator",
        can_post=kind != "visitor",
    )


def for_author(post) -> Viewer:
    """The author's own tabs: their post with its Edit and Remove."""
    return Viewer(member_id=post.author_id, can_post=True)
