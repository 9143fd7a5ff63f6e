"""Ticket sales dates and cancellation deadlines are typed in the event's local time (core.wall_clock): the
wall-clock fields are filled from the stored instants, read with the zone data they were saved under (the system's
files, which every computation used before the pinned tzdata). partnerships 0006 then recomputes the instants."""

import core.wall_clock
from django.db import migrations, models

from core.wall_clock import fill_wall_clocks


def fill(apps, schema_editor):
    fill_wall_clocks(
        apps.get_model("events", "TicketType"),
        {"sales_start": "sales_start_local", "sales_end": "sales_end_local"},
        zone_of=lambda ticket: ticket.event.time_zone,
    )
    fill_wall_clocks(
        apps.get_model("events", "RegistrationSettings"),
        {"cancellation_deadline": "cancellation_deadline_local"},
        zone_of=lambda settings: settings.event.time_zone,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_recompute_event_times'),
    ]

    operations = [
        migrations.AddField(
            model_name='registrationsettings',
            name='cancellation_deadline_local',
            field=core.wall_clock.WallClockField(blank=True, help_text="In the event's local time. Attendees can cancel until then. Empty: until the event starts.", null=True, verbose_name='cancellation deadline'),
        ),
        migrations.AddField(
            model_name='tickettype',
            name='sales_end_local',
            field=core.wall_clock.WallClockField(blank=True, help_text="In the event's local time. Empty: until the event.", null=True, verbose_name='sales end'),
        ),
        migrations.AddField(
            model_name='tickettype',
            name='sales_start_local',
            field=core.wall_clock.WallClockField(blank=True, help_text="In the event's local time. Empty: on sale at once.", null=True, verbose_name='sales start'),
        ),
        migrations.AlterField(
            model_name='registrationsettings',
            name='cancellation_deadline',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='cancellation deadline (instant)'),
        ),
        migrations.AlterField(
            model_name='tickettype',
            name='sales_end',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='sales end (instant)'),
        ),
        migrations.AlterField(
            model_name='tickettype',
            name='sales_start',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='sales start (instant)'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
