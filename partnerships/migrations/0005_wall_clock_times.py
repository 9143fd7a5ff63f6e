"""B2B request deadlines and meeting slots keep the wall-clock times of the event's zone (core.wall_clock), filled
from the stored instants read with the zone data they were saved under (the system's files, which every
computation used before the pinned tzdata). 0006 then recomputes the instants."""

import core.wall_clock
from django.db import migrations, models

from core.wall_clock import fill_wall_clocks


def fill(apps, schema_editor):
    fill_wall_clocks(
        apps.get_model("partnerships", "BrokerageSession"),
        {"request_deadline": "request_deadline_local"},
        zone_of=lambda session: session.event.time_zone,
    )
    fill_wall_clocks(
        apps.get_model("partnerships", "MeetingRequest"),
        {"starts_at": "starts_local", "ends_at": "ends_local"},
        zone_of=lambda meeting: meeting.session.event.time_zone,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0004_event_manager_meeting_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='brokeragesession',
            name='request_deadline_local',
            field=core.wall_clock.WallClockField(help_text="In the event's local time. Requests not answered by then expire.", null=True, verbose_name='request deadline'),
        ),
        migrations.AddField(
            model_name='meetingrequest',
            name='ends_local',
            field=core.wall_clock.WallClockField(blank=True, editable=False, null=True, verbose_name='ends at (local time)'),
        ),
        migrations.AddField(
            model_name='meetingrequest',
            name='starts_local',
            field=core.wall_clock.WallClockField(blank=True, editable=False, null=True, verbose_name='starts at (local time)'),
        ),
        migrations.AlterField(
            model_name='brokeragesession',
            name='request_deadline',
            field=models.DateTimeField(editable=False, verbose_name='request deadline (instant)'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="brokeragesession",
            name="request_deadline_local",
            field=core.wall_clock.WallClockField(
                help_text="In the event's local time. Requests not answered by then expire.",
                verbose_name="request deadline",
            ),
        ),
    ]
