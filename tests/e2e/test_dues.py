"""A company administrator renews the company's membership, by bank transfer and by card, in Chromium."""

import io
import re
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from PIL import Image
from wagtail.models import Locale, Page, Site

from cms.models import AssociationSettings
from members.models import Membership
from payments.models import Order, PaymentMethod
from payments.services import order_mark_paid
from tests.e2e.test_members import log_in
from tests.factories.members import AdminFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory
from tests.payments.fake_stripe import FakeStripe
from tests.payments.stripe_events import recorded_event, signed

pytestmark = pytest.mark.django_db(transaction=True)

WEBHOOK_SECRET = "whsec_test_browser"


@pytest.fixture
def company_admin():
    # transactional_db empties the database between tests, what the migrations created included.
    french, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.create(
        hostname="localhost", root_page=root, is_default_site=True, site_name="ASTEC"
    )
    settings = AssociationSettings.for_site(site)
    settings.name = "ASTEC"
    settings.bank_name = "Banque Populaire"
    settings.bank_account_holder = "ASTEC"
    settings.rib = "190780212111234567890123"
    settings.save()
    admin = AdminFactory(organisation__legal_name="Atlas Logiciels SARL", organisation__trade_name="Atlas Logiciels")
    today = timezone.localdate()
    MembershipFactory(
        organisation=admin.organisation,
        plan=MembershipPlanFactory(name="Adhésion PME", annual_fee=1_200_000),
        period_start=today - timedelta(days=345),
        period_end=today + timedelta(days=20),
    )
    return admin.user


def _renew(page):
    page.goto("/my-space/")
    page.get_by_role("button", name=re.compile("Renouveler")).click()
    page.wait_for_url(re.compile(r"/payments/orders/[0-9a-f-]+/$"))
    assert "12\xa0000,00" in page.locator("main").inner_text()


def test_company_administrator_renews_by_bank_transfer(page, live_server, screenshot, company_admin):
    log_in(page, live_server, company_admin)

    _renew(page)
    page.get_by_label(re.compile("Virement", re.I)).check()
    page.get_by_role("button", name=re.compile("Continuer vers le paiement")).click()
    page.wait_for_url(re.compile(r"/transfer/$"))
    order = Order.objects.get()
    text = page.locator("main").inner_text()
    assert "190780212111234567890123" in text.replace(" ", "")
    assert order.reference in text
    screenshot(page, "transfer-instructions")

    image = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(image, format="PNG")
    page.locator("input[type=file]").set_input_files(
        {"name": "virement.png", "mimeType": "image/png", "buffer": image.getvalue()}
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "trésorier" in page.locator("main").inner_text()

    # The treasurer sees the money arrive and confirms it.
    order_mark_paid(order=order, amount=order.total, method=PaymentMethod.BANK_TRANSFER, provider="bank_transfer")

    page.goto("/my-space/")
    renewal = Membership.objects.get(status=Membership.Status.ACTIVE, order=order)
    panel = page.locator("main").inner_text()
    with translation.override("fr"):
        assert date_format(renewal.period_end, "DATE_FORMAT") in panel  # "31 décembre 2027", as the page says
    assert "Active" in panel
    screenshot(page, "renewed-by-transfer")


def test_company_administrator_renews_by_card(page, live_server, screenshot, company_admin, settings):
    with FakeStripe() as stripe_api:
        settings.STRIPE_SECRET_KEY = "sk_test_browser"
        settings.STRIPE_PUBLISHABLE_KEY = "pk_test_browser"
        settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.STRIPE_API_BASE = stripe_api.url
        # Stripe's hosted page is out of reach here: the browser gets a stand-in for it.
        page.route(
            re.compile(r"https://checkout\.stripe\.test/.*"),
            lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>Stripe Checkout</h1>"),
        )
        log_in(page, live_server, company_admin)

        _renew(page)
        page.get_by_label(re.compile("Carte", re.I)).check()
        page.get_by_role("button", name=re.compile("Continuer vers le paiement")).click()
        page.wait_for_url(re.compile(r"checkout\.stripe\.test"))
        assert page.locator("h1").inner_text() == "Stripe Checkout"

        order = Order.objects.get()
        sent = stripe_api.requests[-1]["form"]
        assert sent["metadata[order_id]"] == str(order.public_id)
        assert sent["line_items[0][price_data][currency]"] == "mad"

        # The member "pays"; Stripe returns them to the success page, which waits for the signed webhook.
        success_url = sent["success_url"].replace("{CHECKOUT_SESSION_ID}", "cs_test_fake1")
        page.goto(success_url)
        assert "en cours de confirmation" in page.locator("main").inner_text()

        event = recorded_event(
            "checkout_session_completed", order=order, amount_total=order.total, payment_status="paid"
        )
        payload, header = signed(event, WEBHOOK_SECRET)
        request = urllib.request.Request(
            live_server.url + "/payments/stripe/webhook/",
            data=payload,
            headers={"Content-Type": "application/json", "Stripe-Signature": header},
        )
        assert urllib.request.urlopen(request).status == 200

        page.reload()
        assert "confirmé" in page.locator("main").inner_text()
        screenshot(page, "renewed-by-card")
        page.goto("/my-space/")
        assert Membership.objects.get(order=order).status == Membership.Status.ACTIVE
        assert "Active" in page.locator("main").inner_text()


def test_treasurer_confirms_a_bank_transfer_from_the_dashboard(page, live_server, screenshot, company_admin):
    import time as clock

    from django.conf import settings as django_settings
    from django.test import Client

    from members.dues.services import membership_renew
    from payments.services import order_choose_method
    from tests.factories.accounts import StaffUserFactory, add_totp

    renewal = membership_renew(
        organisation=company_admin.organisation_memberships.first().organisation, by=company_admin
    )
    order = order_choose_method(order=renewal.order, method=PaymentMethod.BANK_TRANSFER)
    treasurer = StaffUserFactory(first_name="Samira", last_name="Trésorière")
    add_totp(treasurer)
    client = Client()
    client.force_login(treasurer)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": clock.time()}]
    session["account_authentication_methods_user"] = str(treasurer.pk)
    session.save()
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )

    page.goto("/admin/")
    page.locator("#dues-panel-title").wait_for()
    page.locator("a[href*='payment_method=bank_transfer']").first.click()
    page.get_by_role("link", name=order.reference).click()
    page.locator("select[name=method]").select_option("bank_transfer")
    page.locator("input[name=received_on]").fill(timezone.localdate().isoformat())
    page.locator("input[name=reference]").fill("VIR-2026-1187")
    screenshot(page, "treasurer-records-transfer")
    page.get_by_role("button", name=re.compile("Enregistrer le paiement|Record the payment")).click()
    page.wait_for_load_state()

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert Membership.objects.get(pk=renewal.pk).status == Membership.Status.ACTIVE
    assert order.reference in page.locator("body").inner_text()
