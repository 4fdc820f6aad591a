# Members' places in threads (unread counts), and an index for the home page's Latest.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReadPosition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("last_post_id", models.PositiveBigIntegerField()),
                ("last_post_at", models.DateTimeField()),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(fields=["-last_activity_at", "-id"], name="forum_thread_latest"),
        ),
        migrations.AddField(
            model_name="readposition",
            name="member",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="read_positions",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="readposition",
            name="thread",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="read_positions",
                to="forum.thread",
            ),
        ),
        migrations.AddConstraint(
            model_name="readposition",
            constraint=models.UniqueConstraint(
                fields=("member", "thread"), name="one_read_position"
            ),
        ),
    ]
