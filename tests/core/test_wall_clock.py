"""Wall-clock times (core.wall_clock): what an organiser typed, kept naive in the database, the instant derived from
it under the pinned zone data; and the migrations' filling of them from instants saved under older data."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from core.time import pinned_zone
from core.wall_clock import WallClockFormField, fill_wall_clocks
from events.models import TicketType
from tests.factories.events import EventPageFactory
from tests.factories.registrations import TicketTypeFactory

pytestmark = pytest.mark.django_db

STALE = Path(__file__).parent.parent / "fixtures" / "tzdata-2025b" / "Africa" / "Casablanca"


def stale_zone(name):
    with STALE.open("rb") as data:
        return ZoneInfo.from_file(data, key=name)


def test_the_typed_time_is_stored_as_typed_and_gives_the_instant_of_the_current_law():
    ticket = TicketTypeFactory(sales_end_local=dt.datetime(2027, 2, 8, 18, 0))

    ticket = TicketType.objects.get(pk=ticket.pk)

    assert ticket.sales_end_local == dt.datetime(2027, 2, 8, 18, 0)
    assert ticket.sales_end_local.tzinfo is None
    assert ticket.sales_end == dt.datetime(2027, 2, 8, 18, tzinfo=dt.UTC)  # Casablanca is UTC+0 since 2026c
    assert TicketType.objects.filter(sales_end_local__gt=dt.datetime(2027, 2, 8, 17, 59)).count() == 1


def test_the_column_has_no_time_zone_in_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data_type FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            [TicketType._meta.db_table, "sales_end_local"],
        )
        assert cursor.fetchone() == ("timestamp without time zone",)


def test_a_paris_deadline_is_typed_in_paris_time():
    event = EventPageFactory(time_zone="Europe/Paris")
    ticket = TicketTypeFactory(event=event, sales_start_local=dt.datetime(2027, 7, 1, 9, 0))

    assert ticket.sales_start == dt.datetime(2027, 7, 1, 7, tzinfo=dt.UTC)


def test_code_that_sets_the_instant_keeps_the_wall_clock_in_step():
    ticket = TicketTypeFactory(sales_end=dt.datetime(2027, 2, 8, 17, tzinfo=dt.UTC))
    assert ticket.sales_end_local == dt.datetime(2027, 2, 8, 17, 0)

    ticket = TicketType.objects.get(pk=ticket.pk)
    ticket.sales_end = dt.datetime(2027, 2, 9, 12, tzinfo=dt.UTC)
    ticket.save(update_fields=["sales_end"])

    assert TicketType.objects.get(pk=ticket.pk).sales_end_local == dt.datetime(2027, 2, 9, 12, 0)


def test_a_new_wall_clock_wins_over_the_old_instant_and_clearing_it_clears_the_instant():
    ticket = TicketType.objects.get(pk=TicketTypeFactory(sales_end_local=dt.datetime(2027, 2, 8, 18, 0)).pk)

    ticket.sales_end_local = dt.datetime(2027, 2, 8, 20, 0)
    ticket.save()
    assert TicketType.objects.get(pk=ticket.pk).sales_end == dt.datetime(2027, 2, 8, 20, tzinfo=dt.UTC)

    ticket.sales_end_local = None
    ticket.save()
    assert TicketType.objects.get(pk=ticket.pk).sales_end is None


def test_a_time_the_clocks_skip_is_refused_with_a_message():
    event = EventPageFactory(time_zone="Europe/Paris")
    ticket = TicketTypeFactory.build(event=event, sales_start_local=dt.datetime(2027, 3, 28, 2, 30))

    with pytest.raises(ValidationError) as error:
        ticket.full_clean()

    assert "sales_start_local" in error.value.message_dict


def test_the_form_field_keeps_the_typed_time_whatever_the_user_s_zone(settings):
    field = WallClockFormField()

    assert field.clean("2027-02-08 18:00") == dt.datetime(2027, 2, 8, 18, 0)


def test_the_migration_fills_wall_clocks_from_the_data_the_instants_were_saved_under():
    """Saved under Debian's 2025b (UTC+1 outside Ramadan), a sales end stored as 17:00Z was typed as 18:00."""
    ticket = TicketTypeFactory(sales_end=dt.datetime(2027, 1, 15, 17, tzinfo=dt.UTC))
    TicketType.objects.filter(pk=ticket.pk).update(sales_end_local=None)

    changed = fill_wall_clocks(
        TicketType,
        {"sales_start": "sales_start_local", "sales_end": "sales_end_local"},
        zone_of=lambda row: row.event.time_zone,
        zone_loader=stale_zone,
    )

    assert changed == 1
    assert TicketType.objects.get(pk=ticket.pk).sales_end_local == dt.datetime(2027, 1, 15, 18, 0)


def test_the_stale_fixture_is_the_old_rule():
    instant = dt.datetime(2027, 1, 15, 17, tzinfo=dt.UTC)
    assert instant.astimezone(stale_zone("Africa/Casablanca")).utcoffset() == dt.timedelta(hours=1)
    assert instant.astimezone(pinned_zone("Africa/Casablanca")).utcoffset() == dt.timedelta(0)
