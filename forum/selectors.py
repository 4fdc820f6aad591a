"""Reads shaped for each page: a fixed number of queries whatever the length."""

from django.db.models import Q, QuerySet

from accounts.models import Mute

from .models import Category, Post, Thread


def home_categories() -> QuerySet[Category]:
    """Categories with their listed threads' count and last activity (kept on each)."""
    return Category.objects.order_by("position", "name")


_AUTHOR = ("handle", "role", "lived_experience", "is_superuser")
# What a thread's row in a list shows (forum/_thread_row.html), and no more.
ROW_FIELDS = (
    "id",
    "category_id",
    "title",
    "author_id",
    "anonymous",
    "content_warnings",
    "opens_with_post",
    "public",
    "pinned",
    "locked",
    "last_activity_at",
    "reply_count",
    "last_post_id",
    *(f"author__{name}" for name in _AUTHOR),
    "last_post__status",
    "last_post__anonymous",
    "last_post__author_id",
    "last_post__thread_id",
    *(f"last_post__author__{name}" for name in _AUTHOR),
)


def _listed_threads(viewer) -> QuerySet[Thread]:
    """Threads every reader's lists show (held and unlisted ones never), shaped for rows.

    Threads that members `viewer` muted started (signed) leave their lists;
    anonymous ones stay, as a mute must not tell who wrote them.
    """
    muted = Mute.objects.muted_by(viewer)
    threads = Thread.objects.visible_to(None)
    if muted:
        threads = threads.exclude(author_id__in=muted, anonymous=False)
    return threads.select_related("author", "last_post", "last_post__author").only(*ROW_FIELDS)


def category_threads(category: Category, viewer=None) -> QuerySet[Thread]:
    """A category's listed threads: pinned first, then the most recently active."""
    return (
        _listed_threads(viewer)
        .filter(category=category)
        .order_by("-pinned", "-last_activity_at", "-id")
    )


def row_threads(ids) -> QuerySet[Thread]:
    """The threads `ids` with what their rows in a list show (any order)."""
    return (
        Thread.objects.filter(pk__in=ids)
        .select_related("author", "last_post", "last_post__author")
        .only(*ROW_FIELDS)
    )


LATEST_THREADS = 10


def latest_threads(viewer=None, limit: int = LATEST_THREADS) -> QuerySet[Thread]:
    """The most recently active listed threads across every category, for the home page."""
    return _listed_threads(viewer).order_by("-last_activity_at", "-id")[:limit]


# What a thread page shows of each post and its author: the Markdown source
# and the account's other columns stay in the database.
PAGE_FIELDS = (
    "id",
    "thread_id",
    "author_id",
    "anonymous",
    "body_html",
    "status",
    "removed_by",
    "content_warnings",
    "risk_kind",
    "created_at",
    "edited_at",
    "seq",
    "was_public",
    "reactions_thanks",
    "reactions_hear",
    "reactions_helped",
    "author__handle",
    "author__role",
    "author__lived_experience",
    "author__is_superuser",
    # The post it answers, for its "in reply to" line (forum.replies).
    "reply_to_id",
)
# What a card shows of the post a reply answers (see forum.replies).
_ANSWERED_FIELDS = ("id", "status", "anonymous", "author_id", *(f"author__{n}" for n in _AUTHOR))


def thread_posts(thread: Thread, viewer) -> QuerySet[Post]:
    """The posts of a thread this viewer may see, oldest first, with their reaction counts."""
    return (
        Post.objects.visible_to(viewer)
        .filter(thread=thread)
        .select_related("author")
        .only(*PAGE_FIELDS)
        .order_by("created_at", "id")
    )


def with_answered(posts: list[Post]) -> list[Post]:
    """`posts` with the posts they reply to read in, one query (none if none replies)."""
    ids = {post.reply_to_id for post in posts if post.reply_to_id}
    if ids:
        answered = {
            found.pk: found
            for found in Post.objects.filter(pk__in=ids)
            .select_related("author")
            .only(*_ANSWERED_FIELDS)
        }
        field = Post.reply_to.field
        for post in posts:
            if post.reply_to_id:
                field.set_cached_value(post, answered.get(post.reply_to_id))
    return posts


def position_in_thread(post: Post, viewer) -> int:
    """How many posts this viewer sees before `post` in its thread."""
    return (
        Post.objects.visible_to(viewer)
        .filter(thread_id=post.thread_id)
        .filter(Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, id__lt=post.id))
        .count()
    )


def member_posts(member, viewer) -> QuerySet[Post]:
    """A member's signed posts that `viewer` may read, for their profile: never anonymous ones."""
    return (
        Post.objects.visible_to(viewer)
        .filter(author=member, anonymous=False, status=Post.Status.VISIBLE)
        .select_related("thread")
        .order_by("-created_at", "-id")
    )
