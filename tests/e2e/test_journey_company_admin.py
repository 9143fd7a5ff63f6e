"""Journey of a company administrator, in French: logs in, invites a colleague who joins, registers that colleague
for an event; both find the registration in their My space."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Registration
from tests.e2e.axe import check_accessibility
from tests.e2e.journeys import site_with_pages
from tests.factories.events import EventPageFactory
from tests.factories.members import PASSWORD, AdminFactory
from tests.factories.memberships import MembershipFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)

JOURNEY = "company-admin"


@pytest.fixture
def site_pages():
    return site_with_pages()


@pytest.fixture
def company_admin(site_pages):
    admin = AdminFactory(
        organisation__legal_name="Atlas Logiciels SARL",
        organisation__trade_name="Atlas Logiciels",
        user__email="nadia.idrissi@atlas.ma",
        user__first_name="Nadia",
        user__last_name="Idrissi",
    )
    today = timezone.localdate()
    MembershipFactory(
        organisation=admin.organisation, period_start=today - timedelta(days=30), period_end=today + timedelta(days=335)
    )
    return admin


@pytest.fixture
def event(site_pages):
    event = EventPageFactory(parent=site_pages.event_index, title="Forum Digital Now 2027", days_from_now=20)
    RegistrationSettingsFactory(event=event, is_open=True)
    TicketTypeFactory(event=event, name="Pass membre", member_price=0, non_member_price=150_000)
    return event


def test_company_administrator_invites_a_colleague_and_registers_them(
    browser, page, live_server, screenshot, company_admin, event
):
    company = company_admin.organisation

    # Logs in with the form: e-mail and password.
    page.goto("/accounts/login/?next=/my-space/")
    check_accessibility(page, f"{JOURNEY}-login")
    page.locator("input[name=login]").fill("nadia.idrissi@atlas.ma")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").first.click()
    page.wait_for_url("**/my-space/")
    assert re.search("Mon espace|My space", page.locator("h1").inner_text())
    assert "Atlas Logiciels" in page.locator("main").inner_text()
    check_accessibility(page, f"{JOURNEY}-my-space")
    screenshot(page, "my-space")

    # Invites a colleague from the company's people page.
    page.get_by_role("link", name=re.compile("personnes|people", re.I)).first.click()
    page.wait_for_url(f"**/my-space/companies/{company.slug}/people/")
    assert "Atlas Logiciels" in page.locator("h1").inner_text()
    page.locator("#id_invite-email").fill("karim.tazi@atlas.ma")
    page.locator("form:has(#id_invite-email) button[type=submit]").click()
    page.wait_for_url(f"**/my-space/companies/{company.slug}/people/")
    pending = page.locator("main section").filter(has_text=re.compile("Invitations en attente|Pending invitations"))
    assert "karim.tazi@atlas.ma" in pending.inner_text()
    check_accessibility(page, f"{JOURNEY}-invitation-sent")
    screenshot(page, "invitation-sent")

    # The colleague opens the link of the e-mail in their own browser, sets a password and joins.
    invitation = next(message for message in mail.outbox if "karim.tazi@atlas.ma" in message.to)
    link = next(word for word in invitation.body.split() if "/invitations/" in word)
    colleague = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    colleague.set_default_timeout(10_000)
    colleague.goto(link.removeprefix("http://testserver"))
    assert "Atlas Logiciels" in colleague.locator("main").inner_text()
    check_accessibility(colleague, f"{JOURNEY}-invitation-accept")
    colleague.locator("#id_first_name").fill("Karim")
    colleague.locator("#id_last_name").fill("Tazi")
    colleague.locator("#id_password1").fill(PASSWORD)
    colleague.locator("#id_password2").fill(PASSWORD)
    colleague.locator("#id_accept_privacy").check()
    colleague.locator("main form button[type=submit]").click()
    colleague.wait_for_url("**/my-space/")
    assert "Atlas Logiciels" in colleague.locator("main").inner_text()
    check_accessibility(colleague, f"{JOURNEY}-colleague-joined")
    screenshot(colleague, "colleague-joined")

    # The administrator now sees Karim among the company's people.
    page.reload()
    people = page.locator("main table").first.inner_text()
    assert "Karim Tazi" in people

    # Registers Karim for the event from the event page.
    page.goto(event.url)
    assert page.locator("h1").inner_text() == "Forum Digital Now 2027"
    page.get_by_role("link", name=re.compile("Inscrire un collègue|Register a colleague")).click()
    page.wait_for_url(f"**/registrations/event/{event.pk}/colleague/")
    assert re.search("Inscrire un collègue|Register a colleague", page.locator("h1").inner_text())
    check_accessibility(page, f"{JOURNEY}-register-colleague")
    page.get_by_label(re.compile("Pass membre")).check()
    karim = page.locator("select[name=person] option", has_text="Karim Tazi").get_attribute("value")
    page.locator("select[name=person]").select_option(karim)
    screenshot(page, "register-colleague")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/registrations/[\w-]+/$"))
    registration = Registration.objects.get(attendee_email="karim.tazi@atlas.ma")
    assert registration.status == Registration.Status.CONFIRMED
    detail = page.locator("main").inner_text()
    assert "Karim Tazi" in detail
    assert re.search("Confirmée|Confirmed", detail, re.I)
    check_accessibility(page, f"{JOURNEY}-registration")

    # The registration is listed in the administrator's registrations.
    page.goto("/my-space/")
    page.get_by_role("link", name=re.compile("Mes inscriptions|My registrations")).click()
    page.wait_for_url("**/my-space/registrations/")
    row = page.locator("main tbody tr").filter(has_text="Karim Tazi")
    assert "Forum Digital Now 2027" in row.inner_text()
    check_accessibility(page, f"{JOURNEY}-registrations")
    screenshot(page, "registrations")

    # And in the colleague's own My space.
    colleague.goto("/my-space/")
    colleague.get_by_role("link", name=re.compile("Mes inscriptions|My registrations")).click()
    colleague.wait_for_url("**/my-space/registrations/")
    row = colleague.locator("main tbody tr").filter(has_text="Forum Digital Now 2027")
    assert "Karim Tazi" in row.inner_text()
    assert re.search("Confirmée|Confirmed", row.inner_text(), re.I)
    check_accessibility(colleague, f"{JOURNEY}-colleague-registrations")
    screenshot(colleague, "colleague-registrations")
    colleague.context.close()
