"""Reads shaped for each page: a fixed number of queries whatever the length."""

from django.db.models import Count, Max, Q, QuerySet

from accounts.models import Mute

from .models import Category, Post, Reaction, Thread


def home_categories() -> QuerySet[Category]:
    """Categories with their thread count and last activity, in one query."""
    listed = Q(threads__public=True)
    return Category.objects.annotate(
        thread_count=Count("threads", filter=listed, distinct=True),
        last_activity_at=Max("threads__last_activity_at", filter=listed),
    ).order_by("position", "name")


def category_threads(category: Category, viewer=None) -> QuerySet[Thread]:
    """A category's listed threads: pinned first, then the most recently active.

    Threads that members `viewer` muted started (signed) leave their list;
    anonymous ones stay, as a mute must not tell who wrote them.
    """
    muted = Mute.objects.muted_by(viewer)
    threads = Thread.objects.visible_to(None)
    if muted:
        threads = threads.exclude(author_id__in=muted, anonymous=False)
    return (
        threads.filter(category=category)
        .select_related("author", "last_post", "last_post__author")
        .order_by("-pinned", "-last_activity_at", "-id")
    )


def with_reaction_counts(posts: QuerySet[Post]) -> QuerySet[Post]:
    """Each post with a count per reaction kind, in the same query."""
    return posts.annotate(
        **{
            f"reactions_{kind}": Count("reactions", filter=Q(reactions__kind=kind))
            for kind in Reaction.Kind.values
        }
    )


def thread_posts(thread: Thread, viewer) -> QuerySet[Post]:
    """The posts of a thread this viewer may see, oldest first."""
    return with_reaction_counts(
        Post.objects.visible_to(viewer)
        .filter(thread=thread)
        .select_related("author")
        .order_by("created_at", "id")
    )


def my_reactions(viewer, posts) -> set[tuple[int, str]]:
    """(post id, kind) for this viewer's reactions among `posts`, in one query."""
    if viewer is None or not viewer.is_authenticated:
        return set()
    return set(
        Reaction.objects.filter(member=viewer, post__in=[p.pk for p in posts]).values_list(
            "post_id", "kind"
        )
    )


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
