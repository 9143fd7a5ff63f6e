"""A member's journey in Chromium, in French and in Arabic: log in, pay the dues, register for an event, post on the
board, book a B2B meeting. Every page is checked with axe and photographed."""

import re

import pytest

from members.models import Membership, Organisation
from partnerships.models import MeetingRequest, Post
from payments.models import Order, PaymentMethod
from payments.services import order_mark_paid
from tests.e2e.axe import check_accessibility
from tests.e2e.journeys import RIB, localised, site_with_pages, translated
from tests.factories.events import EventPageFactory
from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory
from tests.factories.members import PASSWORD, AdminFactory, OrganisationFactory, SectorFactory
from tests.factories.memberships import MembershipPlanFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def member_world():
    """An approved company (dues unpaid) and its administrator, an event with a free ticket and B2B meetings where
    another company takes part, a sector for the board."""
    pages = site_with_pages()
    MembershipPlanFactory(name="Adhésion PME", name_en="SME membership", annual_fee=1_200_000, joining_fee=0)
    admin = AdminFactory(
        user__first_name="Salma",
        user__last_name="Bennani",
        user__email="salma.bennani@atlas-logiciels.ma",
        organisation__legal_name="Atlas Logiciels SARL",
        organisation__trade_name="Atlas Logiciels",
        organisation__status=Organisation.Status.APPROVED,
    )
    event = EventPageFactory(parent=pages.event_index, title="Forum Digital Now 2027", days_from_now=20)
    RegistrationSettingsFactory(event=event)
    ticket = TicketTypeFactory(event=event, name="Pass journée", name_en="Day pass", member_price=0, non_member_price=0)
    session = BrokerageSessionFactory(event=event, tables=3)
    other = MeetingProfileFactory(
        session=session,
        organisation=OrganisationFactory(legal_name="Souss Composites SA"),
        user__first_name="Brahim",
        user__last_name="Ouali",
    )
    return {
        "user": admin.user,
        "company": admin.organisation,
        "event": event,
        "ticket": ticket,
        "session": session,
        "other": other,
        "sector": SectorFactory(name="Logiciels et services", name_en="Software and services"),
    }


def _look(page, screenshot, language: str, name: str) -> None:
    """What every step checks besides its own assertions: the page's language and direction, axe, a screenshot."""
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page, f"member-{language}-{name}")
    screenshot(page, name)


def _heading(page, level: str = "h1") -> str:
    return page.locator(f"main {level}").first.inner_text().strip()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_member_pays_dues_registers_posts_on_the_board_and_books_a_meeting(
    page, live_server, screenshot, member_world, language
):
    user, company, event, session = (member_world[key] for key in ("user", "company", "event", "session"))

    def url(path: str) -> str:
        return localised(path, language)

    # My space asks to log in first: allauth's form, e-mail and password. The live server's first answer can be
    # slow on a busy machine.
    page.goto(url("/my-space/"), timeout=30_000)
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    _look(page, screenshot, language, "login")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form:has(#id_password) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/my-space/$"))

    # My space: the approved company, its dues to pay.
    assert _heading(page) == translated("My space", language)
    if language == "ar":  # the catalogue is compiled: the heading is in Arabic script, not the English source
        assert re.search("[\u0600-\u06ff]", _heading(page))
    assert "Atlas Logiciels" in page.locator("main").inner_text()
    assert translated("Membership dues", language) in page.locator("main").inner_text()
    _look(page, screenshot, language, "my-space")

    # Dues: the plan, then payment by bank transfer; the treasurer then sees the money arrive.
    page.locator(f"form[action$='/my-space/companies/{company.slug}/membership/join/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/payments/orders/[0-9a-f-]+/$"))
    order = Order.objects.get()
    assert order.reference in _heading(page)
    _look(page, screenshot, language, "order")
    page.locator("input[name=method][value=bank_transfer]").check()
    page.locator("main form[action$='/pay/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/transfer/$"))
    assert _heading(page) == translated("Pay by bank transfer", language)
    text = page.locator("main").inner_text()
    assert RIB in text.replace(" ", "") and order.reference in text
    _look(page, screenshot, language, "bank-transfer")
    order_mark_paid(order=order, amount=order.total, method=PaymentMethod.BANK_TRANSFER, provider="bank_transfer")
    assert Membership.objects.get(organisation=company).status == Membership.Status.ACTIVE

    # An event: the free ticket, then the registration in My space.
    page.goto(url(f"/registrations/event/{event.pk}/"))
    assert _heading(page) == translated("Register", language)
    _look(page, screenshot, language, "register")
    page.locator(f"input[name=ticket][value='{member_world['ticket'].pk}']").check()
    page.locator("main form button[type=submit]:not([name])").click()
    page.wait_for_url(re.compile(r"/registrations/[^/]+/$"))
    assert _heading(page) == event.title
    page.goto(url("/my-space/registrations/"))
    assert _heading(page) == translated("My registrations", language)
    assert event.title in page.locator("main").inner_text()
    _look(page, screenshot, language, "my-registrations")

    # The board: an offer, sent to the secretariat for review.
    page.goto(url("/board/new/"))
    assert _heading(page) == translated("Post an offer or a request", language)
    page.locator("#id_kind_0").check()
    page.locator("#id_category").select_option(index=1)
    page.locator("#id_title").fill("Logiciel de traçabilité pour coopératives")
    page.locator(f"input[name=sectors][value='{member_world['sector'].pk}']").check()
    page.locator("#id_description").fill("Nous proposons un logiciel de traçabilité du champ à l'export.")
    _look(page, screenshot, language, "board-form")
    page.locator("button[name=submit]").click()
    page.wait_for_url(re.compile(r"/board/\d+/$"))
    post = Post.objects.get()
    assert post.status == Post.Status.SUBMITTED
    assert _heading(page) == "Logiciel de traçabilité pour coopératives"
    assert translated("Awaiting review", language) in page.locator("main").inner_text()
    _look(page, screenshot, language, "board-post")

    # B2B meetings at the event: take part, then ask Souss Composites for a meeting.
    page.goto(url(f"/meetings/{session.pk}/"))
    _look(page, screenshot, language, "meetings-join")
    page.locator(f"form[action$='/meetings/{session.pk}/join/'] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/meetings/{session.pk}/participants/$"))
    assert "Souss Composites" in page.locator("main").inner_text()
    _look(page, screenshot, language, "participants")
    page.locator(f"a[href$='/participants/{member_world['other'].pk}/request/']").click()
    page.locator("main form textarea").fill("Nous aimerions vous présenter notre logiciel.")
    _look(page, screenshot, language, "meeting-request")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/meetings/{session.pk}/$"))
    request = MeetingRequest.objects.get()
    assert request.status == MeetingRequest.Status.PENDING
    sent = page.locator("main").inner_text()
    assert translated("Requests sent", language) in sent
    assert "Brahim Ouali" in sent or "Souss Composites" in sent
    assert translated("Awaiting an answer", language) in sent
    _look(page, screenshot, language, "meeting-requested")
