"""The Event manager role runs the B2B meetings: brokerage sessions (add, change, view) and meetings (view, move).

The Secretariat already holds every permission of the partnerships app (members.0013_roles), but only those that
existed then: it gets the new ones here too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EVENT_MANAGER = "Event manager"
SECRETARIAT = "Secretariat"
CODENAMES = [
    "add_brokeragesession",
    "change_brokeragesession",
    "view_brokeragesession",
    "view_meetingprofile",
    "change_meetingrequest",
    "view_meetingrequest",
]
ALL_CODENAMES = [
    f"{action}_{model}"
    for model in ("brokeragesession", "meetingprofile", "meetingrequest")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("partnerships")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="partnerships")
    for name, codenames in ((EVENT_MANAGER, CODENAMES), (SECRETARIAT, ALL_CODENAMES)):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions.filter(codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="partnerships", codename__in=ALL_CODENAMES)
    for group in Group.objects.filter(name__in=[EVENT_MANAGER, SECRETARIAT]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_brokerage_meetings"),
        ("members", "0013_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
