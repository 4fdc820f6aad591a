"""A post's edit history: when it changed, who changed it (as readers may know), and how."""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import history, permissions
from .identity import shown_author
from .models import Post

EDITS_PER_PAGE = 20


@dataclass(frozen=True)
class Edit:
    at: datetime
    by: str  # "author" or "moderator": never an account, see history.edited_by
    reason: str
    # None when the words before this edit are kept from this viewer.
    diff: SafeString | None


def _visible_post(viewer, pk: int) -> Post:
    """The post, if it exists for this viewer; otherwise a 404, as for a post that never was."""
    return get_object_or_404(
        Post.objects.visible_to(viewer).select_related("thread", "thread__category", "author"),
        pk=pk,
    )


def _latest_moderator_edit(post: Post) -> int:
    """The id of the newest revision a moderator made, or 0."""
    for revision_id, editor_id, reason in (
        post.revisions.order_by("-id").values_list("id", "editor_id", "reason").iterator()
    ):
        by = history.edited_by(editor_id=editor_id, author_id=post.author_id, reason=reason)
        if by == "moderator":
            return revision_id
    return 0


def _edits(post: Post, page, *, sees_everything: bool) -> list[Edit]:
    """The edits on this page, newest first, each as a diff of its before and after.

    A moderator's change may have taken words out for a reason (someone's
    name, a dealer's number): other readers see that it happened and why, not
    the words taken out, nor any version from before it. The author, who wrote
    those words, and moderators see everything.
    """
    revisions = list(page.object_list)
    if not revisions:
        return []
    if page.number == 1:
        newer = post.body
    else:
        # The text after this page's newest edit is the next newer revision's "before".
        newer = page.paginator.object_list[page.start_index() - 2].body
    hidden_before = 0 if sees_everything else _latest_moderator_edit(post)
    labels = {"removed_label": _("removed:"), "added_label": _("added:")}
    withheld = _("words taken out by a moderator")
    edits = []
    for revision in revisions:
        diff = None
        if revision.id >= hidden_before:
            shown = dict(labels, withheld_label=withheld if revision.id == hidden_before else "")
            # Escaped throughout by forum.history: only <ins>, <del>, <span>, <br> are added.
            diff = mark_safe(history.diff_html(revision.body, newer, **shown))  # noqa: S308
        edits.append(
            Edit(
                at=revision.created_at,
                by=history.edited_by(
                    editor_id=revision.editor_id, author_id=post.author_id, reason=revision.reason
                ),
                reason=revision.reason,
                diff=diff,
            )
        )
        newer = revision.body
    return edits


def post_history(request, pk):
    """Every change to a post's words, for everyone who can see the post."""
    viewer = request.user
    post = _visible_post(viewer, pk)
    moderator = permissions.is_moderator(viewer)
    if post.is_removed and not moderator:
        # A removed post's words are gone for readers, earlier versions too.
        raise Http404
    revisions = post.revisions.only("id", "post_id", "body", "editor_id", "reason", "created_at")
    page = Paginator(revisions.order_by("-id"), EDITS_PER_PAGE).get_page(request.GET.get("page"))
    unfold = set(getattr(viewer, "unfold_warnings", None) or [])
    sees_everything = moderator or (
        permissions.is_member(viewer) and post.author_id is not None and post.author_id == viewer.pk
    )
    author = shown_author(post)
    return render(
        request,
        "forum/history.html",
        {
            "post": post,
            "thread": post.thread,
            "category": post.thread.category,
            "page": page,
            "edits": _edits(post, page, sees_everything=sees_everything),
            # Edits are numbered from the first (1) to the newest, listed newest first.
            "first_number": page.paginator.count - page.start_index() + 1,
            # Edits by the author name them only as every surface does (never if anonymous).
            "author_name": "" if (author.anonymous or author.gone) else author.label,
            "unfolded": set(post.content_warnings) <= unfold,
        },
    )
