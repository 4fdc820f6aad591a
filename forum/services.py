"""Every change to threads and posts happens here, and only here.

Views, the seed command and (later) the live socket all call these functions,
so validation, the language policy and side effects live in one place. Each
raises `django.core.exceptions.ValidationError` with a message a person can
act on, keyed by the form field it is about, or `PermissionDenied`.

Posts that are created or edited carry the language policy's decision as
`post.screening` (not stored), so the caller can tell the author what was
found without analysing the text again.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from accounts.permissions import require_moderator
from moderation import services as moderation

from . import clock, following, live
from .models import Category, Post, Revision, Thread
from .rendering import render_markdown

# Statuses everyone can see (a removed post shows as a short note).
PUBLIC_STATUSES = (Post.Status.VISIBLE, Post.Status.REMOVED)


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
    if user.is_suspended(clock.now()):
        raise PermissionDenied(
            _(
                "Your account is paused until %(until)s. You can still read everything; "
                "posting opens again then."
            )
            # A format that cannot end in a full stop ("2 p.m.") before the sentence's own.
            % {"until": date_format(localtime(user.suspended_until), "j F Y, H:i")}
        )


def can_start_thread(user, category: Category) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if category.who_can_start == Category.StartPolicy.PRACTITIONERS:
        return user.is_verified_practitioner or user.is_moderator
    return True


def can_reply(user, thread: Thread) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_suspended(clock.now()):
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


def can_see_thread(user, thread: Thread) -> bool:
    if thread.public:
        return True
    if user is None or not user.is_authenticated:
        return False
    return user.is_moderator or thread.author_id == user.pk


def is_opening_post(post: Post) -> bool:
    if not post.thread.opens_with_post:
        return False
    first_id = (
        Post.objects.filter(thread_id=post.thread_id)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
        .first()
    )
    return first_id == post.pk


def refresh_thread(thread_id: int) -> None:
    """Recount a thread's replies, last post and visibility after a post changes status."""
    thread = Thread.objects.get(pk=thread_id)
    posts = Post.objects.filter(thread_id=thread_id).order_by("created_at", "id")
    visible = posts.filter(status=Post.Status.VISIBLE)
    if not thread.opens_with_post:
        # A prompt's thread: every visible post is an answer.
        Thread.objects.filter(pk=thread_id).update(
            reply_count=visible.count(), last_post=visible.last()
        )
        return
    opening = posts.only("status").first()
    last = visible.exclude(pk=opening.pk).last() if opening else None
    Thread.objects.filter(pk=thread_id).update(
        reply_count=visible.exclude(pk=opening.pk).count() if opening else 0,
        last_post=last or (opening if opening and opening.status == Post.Status.VISIBLE else None),
        public=bool(opening) and opening.status in PUBLIC_STATUSES,
    )


def _clean_warnings(keys) -> list[str]:
    from .models import CONTENT_WARNINGS

    known = [key for key, _label in CONTENT_WARNINGS]
    keys = list(keys or [])
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise ValidationError({"content_warnings": _("Please choose warnings from the list.")})
    return [key for key in known if key in keys]


def _screen(*texts: str):
    return moderation.screen("\n\n".join(texts))


@transaction.atomic
def create_thread(
    *,
    category: Category,
    author,
    title: str,
    body: str,
    anonymous: bool = False,
    content_warnings=(),
):
    """Start a thread in `category` with its opening post. Returns the thread.

    A slur in the title or the text holds the whole thread for review; the
    thread's opening post (`thread.opening_post`) carries the decision.
    """
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

    title = moderation.apply_replacements(title)
    body = moderation.apply_replacements(body)
    warnings = _clean_warnings(content_warnings)
    decision = _screen(title, body)
    now = clock.now()
    thread = Thread.objects.create(
        category=category,
        title=title,
        author=author,
        anonymous=anonymous,
        content_warnings=warnings,
        public=not decision.hold,
        created_at=now,
        last_activity_at=now,
    )
    post = Post.objects.create(
        thread=thread,
        author=author,
        anonymous=anonymous,
        body=body,
        body_html=render_markdown(body),
        status=Post.Status.PENDING if decision.hold else Post.Status.VISIBLE,
        at_risk=moderation.is_at_risk(f"{title}\n{body}"),
        content_warnings=warnings,
        created_at=now,
    )
    moderation.flag_automatically(post=post, decision=decision)
    if post.at_risk:
        moderation.flag_at_risk(post=post)
    following.follow(member=author, thread=thread)
    if not decision.hold:
        thread.last_post = post
        thread.save(update_fields=["last_post"])
        live.thread_activity(thread)
        following.tell_about(post)
    live.post_changed(post, "new")
    post.screening = decision
    thread.opening_post = post
    return thread


@transaction.atomic
def create_post(
    *, thread: Thread, author, body: str, anonymous: bool = False, content_warnings=()
) -> Post:
    """Reply to `thread`. Returns the new post, held for review if the policy says so."""
    _require_member(author)
    body = moderation.apply_replacements(_clean_body(body))
    warnings = _clean_warnings(content_warnings)
    # Lock the thread row so the reply count and "last post" stay consistent
    # when replies arrive at the same moment.
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not can_reply(author, thread) or not can_see_thread(author, thread):
        raise PermissionDenied(_("This thread is closed to new replies."))
    decision = _screen(body)
    now = clock.now()
    post = Post.objects.create(
        thread=thread,
        author=author,
        anonymous=anonymous,
        body=body,
        body_html=render_markdown(body),
        status=Post.Status.PENDING if decision.hold else Post.Status.VISIBLE,
        at_risk=moderation.is_at_risk(body),
        content_warnings=warnings,
        created_at=now,
    )
    moderation.flag_automatically(post=post, decision=decision)
    if post.at_risk:
        moderation.flag_at_risk(post=post)
    # Readers of the thread first; then the home and category pages.
    live.post_changed(post, "new")
    following.follow(member=author, thread=thread)
    if not decision.hold:
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=now, last_post=post
        )
        live.thread_activity(thread)
        following.tell_about(post)
    post.screening = decision
    return post


@transaction.atomic
def edit_post(*, post: Post, editor, body: str, title: str | None = None) -> Post:
    """Change a post's text, keeping the previous text as a revision.

    `title` renames the thread too, when the post is the thread's opening post.
    The new words are screened like a new post: a post held for a slur is
    published once the author changes those words, and a visible post that
    gains a slur waits for review.
    """
    if not can_edit_post(editor, post):
        raise PermissionDenied(_("Only the author can edit this post."))
    body = moderation.apply_replacements(_clean_body(body))
    thread = post.thread
    is_opening = is_opening_post(post)
    new_title = _clean_title(title) if (title is not None and is_opening) else None
    title_changed = new_title is not None and new_title != thread.title
    decision = _screen(new_title or thread.title, body) if is_opening else _screen(body)
    post.screening = decision
    if body == post.body and not title_changed:
        return post

    if body != post.body:
        Revision.objects.create(post=post, body=post.body, editor=editor)
        post.body = body
        post.body_html = render_markdown(body)
        post.edited_at = clock.now()
    if title_changed:
        thread.title = new_title
        thread.save(update_fields=["title"])

    post.at_risk = moderation.is_at_risk(body)
    status_before = post.status
    if decision.hold and post.status == Post.Status.VISIBLE:
        post.status = Post.Status.PENDING
    elif not decision.hold and post.status == Post.Status.PENDING:
        post.status = Post.Status.VISIBLE
    post.save(update_fields=["body", "body_html", "edited_at", "status", "at_risk"])

    moderation.resolve_automatic_flags(
        post=post, note="The author edited the post; it was screened again."
    )
    moderation.flag_automatically(post=post, decision=decision)
    if post.at_risk:
        moderation.flag_at_risk(post=post)
    if post.status != status_before:
        refresh_thread(thread.pk)
        live.thread_activity(thread)
        if post.status == Post.Status.VISIBLE:
            following.tell_about(post)
    live.post_changed(post, "edited")
    return post


@transaction.atomic
def remove_post_by_author(*, post: Post, user) -> Post:
    """The author takes their post down. A placeholder stays so replies keep context."""
    if not can_edit_post(user, post):
        raise PermissionDenied(_("Only the author can remove this post."))
    post.status = Post.Status.REMOVED
    post.removed_by = Post.RemovedBy.AUTHOR
    post.save(update_fields=["status", "removed_by"])
    refresh_thread(post.thread_id)
    live.post_changed(post, "removed")
    live.thread_activity(post.thread)
    return post


# -- moderators' changes of a post's status -------------------------------------
# The review queue and reasons come with the moderation work; these are the
# single place a post's visibility changes. Each writes a row of the audit log,
# and readers see the change live.


def _set_status(post: Post, status: str, kind: str, *, by, action: str, **fields) -> Post:
    moderation.record(actor=by, action=action, post=post, member=post.author)
    post.status = status
    for name, value in fields.items():
        setattr(post, name, value)
    post.save(update_fields=["status", *fields])
    refresh_thread(post.thread_id)
    live.post_changed(post, kind)
    live.thread_activity(post.thread)
    return post


@transaction.atomic
def approve_post(*, post: Post, by) -> Post:
    """Publish a post that was held for review."""
    require_moderator(by)
    if post.status != Post.Status.PENDING:
        return post
    moderation.resolve_automatic_flags(post=post, note="Approved by a moderator.")
    post = _set_status(post, Post.Status.VISIBLE, "new", by=by, action="approve")
    following.tell_about(post)
    return post


@transaction.atomic
def hide_post(*, post: Post, by) -> Post:
    """Take a post out of view; it can be restored."""
    require_moderator(by)
    if post.status != Post.Status.VISIBLE:
        return post
    return _set_status(post, Post.Status.HIDDEN, "hidden", by=by, action="hide")


@transaction.atomic
def restore_post(*, post: Post, by) -> Post:
    require_moderator(by)
    if post.status != Post.Status.HIDDEN:
        return post
    return _set_status(post, Post.Status.VISIBLE, "restored", by=by, action="restore")


@transaction.atomic
def remove_post_by_moderator(*, post: Post, by) -> Post:
    require_moderator(by)
    if post.status == Post.Status.REMOVED:
        return post
    return _set_status(
        post,
        Post.Status.REMOVED,
        "removed",
        by=by,
        action="remove",
        removed_by=Post.RemovedBy.MODERATOR,
    )


@transaction.atomic
def moderator_edit_post(*, post: Post, by, body: str, reason: str) -> Post:
    """A moderator changes a post's words, keeping the old text as a revision."""
    require_moderator(by)
    body = _clean_body(body)
    if body == post.body:
        return post
    Revision.objects.create(post=post, body=post.body, editor=by, reason=reason)
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = clock.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    live.post_changed(post, "edited")
    return post


@transaction.atomic
def toggle_reaction(*, post: Post, member, kind: str) -> bool:
    """Add `member`'s reaction of `kind` to `post`, or take it back. True when added."""
    from .models import Reaction

    _require_member(member)
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("That is not one of the reactions here."))
    if post.status != Post.Status.VISIBLE:
        raise PermissionDenied(_("You can only react to posts that are up."))
    taken_back, _count = Reaction.objects.filter(post=post, member=member, kind=kind).delete()
    if not taken_back:
        Reaction.objects.create(post=post, member=member, kind=kind)
    live.post_changed(post, "edited")
    return not taken_back
