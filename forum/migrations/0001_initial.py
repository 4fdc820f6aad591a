# Folded initial migration (nothing was deployed before it).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE forum_post_fts USING fts5(body, content='forum_post', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER forum_post_fts_insert AFTER INSERT ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER forum_post_fts_delete AFTER DELETE ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(forum_post_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER forum_post_fts_update AFTER UPDATE OF body ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(forum_post_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO forum_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "INSERT INTO forum_post_fts(rowid, body) SELECT id, body FROM forum_post",
    "CREATE VIRTUAL TABLE forum_thread_fts USING fts5(title, content='forum_thread', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER forum_thread_fts_insert AFTER INSERT ON forum_thread BEGIN "
    "INSERT INTO forum_thread_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER forum_thread_fts_delete AFTER DELETE ON forum_thread BEGIN "
    "INSERT INTO forum_thread_fts(forum_thread_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER forum_thread_fts_update AFTER UPDATE OF title ON forum_thread BEGIN "
    "INSERT INTO forum_thread_fts(forum_thread_fts, rowid, title) VALUES ('delete', old.id, old.title); "
    "INSERT INTO forum_thread_fts(rowid, title) VALUES (new.id, new.title); END",
    "INSERT INTO forum_thread_fts(rowid, title) SELECT id, title FROM forum_thread",
]
SQLITE_UNDO = [
    "DROP TABLE IF EXISTS forum_post_fts",
    "DROP TABLE IF EXISTS forum_thread_fts",
]
POSTGRES = [
    "CREATE INDEX forum_post_search ON forum_post USING gin (to_tsvector('english', body))",
    "CREATE INDEX forum_thread_search ON forum_thread USING gin (to_tsvector('english', title))",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS forum_post_search",
    "DROP INDEX IF EXISTS forum_thread_search",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Category",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, unique=True, verbose_name="name")),
                ("slug", models.SlugField(max_length=80, unique=True, verbose_name="slug")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                (
                    "who_can_start",
                    models.CharField(
                        choices=[
                            ("everyone", "Every member"),
                            ("practitioners", "Verified practitioners"),
                        ],
                        default="everyone",
                        help_text="Everyone may still read and reply.",
                        max_length=20,
                        verbose_name="who may start threads",
                    ),
                ),
                ("thread_count", models.PositiveIntegerField(default=0, editable=False)),
                ("last_activity_at", models.DateTimeField(blank=True, editable=False, null=True)),
            ],
            options={
                "verbose_name": "category",
                "verbose_name_plural": "categories",
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="Post",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("anonymous", models.BooleanField(default=False, verbose_name="anonymous")),
                ("body", models.TextField(verbose_name="text")),
                ("body_html", models.TextField(editable=False)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("visible", "Visible"),
                            ("pending", "Waiting for review"),
                            ("hidden", "Hidden by a moderator"),
                            ("removed", "Removed"),
                        ],
                        default="visible",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "removed_by",
                    models.CharField(
                        blank=True,
                        choices=[("author", "its author"), ("moderator", "a moderator")],
                        max_length=10,
                    ),
                ),
                ("content_warnings", models.JSONField(blank=True, default=list)),
                (
                    "risk_kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "No sign of danger"),
                            ("overdose", "An overdose or poisoning now"),
                            ("suicide", "Thoughts of ending their life"),
                        ],
                        default="",
                        max_length=10,
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="posted"),
                ),
                ("edited_at", models.DateTimeField(blank=True, null=True, verbose_name="edited")),
                ("reactions_thanks", models.PositiveIntegerField(default=0, editable=False)),
                ("reactions_hear", models.PositiveIntegerField(default=0, editable=False)),
                ("reactions_helped", models.PositiveIntegerField(default=0, editable=False)),
                ("seq", models.PositiveBigIntegerField(default=0, editable=False)),
                ("was_public", models.BooleanField(default=False, editable=False)),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="posts",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Prompt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("question", models.CharField(max_length=200, verbose_name="question")),
                (
                    "framing",
                    models.TextField(
                        help_text="Why we ask, in a few plain and kind words.",
                        verbose_name="framing",
                    ),
                ),
                (
                    "starts_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="featured from"),
                ),
                (
                    "ends_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="featured until"),
                ),
                ("retired_at", models.DateTimeField(blank=True, null=True, verbose_name="retired")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="prompts",
                        to="forum.category",
                        verbose_name="category",
                    ),
                ),
            ],
            options={
                "ordering": ["-starts_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="PromptSuggestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("question", models.CharField(max_length=200, verbose_name="question")),
                ("framing", models.TextField(blank=True, verbose_name="why ask it")),
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
                ("reason", models.CharField(blank=True, max_length=300, verbose_name="reason")),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="prompt_suggestions",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "prompt",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="suggestions",
                        to="forum.prompt",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Revision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("body", models.TextField()),
                ("reason", models.CharField(blank=True, max_length=200)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "editor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="forum.post",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Thread",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("anonymous", models.BooleanField(default=False, verbose_name="anonymous")),
                ("content_warnings", models.JSONField(blank=True, default=list)),
                ("opens_with_post", models.BooleanField(default=True, editable=False)),
                ("public", models.BooleanField(default=True, verbose_name="public")),
                ("pinned", models.BooleanField(default=False, verbose_name="pinned")),
                (
                    "locked",
                    models.BooleanField(
                        default=False,
                        help_text="A locked thread takes no new replies.",
                        verbose_name="locked",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="started"),
                ),
                (
                    "last_activity_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="last activity"
                    ),
                ),
                ("reply_count", models.PositiveIntegerField(default=0, verbose_name="replies")),
                ("shown_posts", models.PositiveIntegerField(default=0, editable=False)),
                ("change_seq", models.PositiveBigIntegerField(default=0, editable=False)),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="threads",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="threads",
                        to="forum.category",
                        verbose_name="category",
                    ),
                ),
                (
                    "last_post",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="forum.post",
                    ),
                ),
            ],
            options={
                "ordering": ["-pinned", "-last_activity_at", "-id"],
            },
        ),
        migrations.AddField(
            model_name="prompt",
            name="thread",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="prompt",
                to="forum.thread",
            ),
        ),
        migrations.AddField(
            model_name="post",
            name="thread",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="posts", to="forum.thread"
            ),
        ),
        migrations.CreateModel(
            name="Follow",
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
                        related_name="follows",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "thread",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="follows",
                        to="forum.thread",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Reaction",
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
                            ("thanks", "Thank you"),
                            ("hear", "Hear you"),
                            ("helped", "This helped"),
                        ],
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reactions",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reactions",
                        to="forum.post",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("post", "member", "kind"), name="one_reaction_each"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                fields=["category", "-pinned", "-last_activity_at", "-id"],
                name="forum_thread_listing",
            ),
        ),
        migrations.AddIndex(
            model_name="prompt",
            index=models.Index(fields=["starts_at"], name="forum_prompt_starts"),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["thread", "created_at", "id"], name="forum_post_thread_order"
            ),
        ),
        migrations.AddConstraint(
            model_name="follow",
            constraint=models.UniqueConstraint(fields=("member", "thread"), name="follow_once"),
        ),
        # Full-text search: GIN indexes on PostgreSQL; on SQLite, FTS5 "external
        # content" tables kept in step with forum_post and forum_thread by triggers.
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        ),
    ]
