"""Journey of the secretariat, in French: approves an article an editor submitted, which is then public; approves
a membership application; checks an attendee in at the door by typing their ticket code."""

import re

import pytest
from django.urls import reverse

from cms.models import NewsPage
from events.models import Registration
from members.models import MembershipApplication, Organisation
from tests.e2e.axe import check_accessibility
from tests.e2e.journeys import site_with_pages
from tests.e2e.roles import (
    EDITOR,
    NAVIGATION_TIMEOUT,
    SECRETARIAT,
    check_admin_accessibility,
    restore_roles_and_workflow,
    staff_in,
)
from tests.e2e.test_members import log_in
from tests.factories.events import EventPageFactory
from tests.factories.members import MembershipApplicationFactory
from tests.factories.registrations import RegistrationFactory, RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)

JOURNEY = "secretariat"
TITLE = "Le cluster Smart City lance son appel à projets"


@pytest.fixture
def site_pages():
    pages = site_with_pages()
    restore_roles_and_workflow()
    return pages


@pytest.fixture
def submitted_article(site_pages):
    """An article an editor wrote and submitted to the news moderation workflow (test_journey_editor does it in
    the browser)."""
    editor = staff_in(EDITOR, first_name="Leila", last_name="Berrada", email="leila.berrada@astec.ma")
    article = NewsPage(
        title=TITLE,
        intro="Les membres ont jusqu'au 15 janvier pour proposer un pilote avec une commune de la région.",
        body=[("paragraph", "<p>Le jury réunira la wilaya, deux communes et trois grandes entreprises.</p>")],
        owner=editor,
        live=False,
    )
    site_pages.news_index.add_child(instance=article)
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)
    return article


@pytest.fixture
def application(site_pages):
    return MembershipApplicationFactory(
        organisation__legal_name="Souss Composites SA",
        organisation__trade_name="Souss Composites",
        applicant__first_name="Brahim",
        applicant__last_name="Ouali",
    )


@pytest.fixture
def attendee(site_pages):
    event = EventPageFactory(parent=site_pages.event_index, title="Forum inter-clusters", days_from_now=0)
    RegistrationSettingsFactory(event=event, is_open=True)
    ticket = TicketTypeFactory(event=event, name="Pass membre")
    return RegistrationFactory(ticket_type=ticket, attendee_name="Salma Bennani", attendee_email="salma@atlas.ma")


def test_secretariat_approves_an_article_an_application_and_checks_an_attendee_in(
    browser, page, live_server, screenshot, site_pages, submitted_article, application, attendee
):
    secretary = staff_in(SECRETARIAT, first_name="Samira", last_name="Chraibi", email="samira.chraibi@astec.ma")
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    log_in(page, live_server, secretary)

    # The dashboard lists the article awaiting the secretariat's review.
    page.goto("/admin/")
    review = page.locator("section[data-panel]").filter(
        has_text=re.compile("En attente de votre vérification|Awaiting your review")
    )
    assert review.count() == 1
    row = review.locator("tr").filter(has_text=TITLE)
    assert "Leila Berrada" in row.inner_text()
    check_admin_accessibility(page, f"{JOURNEY}-dashboard")
    screenshot(page, "awaiting-review")

    # Approves it from the row's actions: the workflow has one task, so approving publishes it.
    row.get_by_role("button", name=re.compile("^Actions$")).click()
    with page.expect_navigation():
        row.get_by_role("button", name=re.compile(r"^\s*(Approuver|Approve)\s*$")).click()
    page.wait_for_url("**/admin/")
    assert not page.locator("section[data-panel] tr").filter(has_text=TITLE).count()
    submitted_article.refresh_from_db()
    assert submitted_article.live

    # Visitors now find it on the news index, and can open it.
    visitor = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    visitor.goto(site_pages.news_index.url)
    visitor.get_by_role("link", name=TITLE).first.click()
    visitor.wait_for_url(f"**{submitted_article.url}")
    assert visitor.locator("h1").inner_text() == TITLE
    check_accessibility(visitor, f"{JOURNEY}-article-public")
    screenshot(visitor, "article-public")
    visitor.context.close()

    # Approves the pending membership application.
    page.goto(reverse("members_applications:index"))
    pending = page.locator("tbody tr").filter(has_text="Souss Composites")
    assert "Brahim Ouali" in pending.inner_text()
    assert re.search("En attente|Awaiting review", pending.inner_text())
    check_admin_accessibility(page, f"{JOURNEY}-applications")
    screenshot(page, "applications")
    pending.get_by_role("link", name=re.compile("Souss Composites")).first.click()
    # The edit view's panels are shown once Wagtail's tabs script has run: wait for them rather than race it.
    page.locator("main").get_by_text("Brahim Ouali").first.wait_for()
    assert "Brahim Ouali" in page.locator("main").inner_text()
    check_admin_accessibility(page, f"{JOURNEY}-application")
    screenshot(page, "application")
    page.locator("textarea[name=message]").fill("Bienvenue dans l'association !")
    page.get_by_role("button", name=re.compile(r"^\s*(Approuver|Approve)\s*$")).click()
    page.locator(".messages").filter(has_text="Souss Composites").wait_for()
    assert re.search(
        "acceptée et désormais membre actif|approved and is now an active member",
        page.locator(".messages").inner_text(),
        re.I,
    )
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert application.organisation.status == Organisation.Status.ACTIVE

    # At the door: types the attendee's ticket code, sees who it is, marks them present.
    event = attendee.event
    page.goto(f"/events/{event.pk}/check-in/")
    assert page.locator("h1").inner_text() == "Forum inter-clusters"
    assert page.locator("[data-checkin-arrived]").inner_text() == "0"
    check_accessibility(page, f"{JOURNEY}-check-in")
    page.get_by_label(re.compile("Code du billet|Ticket code")).fill(attendee.code)
    page.get_by_role("button", name=re.compile("Rechercher le billet|Find the ticket")).click()
    page.locator("[data-checkin-attendee]").wait_for()
    assert "Salma Bennani" in page.locator("[data-checkin-attendee]").inner_text()
    check_accessibility(page, f"{JOURNEY}-ticket-found")
    screenshot(page, "ticket-found")
    page.get_by_role("button", name=re.compile("Marquer comme présent|Mark present")).click()
    page.locator('[data-checkin-status="checked-in"]').wait_for()
    assert "Salma Bennani" in page.locator("[data-checkin-result]").inner_text()
    assert page.locator("[data-checkin-arrived]").inner_text() == "1"
    check_accessibility(page, f"{JOURNEY}-checked-in")
    screenshot(page, "checked-in")
    attendee.refresh_from_db()
    assert attendee.status == Registration.Status.CONFIRMED
    assert attendee.checked_in_at is not None
