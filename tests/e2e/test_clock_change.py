"""After a change of the zone data, as an event manager of the secretariat sees it, in French and on a phone: the
ticket's sales end is typed in the event's local time, and the admin's report lists what the recompute moved and
how many people got the updated invitation."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from core.clock_changes import recompute_times
from events.models import EventPage, TicketType
from tests.e2e.axe import check_accessibility
from tests.e2e.journeys import site_with_pages
from tests.e2e.roles import NAVIGATION_TIMEOUT, SECRETARIAT, restore_roles_and_workflow, staff_in
from tests.e2e.test_members import log_in
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def event():
    pages = site_with_pages()
    restore_roles_and_workflow()
    event = EventPageFactory(
        parent=pages.event_index,
        title="MIDEST : rencontres d'affaires",
        time_zone="Europe/Paris",
        start_date=dt.date(2027, 6, 8),
        start_time=dt.time(9, 30),
        end_date=dt.date(2027, 6, 8),
        end_time=dt.time(18, 0),
    )
    event.save_revision().publish()
    ticket = TicketTypeFactory(event=event, name="Pass délégation")
    RegistrationFactory(ticket_type=ticket, attendee_email="salma@atlas.ma")
    return EventPage.objects.get(pk=event.pk)


def test_an_organiser_types_a_local_deadline_and_reads_what_a_clock_change_moved(page, live_server, screenshot, event):
    manager = staff_in(SECRETARIAT, first_name="Samira", last_name="Chraibi", email="samira.chraibi@astec.ma")
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    log_in(page, live_server, manager)
    ticket = TicketType.objects.get(event=event)

    # The sales end, typed as 18:00 in Paris (the event's zone), is kept as typed.
    page.goto(reverse("events_ticket_types:edit", args=[ticket.pk]))
    field = page.locator("input[name=sales_end_local]")
    assert re.search("heure locale de l.événement", page.locator("main").inner_text())
    field.fill("2027-06-06 18:00")
    page.locator("main form button[type=submit]").first.click()
    page.locator(".messages").first.wait_for(timeout=NAVIGATION_TIMEOUT)  # a save on a loaded CI machine
    ticket.refresh_from_db()
    assert ticket.sales_end_local == dt.datetime(2027, 6, 6, 18, 0)
    assert ticket.sales_end == dt.datetime(2027, 6, 6, 16, tzinfo=dt.UTC)

    # Saved under older zone data an hour off, the event and the deadline are recomputed after the upgrade.
    EventPage.objects.filter(pk=event.pk).update(start=event.start - HOUR, end=event.end - HOUR)
    TicketType.objects.filter(pk=ticket.pk).update(sales_end=ticket.sales_end - HOUR)
    recompute_times()

    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(reverse("events_recomputed_times"))
    main = page.locator("main")
    assert "Heures recalculées" in page.locator("main h1").first.inner_text()
    text = main.inner_text()
    assert "MIDEST : rencontres d'affaires" in text
    assert "MIDEST : rencontres d'affaires — Pass délégation" in text
    assert "08/06/2027 09:30 (Europe/Paris)" in text
    assert "06/06/2027 15:00 UTC" in text and "06/06/2027 16:00 UTC" in text
    check_accessibility(page, "clock-change-report")
    screenshot(page, "recomputed-times")
