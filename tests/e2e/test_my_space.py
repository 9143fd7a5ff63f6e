"""My space in Chromium, in French and Arabic, on a desktop and a 360 px phone: a member logs in and lands there,
sees the next event and the payment due, cancels a registration after confirming, and finds their place on a
waitlist with its position."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Registration, WaitlistEntry
from events.services import registration_create
from members.models import Role
from tests.e2e.axe import check_accessibility
from tests.e2e.journeys import localised, site_with_pages, translated
from tests.factories.events import EventPageFactory
from tests.factories.members import PASSWORD, OrganisationMemberFactory
from tests.factories.memberships import MembershipFactory
from tests.factories.registrations import RegistrationFactory, RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
LOCALES = {"fr": "fr-FR", "ar": "ar-MA"}


def _world(language: str) -> dict:
    """Salma, of a current member company: registered (free) for the Forum in 12 days, which is full and has
    someone waiting; a reserved 800 MAD seat at the Gala to pay; third of four on the waitlist of a full workshop."""
    pages = site_with_pages()
    person = OrganisationMemberFactory(
        role=Role.MEMBER,
        organisation__legal_name="Atlas Logiciels SARL",
        organisation__trade_name="Atlas Logiciels",
        user__first_name="Salma",
        user__last_name="Bennani",
        user__email="salma@atlas-logiciels.ma",
        user__preferred_language=language,
    )
    MembershipFactory(
        organisation=person.organisation,
        period_start=timezone.localdate() - timedelta(days=100),
        period_end=timezone.localdate() + timedelta(days=265),
    )
    user = person.user

    def event(title: str, days: int, **settings):
        page = EventPageFactory(parent=pages.event_index, title=title, days_from_now=days, venue_name="Technopark")
        RegistrationSettingsFactory(event=page, **settings)
        return page

    forum = event("Forum Digital Now 2027", 12, capacity=1)
    forum_ticket = TicketTypeFactory(event=forum, name="Pass journée", member_price=0, non_member_price=0)
    registration = registration_create(
        event=forum,
        ticket_type=forum_ticket,
        attendee_name="Salma Bennani",
        attendee_email=user.email,
        user=user,
        organisation=person.organisation,
        registered_by=user,
    )
    waiting_for_forum = WaitlistEntry.objects.create(event=forum, name="Karim Tazi", email="karim@souss.ma")

    gala = event("Gala des membres", 40)
    gala_ticket = TicketTypeFactory(event=gala, name="Dîner", member_price=80_000, non_member_price=120_000)
    gala_registration = registration_create(
        event=gala,
        ticket_type=gala_ticket,
        attendee_name="Salma Bennani",
        attendee_email=user.email,
        user=user,
        organisation=person.organisation,
        registered_by=user,
    )

    workshop = event("Atelier IA générative", 25, capacity=1)
    RegistrationFactory(ticket_type=TicketTypeFactory(event=workshop), event=workshop)
    for name in ("Nadia El Idrissi", "Youssef Alami"):
        WaitlistEntry.objects.create(event=workshop, name=name, email=f"{name.split()[0].lower()}@example.ma")
    my_place = WaitlistEntry.objects.create(event=workshop, name="Salma Bennani", email=user.email, user=user)
    WaitlistEntry.objects.create(event=workshop, name="Omar Benjelloun", email="omar@example.ma")
    return {
        "user": user,
        "forum": forum,
        "registration": registration,
        "waiting_for_forum": waiting_for_forum,
        "order": gala_registration.order,
        "my_place": my_place,
    }


def _in(language: str, message: str, **params) -> str:
    text = translated(message, language)
    return text % params if params else text


def _main(tab) -> str:
    return tab.locator("main").inner_text()


def _fits(tab, name: str) -> None:
    """Nothing sticks out sideways: the document is no wider than the window."""
    width = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name}: the document is {width[0]} px wide in a {width[1]} px window"


def _log_in(tab, language: str, user) -> None:
    tab.goto(localised("/accounts/login/", language), timeout=30_000)
    tab.locator("#id_login").fill(user.email)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("main form:has(#id_password) button[type=submit]").click()


@pytest.fixture
def tab_for(browser, live_server):
    contexts = []

    def open_tab(language: str, viewport: str):
        context = browser.new_context(base_url=live_server.url, locale=LOCALES[language], viewport=VIEWPORTS[viewport])
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_member_lands_on_my_space_and_sees_what_is_next(tab_for, screenshot, language, viewport):
    world = _world(language)
    tab = tab_for(language, viewport)

    _log_in(tab, language, world["user"])

    tab.wait_for_url(re.compile(("/ar" if language == "ar" else "") + r"/my-space/$"))
    html = tab.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert tab.locator("main h1").inner_text().strip() == _in(language, "My space")
    text = _main(tab)

    # What needs doing: the Gala's order to pay, with its button.
    todo = tab.locator("section[aria-labelledby=my-space-todo]")
    assert world["order"].reference in todo.inner_text()
    pay = todo.locator(f"a[href$='/payments/orders/{world['order'].public_id}/']")
    assert pay.is_visible()
    # What is next: the Forum first (the Gala, later, after it), with its place.
    coming = tab.locator("section[aria-labelledby=my-space-next]").inner_text()
    assert coming.index("Forum Digital Now 2027") < coming.index("Gala des membres")
    assert "Technopark" in coming
    assert _in(language, "Position %(position)s of %(total)s", position=3, total=4) in coming
    assert text.index(world["order"].reference) < text.index("Forum Digital Now 2027")

    # The e-mail address stays on one line, and the layout is two columns on a desktop, one on a phone.
    email = tab.locator(".my-space-email")
    lines = email.evaluate(
        "(el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; }"
    )
    assert lines == 1
    main, aside = tab.locator(".my-space__main").bounding_box(), tab.locator(".my-space__aside").bounding_box()
    if viewport == "desktop":
        assert main["width"] > aside["width"] >= 300
        assert abs(main["y"] - aside["y"]) < 2
        assert (main["x"] < aside["x"]) == (language == "fr")  # Arabic puts the main column on the right
    else:
        assert aside["y"] >= main["y"] + main["height"] - 1
        assert abs(main["width"] - aside["width"]) < 2
    _fits(tab, f"my space {language} {viewport}")
    check_accessibility(tab, f"my-space-{language}-{viewport}")
    screenshot(tab, f"my-space-{language}-{viewport}")

    pay.click()
    tab.wait_for_url(re.compile(rf"/payments/orders/{world['order'].public_id}/$"))
    assert world["order"].reference in tab.locator("main h1").inner_text()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_cancelling_asks_first_and_the_waitlist_shows_my_place(tab_for, screenshot, language):
    world = _world(language)
    tab = tab_for(language, "phone")
    _log_in(tab, language, world["user"])
    tab.wait_for_url(re.compile(r"/my-space/$"))
    registration = world["registration"]

    # From My space to the Forum's ticket, then the cancel button: a page that asks, and says the seat goes to
    # the person waiting and that nothing was paid.
    tab.locator(f"a[href$='/registrations/{registration.code}/']").click()
    tab.locator(f"main a[href$='/registrations/{registration.code}/cancel/']").click()
    tab.wait_for_url(re.compile(rf"/registrations/{registration.code}/cancel/$"))
    assert tab.locator("main h1").inner_text().strip() == _in(language, "Cancel the registration?")
    text = _main(tab)
    assert (
        _in(
            language,
            "The seat is freed and offered at once to the first person on the waitlist: you cannot get it back.",
        )
        in text
    )
    assert _in(language, "Nothing was paid for this ticket: there is nothing to refund.") in text
    _fits(tab, f"cancel {language}")
    check_accessibility(tab, f"cancel-{language}")
    screenshot(tab, f"cancel-{language}")

    # Keeping it changes nothing.
    tab.get_by_role("link", name=_in(language, "Keep my registration")).click()
    tab.wait_for_url(re.compile(rf"/registrations/{registration.code}/$"))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED

    # Yes, cancel: the registration ends and Karim, who waited, is offered the seat.
    tab.locator(f"main a[href$='/registrations/{registration.code}/cancel/']").click()
    tab.get_by_role("button", name=_in(language, "Yes, cancel")).click()
    tab.wait_for_url(re.compile(rf"/registrations/{registration.code}/$"))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    world["waiting_for_forum"].refresh_from_db()
    assert world["waiting_for_forum"].status == WaitlistEntry.Status.OFFERED

    # My registrations: third of four on the workshop's waitlist; leaving asks first.
    tab.goto(localised("/my-space/registrations/", language))
    places = tab.locator("section[aria-labelledby=my-waitlists]")
    assert "Atelier IA générative" in places.inner_text()
    assert _in(language, "Position %(position)s of %(total)s", position=3, total=4) in places.inner_text()
    _fits(tab, f"my registrations {language}")
    check_accessibility(tab, f"my-registrations-{language}")
    screenshot(tab, f"my-registrations-{language}")
    places.get_by_role("link", name=_in(language, "Leave the waitlist")).click()
    assert tab.locator("main h1").inner_text().strip() == _in(language, "Leave the waitlist?")
    world["my_place"].refresh_from_db()
    assert world["my_place"].status == WaitlistEntry.Status.WAITING
    tab.get_by_role("button", name=_in(language, "Yes, leave the waitlist")).click()
    tab.wait_for_url(re.compile(rf"/waitlist/{world['my_place'].token}/$"))
    world["my_place"].refresh_from_db()
    assert world["my_place"].status == WaitlistEntry.Status.LEFT
