"""The roles' groups and the moderation workflow carry French names, the association's language: the French admin
showed "Secretariat", "Event manager" and "News moderation". They are data from then on: the secretariat may
rename them in the admin (nothing at run time finds a role by its name, except the members' group)."""

from django.db import migrations

GROUPS = {
    "Secretariat": "Secrétariat",
    "Editor": "Rédacteur",
    "Moderator": "Modérateur",
    "Treasurer": "Trésorier",
    "Event manager": "Responsable des événements",
    "Members": "Membres",
}
WORKFLOWS = {
    "News moderation": "Modération des actualités",
    "Moderators approval": "Validation par les modérateurs",
}
TASKS = {
    "Secretariat approval": "Validation par le secrétariat",
    "Moderators approval": "Validation par les modérateurs",
}


def _rename(model, names: dict[str, str]) -> None:
    for old, new in names.items():
        if not model.objects.filter(name=new).exists():
            model.objects.filter(name=old).update(name=new)


def to_french(apps, schema_editor):
    _rename(apps.get_model("auth", "Group"), GROUPS)
    _rename(apps.get_model("wagtailcore", "Workflow"), WORKFLOWS)
    _rename(apps.get_model("wagtailcore", "Task"), TASKS)


def to_english(apps, schema_editor):
    _rename(apps.get_model("auth", "Group"), {new: old for old, new in GROUPS.items()})
    _rename(apps.get_model("wagtailcore", "Workflow"), {new: old for old, new in WORKFLOWS.items()})
    _rename(apps.get_model("wagtailcore", "Task"), {new: old for old, new in TASKS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_identifier_checks"),
        ("members", "0015_display_order"),
        ("events", "0006_display_order"),
        ("partnerships", "0006_recompute_times"),
        ("payments", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
