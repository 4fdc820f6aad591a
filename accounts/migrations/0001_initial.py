# Folded initial migration (nothing was deployed before it).

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import accounts.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="PractitionerRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("role_title", models.CharField(max_length=120, verbose_name="your role")),
                (
                    "organisation",
                    models.CharField(max_length=200, verbose_name="organisation or service"),
                ),
                ("how", models.TextField(verbose_name="how you work with people who use drugs")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for a moderator"),
                            ("approved", "Approved"),
                            ("declined", "Declined"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("reason", models.CharField(blank=True, max_length=300)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="RecoveryCode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("digest", models.CharField(max_length=64)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("used_at", models.DateTimeField(blank=True, null=True)),
            ],
        ),
        migrations.CreateModel(
            name="User",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("password", models.CharField(max_length=128, verbose_name="password")),
                (
                    "last_login",
                    models.DateTimeField(blank=True, null=True, verbose_name="last login"),
                ),
                (
                    "is_superuser",
                    models.BooleanField(
                        default=False,
                        help_text="Designates that this user has all permissions without explicitly assigning them.",
                        verbose_name="superuser status",
                    ),
                ),
                (
                    "handle",
                    models.CharField(
                        help_text="Your public name here. It does not need to be your real name.",
                        max_length=30,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator(
                                message="A handle may use letters, numbers, dots, dashes and underscores, without spaces.",
                                regex="^[A-Za-z0-9_.-]+\\Z",
                            )
                        ],
                        verbose_name="handle",
                    ),
                ),
                (
                    "handle_skeleton",
                    models.CharField(editable=False, max_length=60, null=True, unique=True),
                ),
                (
                    "email",
                    models.EmailField(
                        blank=True,
                        help_text="Optional. Only used to help you back into your account.",
                        max_length=254,
                        verbose_name="email",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("member", "Member"),
                            ("practitioner", "Practitioner"),
                            ("moderator", "Moderator"),
                        ],
                        default="member",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                (
                    "lived_experience",
                    models.BooleanField(
                        default=False,
                        help_text="Optional and self-declared. Never required.",
                        verbose_name="show a lived experience badge",
                    ),
                ),
                (
                    "anonymous_by_default",
                    models.BooleanField(
                        default=False,
                        help_text="New threads and replies start with “Post anonymously” ticked.",
                        verbose_name="post anonymously by default",
                    ),
                ),
                (
                    "theme",
                    models.CharField(
                        choices=[
                            ("system", "The same as my device"),
                            ("light", "Light"),
                            ("dark", "Dark"),
                        ],
                        default="system",
                        max_length=10,
                        verbose_name="colours",
                    ),
                ),
                ("unfold_warnings", models.JSONField(blank=True, default=list)),
                (
                    "suspended_until",
                    models.DateTimeField(blank=True, null=True, verbose_name="suspended until"),
                ),
                ("banned_at", models.DateTimeField(blank=True, null=True, verbose_name="banned")),
                (
                    "established_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="trusted early"),
                ),
                (
                    "is_staff",
                    models.BooleanField(default=False, verbose_name="can use the admin site"),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "date_joined",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="joined"),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
                (
                    "user_permissions",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Specific permissions for this user.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.permission",
                        verbose_name="user permissions",
                    ),
                ),
            ],
            options={
                "verbose_name": "member",
                "verbose_name_plural": "members",
            },
            managers=[
                ("objects", accounts.models.HandleUserManager()),
            ],
        ),
        migrations.CreateModel(
            name="Mute",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mutes",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "muted",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="muted_by",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Notification",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("message", "Message"),
                            ("reply", "Reply in a thread you follow"),
                            ("mention", "Mention"),
                        ],
                        default="message",
                        max_length=10,
                    ),
                ),
                ("text", models.TextField(blank=True)),
                ("url", models.CharField(blank=True, max_length=300)),
                ("read", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
    ]
