"""Morocco's permanent UTC+0 (IANA 2026c; the pinned tzdata is 2026f): the instants saved while the servers computed
Africa/Casablanca with older zone data (events, ticket sales and cancellation deadlines, B2B request deadlines and
meetings) are recomputed from their typed wall-clock times, the people who hold them in their calendars get the
updated invitation, and the organisers' report lists what moved (core.clock_changes).

It runs the service itself, so that the invitations go out; it comes last because the service needs every table it
reads. On a new database, with no event yet, it does nothing.
"""

from django.db import migrations

from core.clock_changes import recompute_times


def recompute(apps, schema_editor):
    if apps.get_model("events", "EventPage").objects.exists():
        recompute_times()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("events", "0005_wall_clock_deadlines"),
        ("partnerships", "0005_wall_clock_times"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
