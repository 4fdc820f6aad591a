"""What a member has read: their place in each thread, what is new since, where to go back to.

A member's place in a thread (`ReadPosition`) is the last post a thread page
showed them, and it only ever moves forward. What is *new* for them is every
visible post after it that they may see (`Post.objects.visible_to`), did not
write, and whose signed author they have not muted. A thread they never
opened has no place and shows no count: all of it is new to them, and its
link already starts at the top. Visitors have no places.

Lists are cached per audience (`forum.rows`); the count is a
member's own, so it is added to each cached row here, per request, with a few
string operations, from one query per page whatever the number of rows.
"""

from django.db.models import Count, F, FilteredRelation, Q, QuerySet
from django.utils.html import escape
from django.utils.translation import ngettext

from accounts.models import Mute
from config.addresses import address

from . import clock, permissions, rows
from .models import Post, ReadPosition, Thread

# Where a thread row (forum/_thread_row.html) takes a member's count.
PLACE = "<!--unread-->"


def _news(member) -> QuerySet[Post]:
    """Posts that can be new to `member`: ones they may see, up for everyone, not theirs,
    and not signed by someone they muted (their thread pages fold those; anonymous
    posts count whoever wrote them, as a mute must not tell)."""
    muted = Mute.objects.filter(member_id=member.pk).values("muted_id")
    return (
        Post.objects.visible_to(member)
        .filter(status=Post.Status.VISIBLE)
        .exclude(author_id=member.pk)
        .exclude(Q(author_id__in=muted) & Q(anonymous=False))
    )


def _after(at, post_id, prefix: str = "") -> Q:
    # A thread's order is (created_at, id), as its pages show it.
    return Q(**{f"{prefix}created_at__gt": at}) | Q(
        **{f"{prefix}created_at": at, f"{prefix}id__gt": post_id}
    )


def mark_read(*, member, thread: Thread, post: Post | None) -> None:
    """`member` has been shown `thread` up to `post`: their place moves there, never back.

    Two queries at most, whatever happened before: a look, then a first place
    or a move forward. Two tabs at once cannot take it backwards or fail.
    """
    if post is None or not permissions.is_member(member):
        return
    place = {"last_post_id": post.pk, "last_post_at": post.created_at, "updated_at": clock.now()}
    mine = ReadPosition.objects.filter(member=member, thread=thread)
    current = mine.values_list("last_post_at", "last_post_id").first()
    if current is None:
        # Another tab may get there first: then this one is just a move forward.
        ReadPosition.objects.bulk_create(
            [ReadPosition(member=member, thread=thread, **place)], ignore_conflicts=True
        )
    elif (post.created_at, post.pk) > current:
        behind = Q(last_post_at__lt=post.created_at) | Q(
            last_post_at=post.created_at, last_post_id__lt=post.pk
        )
        mine.filter(behind).update(**place)


def mark_shown(*, member, thread_id: int, post_id: int) -> None:
    """A live post was put on `member`'s page: their place moves on to it.

    Only a post of that thread they may see moves it; any other number is
    ignored, saying nothing about whether it exists.
    """
    if not permissions.is_member(member):
        return
    post = (
        Post.objects.visible_to(member)
        .filter(thread_id=thread_id, pk=post_id)
        .select_related("thread")
        .only("id", "created_at", "thread")
        .first()
    )
    if post is not None:
        mark_read(member=member, thread=post.thread, post=post)


def unread_counts(viewer, ids) -> dict[int, int]:
    """New posts per thread for `viewer`, for the threads `ids` they have opened (one query).

    Threads with nothing new, never opened, or a visitor's: not in the answer.
    """
    ids = list(ids)
    if not ids or not permissions.is_member(viewer):
        return {}
    place = FilteredRelation(
        "thread__read_positions", condition=Q(thread__read_positions__member=viewer)
    )
    news = (
        _news(viewer)
        .filter(thread_id__in=ids)
        .annotate(place=place)
        .filter(_after(F("place__last_post_at"), F("place__last_post_id")))
        .order_by()
        .values("thread_id")
        .annotate(new=Count("id"))
    )
    return {row["thread_id"]: row["new"] for row in news}


def jump_target(viewer, thread: Thread) -> Post | None:
    """Where `viewer` takes up `thread`: the first post new to them, or if all is
    read the last one they may see. None for a thread they never opened (or a
    visitor): they start at the top."""
    if not permissions.is_member(viewer):
        return None
    place = (
        ReadPosition.objects.filter(member=viewer, thread=thread)
        .values_list("last_post_at", "last_post_id")
        .first()
    )
    if place is None:
        return None
    first_new = (
        _news(viewer).filter(thread=thread).filter(_after(*place)).order_by("created_at", "id")
    )
    last_seen = Post.objects.visible_to(viewer).filter(thread=thread).order_by("-created_at", "-id")
    return first_new.select_related("thread").first() or last_seen.select_related("thread").first()


def _badge(thread_id: int, new: int) -> str:
    short = ngettext("%(count)s new", "%(count)s new", new) % {"count": new}
    full = ngettext(
        "%(count)s new post since you last read this thread",
        "%(count)s new posts since you last read this thread",
        new,
    ) % {"count": new}
    return (
        f'<span class="tag tag--new" id="unread-{thread_id}">'
        f'<span aria-hidden="true">{escape(short)}</span>'
        f'<span class="visually-hidden">{escape(full)}</span></span>'
    )


def with_counts(pairs: list[tuple[int, str]], counts: dict[int, int]) -> list[str]:
    """Cached rows (thread id, html) with `counts` added: a badge, and the title
    going to the first new post."""
    out = []
    for pk, html in pairs:
        new = counts.get(pk)
        if not new:
            out.append(html.replace(PLACE, "", 1))
            continue
        title = f'class="thread-row__title" href="{escape(address("forum:thread", pk))}"'
        jump = (
            f'class="thread-row__title" href="{escape(address("forum:unread", pk))}" '
            f'aria-describedby="unread-{pk}"'
        )
        out.append(html.replace(title, jump, 1).replace(PLACE, _badge(pk, new), 1))
    return out


def rows_for(viewer, threads) -> list[str]:
    """Each thread's row as `viewer` sees it: the shared cached row, plus their counts.

    `threads` is a queryset sliced to the list (see `forum.rows`)."""
    return _counted(viewer, rows.rows_by_id(threads))


def latest_for(viewer) -> list[str]:
    """The home page's latest threads as `viewer` sees them, with their counts."""
    return _counted(viewer, rows.latest_by_id(viewer))


def _counted(viewer, pairs) -> list[str]:
    if not permissions.is_member(viewer):
        return [html.replace(PLACE, "", 1) for _pk, html in pairs]
    return with_counts(pairs, unread_counts(viewer, [pk for pk, _html in pairs]))
