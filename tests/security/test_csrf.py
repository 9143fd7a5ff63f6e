"""Every view refuses a POST without a CSRF token, whoever sends it; only two views are exempt, each with its own
proof: Stripe's webhook (a signature) and the RFC 8058 one-click unsubscribe (a signed token)."""

import pytest
from django.test import Client

from payments.webhooks import stripe_webhook
from tests.security.urls import unique_patterns

pytestmark = pytest.mark.django_db

EXEMPT = {"payments/stripe/webhook/", "unsubscribe/<str:token>/"}


def is_exempt(callback) -> bool:
    """csrf_exempt, except Django REST framework's views (Wagtail's admin API): they are marked exempt because
    DRF's session authentication makes the same check itself (the POST test below proves it)."""
    from rest_framework.views import APIView

    view_class = getattr(callback, "cls", None)
    if isinstance(view_class, type) and issubclass(view_class, APIView):
        return False
    return getattr(callback, "csrf_exempt", False)


def test_only_the_webhook_and_one_click_unsubscribe_are_csrf_exempt():
    exempt = {pattern.route for pattern in unique_patterns() if is_exempt(pattern.callback)}

    assert exempt == EXEMPT
    assert is_exempt(stripe_webhook)


def persona_for(route: str) -> str:
    """Someone allowed to use the view: the secretariat in the admins, company A's administrator elsewhere."""
    return "secretariat" if route.startswith(("admin/", "django-admin/", "^admin", "^django-admin")) else "admin_a"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_every_post_without_a_csrf_token_is_refused(world, addresses):
    refused_wrongly = []
    for pattern in unique_patterns():
        if pattern.route in EXEMPT:
            continue
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        client.cookies = world.clients[persona_for(pattern.route)].cookies
        response = client.post(addresses[pattern.route], {"anything": "1"})
        if response.status_code != 403 or b"CSRF" not in response.content:
            refused_wrongly.append(f"{pattern.route}: {response.status_code}")
    assert not refused_wrongly, "POST without a CSRF token not refused:\n" + "\n".join(refused_wrongly)


def test_the_exempt_views_still_refuse_unsigned_posts(world, addresses):
    client = Client(enforce_csrf_checks=True)

    webhook = client.post(addresses["payments/stripe/webhook/"], b"{}", content_type="application/json")
    forged = client.post("/unsubscribe/forged-token/", {"List-Unsubscribe": "One-Click"})

    assert webhook.status_code in (400, 403)
    assert forged.status_code == 404
