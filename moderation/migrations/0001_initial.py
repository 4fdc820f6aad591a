# Folded initial migration (nothing was deployed before it).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("forum", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SupportPanel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "emergency",
                    models.TextField(
                        default="If someone may be overdosing or is in danger, call your local emergency number now (999 in the UK, 911 in the US and Canada, 112 across Europe).",
                        verbose_name="emergency",
                    ),
                ),
                (
                    "overdose",
                    models.TextField(
                        default="Shout their name and rub their breastbone. If they don't respond, call the emergency number. Give naloxone if you have it (spray in one nostril, or inject into the thigh); give a second dose after 2 to 3 minutes if there is no change. If they are breathing, put them in the recovery position (on their side, top knee bent, head tilted back) and stay with them. If they are not breathing, follow the call handler's instructions for rescue breaths and chest compressions.",
                        verbose_name="in an opioid overdose",
                    ),
                ),
                (
                    "helplines",
                    models.TextField(
                        default="Samaritans (UK and Ireland): call 116 123, free, any time. 988 Suicide & Crisis Lifeline (US): call or text 988. If you are in danger right now, call your emergency number.",
                        verbose_name="crisis lines",
                    ),
                ),
                (
                    "talking",
                    models.TextField(
                        default="You can tell us here too: people on this forum care, and a moderator will see your post. If you're worried about someone, ask them gently and directly whether they are thinking about suicide; asking doesn't put the idea in their head. Listen, stay with them if you can, and help them call a crisis line.",
                        verbose_name="talking to someone now",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.CreateModel(
            name="MemberNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="note")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "author",
                    models.ForeignKey(
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
                        related_name="moderator_notes",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ModerationAction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("reveal", "Looked at who wrote an anonymous post"),
                            ("reached_out", "Reached out to someone who may be at risk"),
                            ("not_a_crisis", "Marked a post as not a crisis"),
                            ("approve", "Approved a held post"),
                            ("hide", "Hid a post"),
                            ("restore", "Restored a post"),
                            ("remove", "Removed a post"),
                            ("dismiss", "Dismissed flags"),
                            ("apply_wording", "Applied suggested wording"),
                            ("edit", "Edited a post"),
                            ("warn", "Warned a member"),
                            ("suspend", "Suspended a member"),
                            ("lift", "Lifted a suspension"),
                            ("ban", "Banned a member"),
                            ("unban", "Lifted a ban"),
                            ("trust", "Lifted new-member limits"),
                            ("note", "Added a note on a member"),
                            ("remove_note", "Removed a note on a member"),
                            ("community_hide", "A post was hidden after members' flags"),
                            ("verify", "Verified a practitioner"),
                            ("decline_verification", "Declined a practitioner request"),
                        ],
                        max_length=20,
                    ),
                ),
                ("reason", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "actor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="moderation_actions",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        blank=True,
                        help_text="The member the action concerns, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="forum.post",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="forum.revision",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="WatchedWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "term",
                    models.CharField(
                        help_text="A word (its spellings with swapped letters or dots are caught too) or, if “pattern” is ticked, a regular expression.",
                        max_length=100,
                        verbose_name="word or pattern",
                    ),
                ),
                ("is_pattern", models.BooleanField(default=False, verbose_name="pattern")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("block", "Block: it cannot be posted"),
                            ("hold", "Hold the post for review"),
                            ("flag", "Publish, and flag for review"),
                            ("replace", "Replace it with other words"),
                        ],
                        max_length=10,
                        verbose_name="action",
                    ),
                ),
                (
                    "replacement",
                    models.CharField(blank=True, max_length=100, verbose_name="replace with"),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="why")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["term"],
            },
        ),
        migrations.CreateModel(
            name="Flag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("automatic", models.BooleanField(default=False)),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("stigma", "Stigmatising language"),
                            ("harassment", "Harassment or personal attack"),
                            ("dangerous", "Dangerous advice or misinformation"),
                            ("selling", "Buying, selling or sourcing"),
                            ("at_risk", "Someone may be at risk"),
                            ("community", "Hidden after flags from several members"),
                            ("new_member", "A link from a new member"),
                            ("spam", "Spam"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("note", models.TextField(blank=True)),
                ("findings", models.JSONField(blank=True, default=list)),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("open", "Open"),
                            ("resolved", "Resolved"),
                            ("dismissed", "Dismissed"),
                        ],
                        default="open",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "post",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="forum.post",
                    ),
                ),
                (
                    "reporter",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="flags_made",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["created_at", "id"],
                "indexes": [
                    models.Index(fields=["state", "created_at"], name="moderation_flag_queue")
                ],
            },
        ),
    ]
