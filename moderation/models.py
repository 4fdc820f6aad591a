"""Flags (a post brought to moderators' attention) and the audit log of what moderators do."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models import Revision


class Flag(models.Model):
    class Reason(models.TextChoices):
        STIGMA = "stigma", _("Stigmatising language")
        HARASSMENT = "harassment", _("Harassment or personal attack")
        DANGEROUS = "dangerous", _("Dangerous advice or misinformation")
        SELLING = "selling", _("Buying, selling or sourcing")
        AT_RISK = "at_risk", _("Someone may be at risk")
        COMMUNITY = "community", _("Hidden after flags from several members")
        NEW_MEMBER = "new_member", _("A link from a new member")
        SPAM = "spam", _("Spam")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="flags")
    # Empty for automatic flags raised by the language policy.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="flags_made",
    )
    automatic = models.BooleanField(default=False)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(blank=True)
    # For automatic flags: what the language engine found, as plain data.
    findings = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "created_at"], name="moderation_flag_queue")]

    def __str__(self):
        return f"{self.get_reason_display()} on post {self.post_id}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The moderation log is append-only.")

    def delete(self):
        raise PermissionDenied("The moderation log is append-only.")

    def with_words(self):
        """Each row with the post's words before and after it (`words_before`,
        `words_after`), read from the post's revisions in the same query."""
        later = Revision.objects.filter(
            post_id=OuterRef("revision__post_id"), pk__gt=OuterRef("revision_id")
        ).order_by("pk")
        return self.annotate(
            words_before=F("revision__body"),
            words_after=Coalesce(Subquery(later.values("body")[:1]), F("revision__post__body")),
        )


class ModerationAction(models.Model):
    """One row per thing a moderator did: who, what, to what, why, and the text
    before and after. Rows are written once and never changed or deleted."""

    class Action(models.TextChoices):
        REVEAL = "reveal", _("Looked at who wrote an anonymous post")
        REACHED_OUT = "reached_out", _("Reached out to someone who may be at risk")
        NOT_A_CRISIS = "not_a_crisis", _("Marked a post as not a crisis")
        APPROVE = "approve", _("Approved a held post")
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        REMOVE = "remove", _("Removed a post")
        DISMISS = "dismiss", _("Dismissed flags")
        APPLY_WORDING = "apply_wording", _("Applied suggested wording")
        EDIT = "edit", _("Edited a post")
        WARN = "warn", _("Warned a member")
        SUSPEND = "suspend", _("Suspended a member")
        LIFT = "lift", _("Lifted a suspension")
        BAN = "ban", _("Banned a member")
        UNBAN = "unban", _("Lifted a ban")
        TRUST = "trust", _("Lifted new-member limits")
        NOTE = "note", _("Added a note on a member")
        REMOVE_NOTE = "remove_note", _("Removed a note on a member")
        COMMUNITY_HIDE = "community_hide", _("A post was hidden after members' flags")
        VERIFY = "verify", _("Verified a practitioner")
        DECLINE_VERIFICATION = "decline_verification", _("Declined a practitioner request")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderation_actions",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    post = models.ForeignKey(
        "forum.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The member the action concerns, if any."),
    )
    reason = models.TextField(blank=True)
    # The log keeps what happened, not the words: an edit points at the
    # revision that holds the text before it, which goes when its author
    # removes their words (the row stays, saying an edit happened).
    revision = models.ForeignKey(
        "forum.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionDenied("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The moderation log is append-only.")

    def _words(self) -> tuple[str, str]:
        if self.revision_id is None:
            return "", ""
        row = type(self).objects.with_words().filter(pk=self.pk).first()
        return (row.words_before or "", row.words_after or "") if row else ("", "")

    @property
    def text_before(self) -> str:
        """The post's words before this action (while they are kept)."""
        return self._words()[0]

    @property
    def text_after(self) -> str:
        """The post's words just after this action (while they are kept)."""
        return self._words()[1]


class MemberNote(models.Model):
    """What moderators want each other to know about a member. Moderators only;
    each note and its removal are in the log (which keeps no copy of the words)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Note on member {self.member_id}"


class WatchedWord(models.Model):
    """A word or pattern moderators watch for, and what happens when it is used."""

    class Action(models.TextChoices):
        BLOCK = "block", _("Block: it cannot be posted")
        HOLD = "hold", _("Hold the post for review")
        FLAG = "flag", _("Publish, and flag for review")
        REPLACE = "replace", _("Replace it with other words")

    term = models.CharField(
        _("word or pattern"),
        max_length=100,
        help_text=_(
            "A word (its spellings with swapped letters or dots are caught too) or, "
            "if “pattern” is ticked, a regular expression."
        ),
    )
    is_pattern = models.BooleanField(_("pattern"), default=False)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    replacement = models.CharField(_("replace with"), max_length=100, blank=True)
    note = models.CharField(_("why"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term


class SupportPanel(models.Model):
    """What the support panel says, set for this deployment by moderators.

    Shown beside posts (and in the composer) that suggest someone is in danger.
    """

    emergency = models.TextField(
        _("emergency"),
        default=_(
            "If someone may be overdosing or is in danger, call your local emergency "
            "number now (999 in the UK, 911 in the US and Canada, 112 across Europe)."
        ),
    )
    overdose = models.TextField(
        _("in an opioid overdose"),
        default=_(
            "Shout their name and rub their breastbone. If they don't respond, call the "
            "emergency number. Give naloxone if you have it (spray in one nostril, or inject "
            "into the thigh); give a second dose after 2 to 3 minutes if there is no change. "
            "If they are breathing, put them in the recovery position (on their side, top "
            "knee bent, head tilted back) and stay with them. If they are not breathing, "
            "follow the call handler's instructions for rescue breaths and chest compressions."
        ),
    )
    helplines = models.TextField(
        _("crisis lines"),
        default=_(
            "Samaritans (UK and Ireland): call 116 123, free, any time. 988 Suicide & Crisis "
            "Lifeline (US): call or text 988. If you are in danger right now, call your "
            "emergency number."
        ),
    )
    talking = models.TextField(
        _("talking to someone now"),
        default=_(
            "You can tell us here too: people on this forum care, and a moderator will see "
            "your post. If you're worried about someone, ask them gently and directly whether "
            "they are thinking about suicide; asking doesn't put the idea in their head. "
            "Listen, stay with them if you can, and help them call a crisis line."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return "Support panel"

    @classmethod
    def current(cls) -> "SupportPanel":
        return cls.objects.order_by("pk").first() or cls()
