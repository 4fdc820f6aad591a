"""Every change to threads and posts happens here, and only here.

Views, the seed command and (later) the live socket all call these functions,
so validation and side effects live in one place. Each raises
`django.core.exceptions.ValidationError` with a message a person can act on,
keyed by the form field it is about.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Category, Post, Revision, Thread
from .rendering import render_markdown


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Please give your thread a title.")})
    limit = settings.FORUM_TITLE_MAX_LENGTH
    if len(title) > limit:
        raise ValidationError(
            {
                "title": _(
                    "Titles can be up to %(limit)d characters; this one is %(length)d. "
                    "Please shorten it."
                )
                % {"limit": limit, "length": len(title)}
            }
        )
    return title


def _clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError({"body": _("Please write something before posting.")})
    limit = settings.FORUM_POST_MAX_LENGTH
    if len(body) > limit:
        raise ValidationError(
            {
                "body": _(
                    "Posts can be up to %(limit)d characters; this one is %(length)d. "
                    "You could split it into two posts."
                )
                % {"limit": limit, "length": len(body)}
            }
        )
    return body


def _require_member(user) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Please sign in to post."))
    if not user.is_active:
        raise PermissionDenied(_("This account cannot post at the moment."))


def can_start_thread(user, category: Category) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if category.who_can_start == Category.StartPolicy.PRACTITIONERS:
        return user.is_verified_practitioner or user.is_moderator
    return True


def can_reply(user, thread: Thread) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return not thread.locked or user.is_moderator


def can_edit_post(user, post: Post) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and post.author_id == user.pk
        and post.status != Post.Status.REMOVED
    )


@transaction.atomic
def create_thread(*, category: Category, author, title: str, body: str, anonymous: bool = False):
    """Start a thread in `category` with its opening post. Returns the thread."""
    _require_member(author)
    if not can_start_thread(author, category):
        raise PermissionDenied(
            _("In this category, threads are started by verified practitioners. You can reply.")
        )
    errors = {}
    try:
        title = _clean_title(title)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        body = _clean_body(body)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    thread = Thread.objects.create(
        category=category,
        title=title,
        author=author,
        anonymous=anonymous,
        created_at=now,
        last_activity_at=now,
    )
    post = Post.objects.create(
        thread=thread,
        author=author,
        anonymous=anonymous,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
    )
    thread.last_post = post
    thread.save(update_fields=["last_post"])
    return thread


@transaction.atomic
def create_post(*, thread: Thread, author, body: str, anonymous: bool = False) -> Post:
    """Reply to `thread`. Returns the new post."""
    _require_member(author)
    body = _clean_body(body)
    # Lock the thread row so the reply count and "last post" stay consistent
    # when replies arrive at the same moment.
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not can_reply(author, thread):
        raise PermissionDenied(_("This thread is closed to new replies."))
    now = timezone.now()
    post = Post.objects.create(
        thread=thread,
        author=author,
        anonymous=anonymous,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=now, last_post=post
    )
    return post


@transaction.atomic
def edit_post(*, post: Post, editor, body: str, title: str | None = None) -> Post:
    """Change a post's text, keeping the previous text as a revision.

    `title` renames the thread too, when the post is the thread's opening post.
    """
    if not can_edit_post(editor, post):
        raise PermissionDenied(_("Only the author can edit this post."))
    body = _clean_body(body)
    thread = post.thread
    is_opening = is_opening_post(post)
    new_title = _clean_title(title) if (title is not None and is_opening) else None
    if body == post.body and (new_title is None or new_title == thread.title):
        return post
    if body != post.body:
        Revision.objects.create(post=post, body=post.body, editor=editor)
        post.body = body
        post.body_html = render_markdown(body)
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "body_html", "edited_at"])
    if new_title is not None and new_title != thread.title:
        thread.title = new_title
        thread.save(update_fields=["title"])
    return post


@transaction.atomic
def remove_post_by_author(*, post: Post, user) -> Post:
    """The author takes their post down. A placeholder stays so replies keep context."""
    if not can_edit_post(user, post):
        raise PermissionDenied(_("Only the author can remove this post."))
    was_reply = post.status == Post.Status.VISIBLE and not is_opening_post(post)
    post.status = Post.Status.REMOVED
    post.removed_by = Post.RemovedBy.AUTHOR
    post.save(update_fields=["status", "removed_by"])
    if was_reply:
        Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
            reply_count=F("reply_count") - 1
        )
    return post


def is_opening_post(post: Post) -> bool:
    first_id = (
        Post.objects.filter(thread_id=post.thread_id)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
        .first()
    )
    return first_id == post.pk
