"""Two participants of a brokerage session book a B2B meeting and both find it in their agenda, in Chromium."""

import re

import pytest
from wagtail.models import Locale, Page

from partnerships.models import MeetingRequest
from tests.e2e.test_members import log_in
from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory
from tests.factories.members import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_participants_book_a_meeting_and_both_see_it_in_their_agenda(browser, page, live_server, screenshot):
    # transactional_db empties the database between tests, what the migrations created included.
    french, _ = Locale.objects.get_or_create(language_code="fr")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    session = BrokerageSessionFactory(tables=3)
    ana = MeetingProfileFactory(
        session=session,
        organisation=OrganisationFactory(legal_name="Atlas Logiciels SARL"),
        user__first_name="Ana",
        user__last_name="Bennani",
    )
    ben = MeetingProfileFactory(
        session=session,
        organisation=OrganisationFactory(legal_name="Souss Composites SA"),
        user__first_name="Brahim",
        user__last_name="Ouali",
    )

    log_in(page, live_server, ana.user)
    page.goto(f"/meetings/{session.pk}/participants/")
    assert "Souss Composites" in page.locator("main").inner_text()
    page.locator(f"a[href$='/participants/{ben.pk}/request/']").click()
    page.locator("main form textarea").fill("Nous cherchons un partenaire pour des pièces composites.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/meetings/{session.pk}/$"))
    request = MeetingRequest.objects.get()
    screenshot(page, "request-sent")

    other = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    log_in(other, live_server, ben.user)
    other.goto(f"/meetings/requests/{request.pk}/")
    assert "composites" in other.locator("main").inner_text()
    other.locator(f"form[action$='/meetings/requests/{request.pk}/accept/'] button").click()
    other.wait_for_load_state()

    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED
    assert request.starts_at is not None and request.table
    for tab, who in ((page, "Souss Composites"), (other, "Atlas Logiciels")):
        tab.goto(f"/meetings/{session.pk}/agenda/")
        agenda = tab.locator("main").inner_text()
        assert who in agenda
        assert str(request.table) in agenda
    screenshot(other, "agenda")
    other.context.close()
