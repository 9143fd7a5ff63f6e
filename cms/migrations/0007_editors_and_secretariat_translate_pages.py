"""The Editor and Secretariat roles may translate pages (simple_translation's `submit_translation`, which the
"Translate into …" action of cms.translation_workflow asks for too): editors translate, rewrite and submit for
moderation like any page. The groups are found by their French names (cms 0004), or their English ones on a
database where 0004 found them renamed already."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {"Secrétariat": "Secretariat", "Rédacteur": "Editor"}


def _groups(apps):
    Group = apps.get_model("auth", "Group")
    return Group.objects.filter(name__in=[*ROLES, *ROLES.values()])


def _permission(apps):
    # Permissions are normally created after all migrations ran; create this one now.
    app_config = apps.get_app_config("simple_translation")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="simple_translation", codename="submit_translation")


def grant(apps, schema_editor):
    permission = _permission(apps)
    for group in _groups(apps):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission = _permission(apps)
    for group in _groups(apps):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_pending_translation"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
