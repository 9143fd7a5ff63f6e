"""A member registers, gets the confirmation e-mail with their code, and the check-in page on a phone scans it.

Headless Chromium on Linux has no BarcodeDetector and no camera: the page gets a stand-in for both, which
"sees" the member's code, so that everything after the camera (checkin.js, the page, the service) runs for real.
"""

import re

import pytest
from django.core import mail
from wagtail.models import Locale, Page, Site

from events.models import Registration
from tests.e2e.test_members import log_in
from tests.events.staff import REGISTRATION_PERMISSIONS, staff_user
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory, member_of_current_company

pytestmark = pytest.mark.django_db(transaction=True)

FAKE_CAMERA = """
(() => {
  window.__scannedCode = "";
  class FakeBarcodeDetector {
    static async getSupportedFormats() { return ["qr_code"]; }
    async detect() { return window.__scannedCode ? [{ rawValue: window.__scannedCode }] : []; }
  }
  window.BarcodeDetector = FakeBarcodeDetector;
  if (!navigator.mediaDevices) Object.defineProperty(navigator, "mediaDevices", { value: {} });
  navigator.mediaDevices.getUserMedia = async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext("2d");
    setInterval(() => { context.fillStyle = `hsl(${Date.now() % 360} 50% 50%)`; context.fillRect(0, 0, 64, 48); }, 50);
    return canvas.captureStream(10);
  };
})();
"""


@pytest.fixture
def event():
    # transactional_db empties the database between tests, what the migrations created included.
    french, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True, site_name="ASTEC")
    index = EventIndexPageFactory(parent=root)
    event = EventPageFactory(parent=index, title="Forum inter-clusters")
    RegistrationSettingsFactory(event=event, is_open=True)
    TicketTypeFactory(event=event, name="Pass membre", member_price=0, non_member_price=None)
    return event


def test_a_member_registers_and_the_door_scans_their_code(browser, page, live_server, screenshot, event):
    member = member_of_current_company(first_name="Salma", last_name="Bennani").user
    log_in(page, live_server, member)

    page.goto(f"/registrations/event/{event.pk}/")
    page.get_by_label(re.compile("Pass membre")).check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/registrations/[\w-]+/$"))
    registration = Registration.objects.get(user=member)
    assert registration.status == Registration.Status.CONFIRMED
    confirmation = next(message for message in mail.outbox if registration.attendee_email in message.to)
    code = next(word for word in confirmation.body.split() if word == registration.code)

    phone = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    door = phone.new_page()
    door.set_default_timeout(10_000)
    door.add_init_script(FAKE_CAMERA)
    log_in(door, live_server, staff_user(*REGISTRATION_PERMISSIONS, first_name="Youssef", last_name="Alaoui"))
    door.goto(f"/events/{event.pk}/check-in/")
    assert door.locator("[data-checkin-arrived]").inner_text() == "0"

    door.locator("[data-checkin-camera-start]").click()
    door.locator("[data-checkin-video]").wait_for(state="visible")
    door.evaluate("code => { window.__scannedCode = code; }", code)
    door.locator("[data-checkin-attendee]").wait_for()
    assert "Salma Bennani" in door.locator("[data-checkin-attendee]").inner_text()
    screenshot(door, "ticket-found")

    door.locator("[data-checkin-present]").click()
    door.locator('[data-checkin-status="checked-in"]').wait_for()
    assert door.locator("[data-checkin-arrived]").inner_text() == "1"
    screenshot(door, "checked-in")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None

    # The camera still sees the ticket: the next read says it was already checked in, and by whom.
    door.evaluate("() => { window.__scannedCode = ''; }")
    door.wait_for_timeout(300)
    door.evaluate("code => { window.__scannedCode = code + '/'; }", code)
    door.locator('[data-checkin-status="warning"]').wait_for()
    assert "Youssef Alaoui" in door.locator("[data-checkin-result]").inner_text()
    phone.close()
