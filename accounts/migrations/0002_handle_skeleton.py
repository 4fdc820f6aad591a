from django.db import migrations, models


def fill_skeletons(apps, schema_editor):
    """Existing members get their handle's skeleton; a later look-alike of an
    earlier handle keeps NULL (it stays, but nobody new can take either look)."""
    from accounts.handles import skeleton

    User = apps.get_model("accounts", "User")
    seen = set()
    for pk, handle in User.objects.order_by("pk").values_list("pk", "handle"):
        value = skeleton(handle)
        if value and value not in seen:
            seen.add(value)
            User.objects.filter(pk=pk).update(handle_skeleton=value)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="handle_skeleton",
            field=models.CharField(editable=False, max_length=60, null=True, unique=True),
        ),
        migrations.RunPython(fill_skeletons, migrations.RunPython.noop),
    ]
