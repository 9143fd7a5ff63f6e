"""The full-text index of the board (PostgreSQL only), and the Secretariat's permission to review posts.

The GIN index is created here rather than in the model's Meta so that SQLite (development, tests) migrates too;
partnerships.search fills the vector on PostgreSQL."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "Secretariat"
PERMISSIONS = ["view_post", "change_post", "delete_post"]


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS partnerships_post_search ON partnerships_post USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS partnerships_post_search")


def grant_review(apps, schema_editor):
    app_config = apps.get_app_config("partnerships")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=SECRETARIAT).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="partnerships", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_board_posts_and_conversations"),
        ("cms", "0002_locales_home_secretariat_workflow"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(grant_review, migrations.RunPython.noop),
    ]
