"""Every change members make to threads and posts happens here, and only here.

Views, the socket consumer and the seed command all call these functions, so
validation, screening and side effects live in one place. Each raises
`django.core.exceptions.ValidationError` with a message a person can act on,
keyed by the form field it is about, or `PermissionDenied`.

Posting reads downwards only: screening (`moderation.screening`), the review
queue (`moderation.queue`), broadcasting (`forum.live`) and notifications
(`forum.following`). Moderators' changes of a post's status are in
`forum.review`, called by `moderation.actions`.

Posts that are created or edited carry the language policy's decision as
`post.screening` (not stored), so the caller can tell the author what was
found without analysing the text again.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils.translation import gettext as _

from moderation import queue, screening

from . import clock, drafts, following, limits, live, permissions, replies
from .cleaning import clean_body, clean_title, clean_warnings
from .models import PUBLIC_STATUSES, Category, Post, Reaction, Revision, Thread
from .rendering import render_markdown


def _require_poster(user) -> None:
    if not permissions.can_post(user):
        raise PermissionDenied(permissions.why_cannot_post(user))


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


def refresh_category(category_id: int) -> None:
    """Count a category's listed threads and their latest activity again."""
    listed = Thread.objects.visible_to(None).filter(category_id=category_id)
    facts = listed.aggregate(n=Count("id"), last=Max("last_activity_at"))
    Category.objects.filter(pk=category_id).update(
        thread_count=facts["n"], last_activity_at=facts["last"]
    )


def refresh_thread(thread_id: int) -> None:
    """Recount a thread's replies, last post and visibility after a post changes status."""
    thread = Thread.objects.get(pk=thread_id)
    posts = Post.objects.filter(thread_id=thread_id).order_by("created_at", "id")
    visible = posts.filter(status=Post.Status.VISIBLE)
    if not thread.opens_with_post:
        # A prompt's thread: every visible post is an answer.
        Thread.objects.filter(pk=thread_id).update(
            reply_count=visible.count(),
            last_post=visible.last(),
            shown_posts=posts.filter(status__in=PUBLIC_STATUSES).count(),
        )
        refresh_category(thread.category_id)
        return
    opening = posts.only("status").first()
    last = visible.exclude(pk=opening.pk).last() if opening else None
    public = bool(opening) and opening.status in PUBLIC_STATUSES
    Thread.objects.filter(pk=thread_id).update(
        shown_posts=posts.filter(status__in=PUBLIC_STATUSES).count(),
        reply_count=visible.exclude(pk=opening.pk).count() if opening else 0,
        last_post=last or (opening if opening and opening.status == Post.Status.VISIBLE else None),
        public=public,
    )
    if public != thread.public:
        # Readers' open sockets check again whether they may still read it.
        live.thread_visibility_changed(thread_id)
    refresh_category(thread.category_id)


def changed(post: Post, kind: str) -> None:
    """Every change readers should hear of goes through here: the thread's change
    number moves on (so a reader who was away catches up), and the change is
    announced after the commit.

    `kind` is "new", "edited", "hidden", "removed", "restored" or "reactions".
    """
    Thread.objects.filter(pk=post.thread_id).update(change_seq=F("change_seq") + 1)
    seq, post.thread.public = (
        Thread.objects.filter(pk=post.thread_id).values_list("change_seq", "public").get()
    )
    fields = {"seq": seq}
    if post.is_visible_to(None):
        fields["was_public"] = True
    Post.objects.filter(pk=post.pk).update(**fields)
    for name, value in fields.items():
        setattr(post, name, value)
    live.post_changed(post, kind)


def _assess_risk(post: Post, text: str) -> None:
    """Note what kind of help the page shows beside the post (not stored: the
    assessment itself, for the queue)."""
    post.risk = screening.assess_risk(text)
    post.risk_kind = post.risk.kind or ""


def _raise_flags(post: Post, decision) -> None:
    queue.flag_automatically(post=post, decision=decision)
    if post.at_risk:
        queue.flag_at_risk(post=post, assessment=post.risk)


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
    _require_poster(author)
    if not permissions.can_start_thread(author, category):
        raise PermissionDenied(
            _("In this category, threads are started by verified practitioners. You can reply.")
        )
    errors = {}
    try:
        title = clean_title(title)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        body = clean_body(body)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    limits.ensure_can_start_thread(author)

    title = screening.apply_replacements(title)
    body = screening.apply_replacements(body)
    warnings = clean_warnings(content_warnings)
    decision = screening.screen(f"{title}\n\n{body}", author=author)
    now = clock.now()
    thread = Thread.objects.create(
        category=category,
        title=title,
        author=author,
        anonymous=anonymous,
        content_warnings=warnings,
        public=not decision.hold,
        shown_posts=0 if decision.hold else 1,
        created_at=now,
        last_activity_at=now,
    )
    post = Post(
        thread=thread,
        author=author,
        anonymous=anonymous,
        body=body,
        body_html=render_markdown(body),
        status=Post.Status.PENDING if decision.hold else Post.Status.VISIBLE,
        content_warnings=warnings,
        created_at=now,
    )
    _assess_risk(post, f"{title}\n{body}")
    post.save()
    _raise_flags(post, decision)
    following.follow(member=author, thread=thread)
    drafts.discard_mine(author, drafts.category_key(category.slug))
    if not decision.hold:
        thread.last_post = post
        thread.save(update_fields=["last_post"])
        refresh_category(category.pk)
        live.thread_activity(thread)
        following.tell_about(post)
    changed(post, "new")
    post.screening = decision
    thread.opening_post = post
    return thread


@transaction.atomic
def create_post(
    *,
    thread: Thread,
    author,
    body: str,
    anonymous: bool = False,
    content_warnings=(),
    reply_to_id=None,
) -> Post:
    """Reply to `thread`. Returns the new post, held for review if the policy says so.

    `reply_to_id` names the post answered; one the author may not see is ignored.
    """
    _require_poster(author)
    body = screening.apply_replacements(clean_body(body))
    warnings = clean_warnings(content_warnings)
    limits.ensure_can_reply(author)
    # Lock the thread row so the reply count and "last post" stay consistent
    # when replies arrive at the same moment.
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not permissions.can_reply(author, thread):
        raise PermissionDenied(_("This thread is closed to new replies."))
    decision = screening.screen(body, author=author)
    now = clock.now()
    post = Post(
        thread=thread,
        author=author,
        anonymous=anonymous,
        reply_to=replies.target(author, thread, reply_to_id) if reply_to_id else None,
        body=body,
        body_html=render_markdown(body),
        status=Post.Status.PENDING if decision.hold else Post.Status.VISIBLE,
        content_warnings=warnings,
        created_at=now,
    )
    _assess_risk(post, body)
    post.save()
    _raise_flags(post, decision)
    # Readers of the thread first; then the home and category pages.
    changed(post, "new")
    following.follow(member=author, thread=thread)
    drafts.discard_mine(author, drafts.thread_key(thread.pk))
    if not decision.hold:
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1,
            shown_posts=F("shown_posts") + 1,
            last_activity_at=now,
            last_post=post,
        )
        if thread.public:
            Category.objects.filter(pk=thread.category_id).update(last_activity_at=now)
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
    if not permissions.can_edit_post(editor, post):
        raise PermissionDenied(_("Only the author can edit this post."))
    body = screening.apply_replacements(clean_body(body))
    limits.ensure_can_edit(editor)
    thread = post.thread
    is_opening = is_opening_post(post)
    new_title = clean_title(title) if (title is not None and is_opening) else None
    title_changed = new_title is not None and new_title != thread.title
    if is_opening:
        decision = screening.screen(f"{new_title or thread.title}\n\n{body}", author=editor)
    else:
        decision = screening.screen(body, author=editor)
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

    _assess_risk(post, body)
    status_before = post.status
    if decision.hold and post.status == Post.Status.VISIBLE:
        post.status = Post.Status.PENDING
    elif not decision.hold and post.status == Post.Status.PENDING:
        post.status = Post.Status.VISIBLE
    post.save(update_fields=["body", "body_html", "edited_at", "status", "risk_kind"])

    queue.resolve_automatic_flags(
        post=post, note="The author edited the post; it was screened again."
    )
    _raise_flags(post, decision)
    if post.status != status_before:
        refresh_thread(thread.pk)
        live.thread_activity(thread)
        if post.status == Post.Status.VISIBLE:
            following.tell_about(post)
    changed(post, "edited")
    return post


@transaction.atomic
def remove_post_by_author(*, post: Post, user) -> Post:
    """The author takes their post down. A placeholder stays so replies keep context."""
    if not permissions.can_edit_post(user, post):
        raise PermissionDenied(_("Only the author can remove this post."))
    post.status = Post.Status.REMOVED
    post.removed_by = Post.RemovedBy.AUTHOR
    post.save(update_fields=["status", "removed_by"])
    refresh_thread(post.thread_id)
    changed(post, "removed")
    live.thread_activity(post.thread)
    return post


@transaction.atomic
def remove_words_of(member) -> None:
    """Take away everything `member` wrote, for "remove my words".

    Posts keep their place as "removed by its author" notes, with no text;
    earlier versions go; threads they started keep their replies but not
    their title. The full-text index follows the rows (triggers on SQLite,
    expression indexes on PostgreSQL), so nothing lingers in search.
    """
    posts = Post.objects.filter(author=member)
    Revision.objects.filter(post__in=posts).delete()
    posts.update(
        status=Post.Status.REMOVED, removed_by=Post.RemovedBy.AUTHOR, body="", body_html=""
    )
    Thread.objects.filter(author=member, opens_with_post=True).update(
        title=_("A thread whose author removed their words")
    )


@transaction.atomic
def toggle_reaction(*, post: Post, member, kind: str) -> bool:
    """Add `member`'s reaction of `kind` to `post`, or take it back. True when added."""
    _require_poster(member)
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("That is not one of the reactions here."))
    if not permissions.can_react(member, post):
        raise PermissionDenied(_("You can only react to posts that are up."))
    taken_back, _count = Reaction.objects.filter(post=post, member=member, kind=kind).delete()
    if not taken_back:
        Reaction.objects.create(post=post, member=member, kind=kind)
    count = f"reactions_{kind}"
    Post.objects.filter(pk=post.pk).update(**{count: F(count) + (-1 if taken_back else 1)})
    post.refresh_from_db(fields=[count])
    changed(post, "reactions")
    return not taken_back


def recount_reactions(post_ids) -> None:
    """Count the reactions of these posts again (a member who reacted is leaving)."""
    counts = {
        (post_id, kind): n
        for post_id, kind, n in Reaction.objects.filter(post_id__in=post_ids)
        .values_list("post_id", "kind")
        .annotate(n=Count("id"))
    }
    for post_id in post_ids:
        Post.objects.filter(pk=post_id).update(
            **{f"reactions_{kind}": counts.get((post_id, kind), 0) for kind in Reaction.Kind.values}
        )
