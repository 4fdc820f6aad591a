"""Reads shaped for each page: a fixed number of queries whatever the length."""

from django.db.models import Count, Max, Q, QuerySet

from .models import Category, Post, Reaction, Thread


def home_categories() -> QuerySet[Category]:
    """Categories with their thread count and last activity, in one query."""
    listed = Q(threads__public=True)
    return Category.objects.annotate(
        thread_count=Count("threads", filter=listed, distinct=True),
        last_activity_at=Max("threads__last_activity_at", filter=listed),
    ).order_by("position", "name")


def category_threads(category: Category) -> QuerySet[Thread]:
    """A category's threads: pinned first, then the most recently active."""
    return (
        Thread.objects.filter(category=category, public=True)
        .select_related("author", "last_post", "last_post__author")
        .order_by("-pinned", "-last_activity_at", "-id")
    )


def _visible_to(viewer) -> Q:
    shown = Q(status__in=[Post.Status.VISIBLE, Post.Status.REMOVED])
    if viewer is not None and viewer.is_authenticated:
        if viewer.is_moderator:
            return Q()
        # People see their own posts that are waiting for review.
        shown |= Q(status=Post.Status.PENDING, author_id=viewer.pk)
    return shown


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
        Post.objects.filter(thread=thread)
        .filter(_visible_to(viewer))
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
        Post.objects.filter(thread_id=post.thread_id)
        .filter(_visible_to(viewer))
        .filter(Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, id__lt=post.id))
        .count()
    )


def member_posts(member) -> QuerySet[Post]:
    """A member's public posts for their profile: never anonymous ones."""
    return (
        Post.objects.filter(author=member, anonymous=False, status=Post.Status.VISIBLE)
        .select_related("thread")
        .order_by("-created_at", "-id")
    )
