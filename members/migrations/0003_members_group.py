from django.db import migrations

MEMBERS_GROUP = "Members"


def create_members_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=MEMBERS_GROUP)


class Migration(migrations.Migration):
    """The group that members-only pages are restricted to; membership services keep it in sync."""

    dependencies = [
        ("members", "0002_organisations"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_members_group, migrations.RunPython.noop)]
