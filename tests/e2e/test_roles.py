"""The secretariat creates an event manager in the admin's user form — choosing the role, nothing else — and the
new event manager, on their first day, finds the event in the All events home and checks an attendee in."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.e2e.journeys import site_with_pages
from tests.e2e.roles import NAVIGATION_TIMEOUT, SECRETARIAT, restore_roles_and_workflow, staff_in
from tests.e2e.test_members import log_in
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationFactory, RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()


@pytest.fixture
def attendee():
    pages = site_with_pages()
    restore_roles_and_workflow()
    event = EventPageFactory(parent=pages.event_index, title="Forum inter-clusters", days_from_now=0)
    event.save_revision().publish()
    RegistrationSettingsFactory(event=event, is_open=True)
    ticket = TicketTypeFactory(event=event, name="Pass membre")
    return RegistrationFactory(ticket_type=ticket, attendee_name="Salma Bennani", attendee_email="salma@atlas.ma")


def test_a_new_event_manager_created_in_the_admin_checks_an_attendee_in(
    browser, page, live_server, screenshot, attendee
):
    secretary = staff_in(SECRETARIAT, first_name="Samira", last_name="Chraibi", email="samira.chraibi@astec.ma")
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    log_in(page, live_server, secretary)

    # The secretariat adds Omar with the "Responsable des événements" role in Wagtail's own user form.
    page.goto(reverse("wagtailusers_users:add"))
    page.locator("input[name=email]").fill("omar.evenements@astec.ma")
    page.locator("input[name=first_name]").fill("Omar")
    page.locator("input[name=last_name]").fill("Bennis")
    page.locator("input[name=password1]").fill("un mot de passe solide 2026")
    page.locator("input[name=password2]").fill("un mot de passe solide 2026")
    roles = page.locator("main").get_by_role("tab", name=re.compile("Rôles|Roles"))
    if roles.count():
        roles.first.click()
    page.get_by_label("Responsable des événements", exact=True).check()
    screenshot(page, "new-event-manager")
    page.locator("main form button[type=submit]").first.click()
    page.locator(".messages").first.wait_for()
    manager = User.objects.get(email="omar.evenements@astec.ma")
    assert not manager.is_staff and not manager.is_superuser
    assert list(manager.groups.values_list("name", flat=True)) == ["Responsable des événements"]

    # Omar logs in (with his second factor) and opens the All events home, then the event's check-in page.
    omar = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    omar.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    log_in(omar, live_server, manager)
    omar.goto(reverse("events_home:index"))
    row = omar.locator("main").get_by_text("Forum inter-clusters").first
    row.wait_for()
    screenshot(omar, "events-home")
    omar.goto(reverse("events:check_in", args=[attendee.event.pk]))
    omar.get_by_label(re.compile("Code du billet|Ticket code")).fill(attendee.code.lower().replace("-", " "))
    omar.get_by_role("button", name=re.compile("Rechercher le billet|Find the ticket")).click()
    omar.locator("[data-checkin-attendee]").wait_for()
    assert "Salma Bennani" in omar.locator("[data-checkin-attendee]").inner_text()
    omar.get_by_role("button", name=re.compile("Marquer comme présent|Mark present")).click()
    omar.locator('[data-checkin-status="checked-in"]').wait_for()
    screenshot(omar, "checked-in-by-new-manager")
    attendee.refresh_from_db()
    assert attendee.checked_in_by_id == manager.pk
