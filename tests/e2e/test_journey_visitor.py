"""A visitor discovers the association in French and applies to join, in Chromium, with axe on every page."""

import re

import pytest
from django.core import mail

from members.models import MembershipApplication
from tests.e2e.axe import check_accessibility
from tests.e2e.journeys import site_with_pages
from tests.factories.events import EventPageFactory
from tests.factories.members import PASSWORD, OrganisationFactory, SectorFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _look(page, screenshot, name: str) -> None:
    check_accessibility(page, f"visitor-{name}")
    screenshot(page, name)


def test_visitor_reads_news_finds_an_event_and_a_company_and_applies_to_join(page, live_server, screenshot):
    pages = site_with_pages()
    event = EventPageFactory(
        parent=pages.event_index,
        title="Forum Digital Now 2027",
        summary="Trois jours de conférences et de rencontres B2B au Technopark.",
        days_from_now=20,
    )
    RegistrationSettingsFactory(event=event)
    TicketTypeFactory(event=event, name="Pass journée")
    sector = SectorFactory(name="Logiciels et services", name_en="Software and services")
    company = OrganisationFactory(
        legal_name="Atlas Logiciels SARL",
        trade_name="Atlas Logiciels",
        slug="atlas-logiciels",
        description="Éditeur marocain de logiciels de gestion pour les coopératives agricoles.",
    )
    company.sectors.add(sector)
    MembershipFactory(organisation=company)
    MembershipPlanFactory(name="Adhésion Start-up", requires_approval=True)

    # Home page: the hero and the latest article. The live server's first answer can be slow on a busy machine.
    page.goto("/", timeout=30_000)
    assert page.locator("h1").inner_text() == "Les entreprises du numérique, ensemble"
    assert pages.article.title in page.locator("main").inner_text()
    _look(page, screenshot, "home")

    # The article.
    page.locator("main").get_by_role("link", name=pages.article.title).first.click()
    page.wait_for_url(re.compile(r"/actualites/.+/$"))
    assert page.locator("h1").inner_text() == pages.article.title
    assert "Trois jours de conférences" in page.locator("main").inner_text()
    _look(page, screenshot, "article")

    # The events, then the forum.
    page.goto("/evenements/")
    assert page.locator("h1").inner_text() == "Événements"
    page.locator("main").get_by_role("link", name="Forum Digital Now 2027").first.click()
    page.wait_for_url(re.compile(r"/evenements/forum-digital-now-2027/$"))
    assert page.locator("h1").inner_text() == "Forum Digital Now 2027"
    assert "Technopark" in page.locator("main").inner_text()
    _look(page, screenshot, "event")

    # The member directory and a company.
    page.goto("/members/")
    assert re.search(r"Annuaire|directory", page.locator("h1").inner_text(), re.I)
    page.locator("main").get_by_role("link", name="Atlas Logiciels").first.click()
    page.wait_for_url("**/members/atlas-logiciels/")
    assert page.locator("h1").inner_text() == "Atlas Logiciels"
    assert "coopératives agricoles" in page.locator("main").inner_text()
    assert "Logiciels et services" in page.locator("main").inner_text()
    _look(page, screenshot, "company")

    # Joining: the steps, an account (confirmed by the code e-mailed), the application form.
    page.goto("/")
    page.locator("main a[href='/join/']").first.click()
    page.wait_for_url("**/join/")
    _look(page, screenshot, "join-steps")
    page.locator("main a[href^='/accounts/signup/']").click()
    page.locator("#id_first_name").fill("Nadia")
    page.locator("#id_last_name").fill("El Amrani")
    page.locator("#id_email").fill("nadia.elamrani@souss-composites.ma")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_privacy_consent").check()
    _look(page, screenshot, "sign-up")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M).group(1)
    _look(page, screenshot, "confirm-email")
    page.locator("input[name=code]").fill(code)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/join/")

    assert re.search(r"adhésion|membership", page.locator("h1").inner_text(), re.I)
    page.locator("#id_legal_name").fill("Souss Composites SA")
    page.locator("#id_legal_form").fill("SA")
    page.locator("#id_ice").fill("002345678000031")
    page.locator("#id_city").fill("Agadir")
    page.locator("#id_contact_email").fill("contact@souss-composites.ma")
    page.get_by_label("Logiciels et services").check()
    page.get_by_role("radio", name=re.compile("Adhésion Start-up")).check()
    page.locator("#id_motivation").fill("Trouver des partenaires industriels au Technopark.")
    _look(page, screenshot, "application-form")
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/join/thanks/")
    assert re.search(r"Merci|Thank you", page.locator("h1").inner_text())
    application = MembershipApplication.objects.get(organisation__legal_name="Souss Composites SA")
    assert application.applicant.email == "nadia.elamrani@souss-composites.ma"
    _look(page, screenshot, "application-sent")
