"""Morocco's permanent UTC+0 (IANA 2026c; the pinned tzdata is 2026f): the events saved while the servers computed
Africa/Casablanca with older zone data get their instants recomputed from their typed local times, and the
attendees of published events that moved get the updated invitation (events.recompute).

It runs the service itself, so that the invitations go out: on a new database, with no event yet, it does nothing.
"""

from django.db import migrations


def recompute(apps, schema_editor):
    if not apps.get_model("events", "EventPage").objects.exists():
        return
    from events.recompute import recompute_event_times

    recompute_event_times()


class Migration(migrations.Migration):
    dependencies = [("events", "0003_calendars")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
