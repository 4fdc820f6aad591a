"""Categories, threads, posts and their revisions.

Models hold data and small derived facts. Every change goes through
`forum.services`; every page read goes through `forum.selectors`.

What exists for a viewer is decided here, once: `Thread.objects.visible_to()`
and `Post.objects.visible_to()` (with `is_visible_to()` beside each for an
object already in hand). Every surface (pages, permalinks, flags, reactions,
search, notifications, exports, live frames and resume) reads through them,
and anything they leave out answers exactly as if it did not exist.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.addresses import address

# Labels an author can fold their words behind, so readers choose when to read.
CONTENT_WARNINGS = [
    ("overdose", _("Overdose")),
    ("grief", _("Death and grief")),
    ("self_harm", _("Self-harm or suicide")),
    ("violence", _("Violence or abuse")),
    ("injecting", _("Injecting and injuries")),
    ("relapse", _("Relapse")),
]


def warning_labels(keys) -> list[str]:
    labels = dict(CONTENT_WARNINGS)
    return [str(labels[key]) for key in keys if key in labels]


class Category(models.Model):
    class StartPolicy(models.TextChoices):
        EVERYONE = "everyone", _("Every member")
        PRACTITIONERS = "practitioners", _("Verified practitioners")

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    who_can_start = models.CharField(
        _("who may start threads"),
        max_length=20,
        choices=StartPolicy.choices,
        default=StartPolicy.EVERYONE,
        help_text=_("Everyone may still read and reply."),
    )
    # Listed threads and their latest activity, kept here by forum.services so
    # the home page and a visitor's category page need no count of their own.
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", kwargs={"slug": self.slug})


def _is_member(viewer) -> bool:
    return viewer is not None and viewer.is_authenticated and viewer.is_active


def _is_moderator(viewer) -> bool:
    return _is_member(viewer) and viewer.is_moderator


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, viewer) -> "ThreadQuerySet":
        """Threads that exist for `viewer`: listed ones, plus their own unlisted
        ones (an opening post waiting for review); moderators see every thread."""
        if _is_moderator(viewer):
            return self.all()
        if _is_member(viewer):
            return self.filter(models.Q(public=True) | models.Q(author_id=viewer.pk))
        return self.filter(public=True)


class Thread(models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    # Kept when an account is deleted, so the conversation keeps its shape.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    content_warnings = models.JSONField(default=list, blank=True)
    # Prompt threads have no opening post: every post in them is an answer.
    opens_with_post = models.BooleanField(default=True, editable=False)
    # False while the opening post waits for review (or is hidden): the thread
    # is then left out of listings and shown only to its author and moderators.
    public = models.BooleanField(_("public"), default=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A locked thread takes no new replies.")
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    # Replies that readers can see (the opening post is not a reply).
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    # Posts every reader is shown, removed ones' notes included: a visitor's
    # page count, kept here so reading a thread needs no count of its own.
    shown_posts = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Counts every change to the thread's posts (new, edited, hidden, reacted to...):
    # a reader who was away asks for what changed after the number they last saw.
    change_seq = models.PositiveBigIntegerField(default=0, editable=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-last_activity_at", "-id"]
        indexes = [
            models.Index(
                fields=["category", "-pinned", "-last_activity_at", "-id"],
                name="forum_thread_listing",
            ),
            # The home page's "Latest": listed threads across every category (nearly
            # all are listed, so walking this order and skipping the rest is quick;
            # SQLite cannot seek on a bare boolean).
            models.Index(fields=["-last_activity_at", "-id"], name="forum_thread_latest"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("forum:thread", self.pk)

    @property
    def warning_labels(self) -> list[str]:
        return warning_labels(self.content_warnings)

    def is_visible_to(self, viewer) -> bool:
        """The same rule as `Thread.objects.visible_to`, for a thread in hand."""
        if self.public or _is_moderator(viewer):
            return True
        return _is_member(viewer) and self.author_id == viewer.pk


class PostQuerySet(models.QuerySet):
    def visible_to(self, viewer) -> "PostQuerySet":
        """Posts that exist for `viewer`.

        Everyone: visible posts and the notes left by removed ones ("removed by
        its author"; never their words), in threads that exist for them. A
        member also sees their own posts waiting for review. Moderators see
        everything. Held, hidden and removed words reach nobody else.
        """
        if _is_moderator(viewer):
            return self.all()
        shown = models.Q(status__in=PUBLIC_STATUSES)
        if _is_member(viewer):
            shown |= models.Q(status=Post.Status.PENDING, author_id=viewer.pk)
            thread = models.Q(thread__public=True) | models.Q(thread__author_id=viewer.pk)
        else:
            thread = models.Q(thread__public=True)
        return self.filter(shown & thread)


class Post(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        PENDING = "pending", _("Waiting for review")
        HIDDEN = "hidden", _("Hidden by a moderator")
        REMOVED = "removed", _("Removed")

    class RemovedBy(models.TextChoices):
        AUTHOR = "author", _("its author")
        MODERATOR = "moderator", _("a moderator")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    # The post this one answers ("in reply to ..."), in the same thread; see forum.replies.
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("text"))
    # Rendered once on save and on edit, never per view.
    body_html = models.TextField(editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE
    )
    removed_by = models.CharField(max_length=10, choices=RemovedBy.choices, blank=True)
    content_warnings = models.JSONField(default=list, blank=True)

    class Risk(models.TextChoices):
        NONE = "", _("No sign of danger")
        OVERDOSE = "overdose", _("An overdose or poisoning now")
        SUICIDE = "suicide", _("Thoughts of ending their life")

    # The words suggest someone may be in danger now: the page shows the help
    # for that kind of danger (see moderation.risk).
    risk_kind = models.CharField(max_length=10, choices=Risk.choices, blank=True, default="")
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    # How many of each reaction it has, kept with the post (forum.services writes
    # them with the reactions), so a page reads them with the posts.
    reactions_thanks = models.PositiveIntegerField(default=0, editable=False)
    reactions_hear = models.PositiveIntegerField(default=0, editable=False)
    reactions_helped = models.PositiveIntegerField(default=0, editable=False)
    # The thread's change number when this post last changed (see Thread.change_seq).
    seq = models.PositiveBigIntegerField(default=0, editable=False)
    # Whether visitors could ever read it: a post that was never public is never
    # mentioned to them, not even as "gone".
    was_public = models.BooleanField(default=False, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["thread", "created_at", "id"], name="forum_post_thread_order"),
        ]

    def __str__(self):
        return f"Post {self.pk} in thread {self.thread_id}"

    def get_absolute_url(self):
        return address("forum:post", self.pk)

    @property
    def is_removed(self) -> bool:
        return self.status == self.Status.REMOVED

    @property
    def at_risk(self) -> bool:
        return bool(self.risk_kind)

    def is_visible_to(self, viewer) -> bool:
        """The same rule as `Post.objects.visible_to`, for a post in hand (its
        thread is read too)."""
        if _is_moderator(viewer):
            return True
        if not self.thread.is_visible_to(viewer):
            return False
        if self.status in PUBLIC_STATUSES:
            return True
        return (
            self.status == self.Status.PENDING
            and _is_member(viewer)
            and self.author_id == viewer.pk
        )

    @property
    def warning_labels(self) -> list[str]:
        return warning_labels(self.content_warnings)


# Statuses that exist for everyone (a removed post shows as a short note only).
PUBLIC_STATUSES = (Post.Status.VISIBLE, Post.Status.REMOVED)


class Revision(models.Model):
    """The text of a post before one edit. Kept so every change can be seen."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Revision of post {self.post_id} from {self.created_at:%Y-%m-%d %H:%M}"


class Prompt(models.Model):
    """A question the community answers together, in a thread of its own.

    Which prompt is featured is derived from the schedule: the latest one
    whose start has passed and whose end has not; with none, the latest one
    that started stays featured. "Feature now" sets the start to now.
    """

    question = models.CharField(_("question"), max_length=200)
    framing = models.TextField(
        _("framing"), help_text=_("Why we ask, in a few plain and kind words.")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="prompts", verbose_name=_("category")
    )
    starts_at = models.DateTimeField(_("featured from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("featured until"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    thread = models.OneToOneField(
        Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="prompt"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["starts_at"], name="forum_prompt_starts")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("forum:prompt", kwargs={"pk": self.pk})


class PromptSuggestion(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prompt_suggestions",
    )
    question = models.CharField(_("question"), max_length=200)
    framing = models.TextField(_("why ask it"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    prompt = models.ForeignKey(
        Prompt, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.question


class Reaction(models.Model):
    """A small supportive reaction. Counted, never ranked; who reacted is never shown."""

    class Kind(models.TextChoices):
        THANKS = "thanks", _("Thank you")
        HEAR = "hear", _("Hear you")
        HELPED = "helped", _("This helped")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member", "kind"], name="one_reaction_each")
        ]

    def __str__(self):
        return f"{self.kind} on post {self.post_id}"


# Models of this app kept in modules of their own, imported here so Django
# finds them with the rest: following, drafts, how far each member has read.
from .draft_models import Draft  # noqa: E402, F401
from .follow_models import Follow  # noqa: E402, F401
from .read_positions import ReadPosition  # noqa: E402, F401
