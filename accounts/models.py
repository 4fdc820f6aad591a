"""The forum's people: a public handle, an optional email, a role.

Nothing here holds a real name, and nothing holds an IP address.
"""

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.addresses import address

from .skeleton import skeleton

handle_validator = RegexValidator(
    regex=r"^[A-Za-z0-9_.-]+\Z",
    message=_("A handle may use letters, numbers, dots, dashes and underscores, without spaces."),
)


class HandleUserManager(UserManager):
    """The stock manager, keyed by handle instead of username."""

    def _create_user(self, handle, email, password, **extra_fields):
        if not handle:
            raise ValueError("A handle is required.")

        email = self.normalize_email(email) if email else ""
        # createsuperuser and scripts come through here: the skeleton is set
        # with the handle, as the sign-up and rename services set it.
        user = self.model(
            handle=handle, handle_skeleton=skeleton(handle), email=email, **extra_fields
        )
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, handle, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(handle, email, password, **extra_fields)

    def create_superuser(self, handle, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", User.Role.MODERATOR)
        return self._create_user(handle, email, password, **extra_fields)

    def get_by_natural_key(self, handle):
        # Handles are unique whatever their case, so sign-in ignores case too.
        return self.get(handle__iexact=handle)


class User(AbstractBaseUser, PermissionsMixin):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        PRACTITIONER = "practitioner", _("Practitioner")
        MODERATOR = "moderator", _("Moderator")

    class Theme(models.TextChoices):
        SYSTEM = "system", _("The same as my device")
        LIGHT = "light", _("Light")
        DARK = "dark", _("Dark")

    handle = models.CharField(
        _("handle"),
        max_length=30,
        unique=True,
        validators=[handle_validator],
        help_text=_("Your public name here. It does not need to be your real name."),
    )
    # The handle's confusable skeleton (accounts.handles): unique, so a handle that
    # passes for another member's is refused with one indexed query. NULL, not
    # "", only for rows that clashed when the column was added: unique allows
    # many NULLs but one "" (hence the DJ001 exception).
    handle_skeleton = models.CharField(  # noqa: DJ001
        max_length=60, unique=True, null=True, editable=False
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("Optional. Only used to help you back into your account."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    lived_experience = models.BooleanField(
        _("show a lived experience badge"),
        default=False,
        help_text=_("Optional and self-declared. Never required."),
    )
    anonymous_by_default = models.BooleanField(
        _("post anonymously by default"),
        default=False,
        help_text=_("New threads and replies start with “Post anonymously” ticked."),
    )
    # Rendered on <html> by templates/base.html, so it applies with no script and no flash.
    theme = models.CharField(
        _("colours"), max_length=10, choices=Theme.choices, default=Theme.SYSTEM
    )
    # Content warning labels this member always wants unfolded.
    unfold_warnings = models.JSONField(default=list, blank=True)
    # A suspended member can still read, but not post, react or flag.
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    # A banned member can still sign in to export their data and close their
    # account, and can post nothing.
    banned_at = models.DateTimeField(_("banned"), null=True, blank=True)
    # Set when a moderator lifts the new-member limits early.
    established_at = models.DateTimeField(_("trusted early"), null=True, blank=True)
    is_staff = models.BooleanField(_("can use the admin site"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = HandleUserManager()

    USERNAME_FIELD = "handle"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(Lower("handle"), name="accounts_user_handle_ci_unique"),
        ]

    def __str__(self):
        return self.handle

    def get_absolute_url(self):
        return address("accounts:profile", self.handle)

    @property
    def is_moderator(self) -> bool:
        return self.role == self.Role.MODERATOR or self.is_superuser

    def is_suspended(self, now=None) -> bool:
        if self.suspended_until is None:
            return False
        return self.suspended_until > (now or timezone.now())

    @property
    def is_verified_practitioner(self) -> bool:
        return self.role == self.Role.PRACTITIONER


class Notification(models.Model):
    """Something a member should know: kind words about what happened and why.

    A message (from the moderators, about the member's own account) keeps its
    words. A note about a post (a reply, a mention) keeps only which post: its
    words are made when the member reads it (`accounts.notifications.shown`),
    so a post hidden since, an author who is Anonymous, or a title its author
    removed never lingers in someone else's list.
    """

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Message")
        REPLY = "reply", _("Reply in a thread you follow")
        MENTION = "mention", _("Mention")

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MESSAGE)
    post = models.ForeignKey(
        "forum.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    read = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "read"], name="accounts_notification_unread")]

    def __str__(self):
        return self.text[:60]


class MuteQuerySet(models.QuerySet):
    def muted_by(self, member) -> set[int]:
        """The ids of the members `member` has muted (empty for visitors)."""
        if member is None or not member.is_authenticated:
            return set()
        return set(self.filter(member=member).values_list("muted_id", flat=True))

    def muting(self, author_id, member_ids) -> set[int]:
        """Which of `member_ids` have muted `author_id`."""
        return set(
            self.filter(muted_id=author_id, member_id__in=member_ids).values_list(
                "member_id", flat=True
            )
        )


class Mute(models.Model):
    """A member stops hearing from another: their signed posts fold, their
    threads leave lists, and they can't mention or notify the member. Posts
    signed "Anonymous" are never affected, or a mute would give away who wrote them.
    """

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mutes")
    muted = models.ForeignKey(User, on_delete=models.CASCADE, related_name="muted_by")
    created_at = models.DateTimeField(default=timezone.now)

    objects = MuteQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "muted"], name="mute_once")]

    def __str__(self):
        return f"{self.member_id} muted {self.muted_id}"


class PractitionerRequest(models.Model):
    """A member asks to be shown as a verified practitioner."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="practitioner_requests")
    role_title = models.CharField(_("your role"), max_length=120)
    organisation = models.CharField(_("organisation or service"), max_length=200)
    how = models.TextField(_("how you work with people who use drugs"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    reason = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.role_title} at {self.organisation}"


class RecoveryCode(models.Model):
    """One of a member's recovery codes, kept only as a keyed hash (see accounts.recovery).

    A way back in without email: each code sets a new password once.
    """

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    # HMAC-SHA256 of the code, keyed by the site's secret: the code itself is never stored.
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "digest"], name="recovery_code_once"),
        ]

    def __str__(self):
        return f"Recovery code {self.pk} of member {self.member_id}"
