"""A guest registers for a paid ticket and pays it by bank transfer in one sitting, without an account: French and
Arabic, on a desktop and on a 360 px phone, where the total stays in view and nothing is wider than the screen."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from events.models import Registration
from payments.models import PaymentMethod, TransferReceipt
from tests.e2e.axe import check_accessibility
from tests.e2e.journeys import RIB, site_with_pages
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 780}}


def _in(language: str, path_of):
    with translation.override(language):
        return path_of()


def _fits(page, screen: str) -> None:
    """The total is on screen, inside the viewport's width, and the document is no wider than the viewport."""
    width = SCREENS[screen]["width"]
    total = page.locator("main [data-order-total]").first
    total.scroll_into_view_if_needed()
    assert total.is_visible()
    box = total.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert re.search(r"1\D?500[,.]00", total.inner_text()), total.inner_text()  # "1 500,00" ("1500,00" in Arabic)
    document_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert document_width <= width, f"{page.url}: {document_width} px wide on a {width} px screen"


@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_guest_registers_and_pays_by_transfer_in_one_sitting(browser, live_server, screenshot, language, screen):
    pages = site_with_pages()
    event = EventPageFactory(parent=pages.event_index, title="Forum Digital Now 2027", days_from_now=20)
    RegistrationSettingsFactory(event=event, payment_deadline_hours=48)
    TicketTypeFactory(event=event, name="Pass journée", name_ar="تذكرة يوم", member_price=0, non_member_price=150_000)
    context = browser.new_context(
        base_url=live_server.url,
        locale="ar-MA" if language == "ar" else "fr-FR",
        viewport=SCREENS[screen],
        is_mobile=screen == "phone",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        # Register as a guest: name and e-mail, the only ticket already chosen.
        page.goto(_in(language, lambda: reverse("events:register", args=[event.pk])), timeout=30_000)
        page.locator("#id_attendee_name").fill("Salma Bennani")
        page.locator("#id_attendee_email").fill(f"salma.{language}.{screen}@invite.ma")
        page.locator("main form button[type=submit]").first.click()

        # Straight to the order, to pay it there: no account, no log-in.
        page.wait_for_url(re.compile(r"/payments/orders/[0-9a-f-]{36}/$"))
        registration = Registration.objects.get()
        order = registration.order
        assert ("/ar/" in page.url) == (language == "ar")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert order.reference in page.locator("main").inner_text()
        _fits(page, screen)
        check_accessibility(page, f"guest-order-{language}-{screen}")
        screenshot(page, "order")

        page.locator("input[name=method][value=bank_transfer]").check()
        page.locator("main form[action$='/pay/'] button[type=submit]").click()
        page.wait_for_url(re.compile(r"/transfer/$"))
        text = page.locator("main").inner_text()
        assert RIB in text.replace(" ", "")
        assert order.reference in text
        _fits(page, screen)
        screenshot(page, "transfer")

        image = io.BytesIO()
        Image.new("RGB", (20, 20), "white").save(image, format="PNG")
        page.locator("input[type=file][name=receipt]").set_input_files(
            {"name": "virement.png", "mimeType": "image/png", "buffer": image.getvalue()}
        )
        page.locator("main form[enctype='multipart/form-data'] button[type=submit]").click()
        page.locator(".messages").first.wait_for()
        assert "virement.png" in page.locator("main").inner_text()
        _fits(page, screen)
        screenshot(page, "receipt-sent")

        receipt = TransferReceipt.objects.get()
        assert receipt.order == order and receipt.uploaded_by is None
        order.refresh_from_db()
        registration.refresh_from_db()
        assert order.payment_method == PaymentMethod.BANK_TRANSFER
        # Paying by transfer holds the seat a few working days rather than the 48 hours of a card.
        assert (registration.expires_at - registration.created_at).days >= 3
    finally:
        context.close()
