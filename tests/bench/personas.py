"""Logged-in visitors for the benchmark: a session per persona and the pages each one opens.

Imported by queries.py (inside Django, on the bench database). The sessions are built server-side with the
session engine's SessionStore, as a login would leave them: the secretariat's also records a second factor, which
the admin requires of staff. The load generator only sends the session cookie.

Also gives the personas something to look at: the member registers for two events, the company administrator has
a paid order (an invoice) and an order awaiting payment. Idempotent.
"""

import time
from importlib import import_module

# Page name → persona. The demo accounts come from demo.content.ACCOUNTS (seed_demo).
PERSONAS = {
    "member": "amina.membre@majlis.example",
    "company admin": "karim.admin@majlis.example",
    "secretariat": "secretariat@majlis.example",
}
MEMBER_EVENT_SLUG = "digital-now"  # the demo's flagship conference: tickets, questions, member prices
BENCH_ORDER_PREFIX = "Benchmark — "


def session_key(user, *, second_factor: bool = False) -> str:
    """A new session for `user`, saved where the server reads it; returns its key (the cookie's value)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    now = time.time()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # What allauth records at login (allauth.account.internal.flows.login.record_authentication).
    methods = [{"method": "password", "at": now, "email": user.email}]
    if second_factor:
        methods.append({"method": "mfa", "type": "totp", "at": now})
    store["account_authentication_methods"] = methods
    store["account_authentication_methods_user"] = str(user.pk)
    store.create()
    return store.session_key


def _users() -> dict:
    from django.contrib.auth import get_user_model

    users = {persona: get_user_model().objects.filter(email=email).first() for persona, email in PERSONAS.items()}
    missing = [persona for persona, user in users.items() if user is None]
    if missing:
        raise SystemExit(f"Demo accounts missing ({', '.join(missing)}): seed the bench database first.")
    return users


def _company_of(user):
    from members.models import Organisation

    return Organisation.objects.filter(people__user=user).order_by("pk").first()


def _register_member(member, company) -> None:
    """A couple of registrations, so that "my registrations" lists tickets."""
    from events.models import EventPage, Registration, TicketType
    from events.services.errors import RegistrationError
    from events.services.registrations import registration_create

    for slug in ("webinaire-cybersecurite", "midest-rencontre-clusters"):
        event = EventPage.objects.filter(slug=slug, locale__language_code="fr").first()
        ticket = TicketType.objects.filter(event=event, is_active=True).order_by("pk").first() if event else None
        if ticket is None or Registration.objects.filter(event=event, user=member).exists():
            continue
        try:
            registration_create(
                event=event,
                ticket_type=ticket,
                attendee_name=member.get_full_name(),
                attendee_email=member.email,
                user=member,
                organisation=company,
                by_secretariat=True,
            )
        except RegistrationError as error:  # a closed or full demo event only leaves the page shorter
            print(f"(no registration for {slug}: {error!r})")


def _orders(admin, company) -> dict:
    """An order already paid (so the invoices page lists one) and one awaiting payment (the order page)."""
    from payments.models import Order, OrderLine, PaymentMethod
    from payments.services.orders import LineSpec, order_create, order_mark_paid

    def order(description: str):
        existing = Order.objects.filter(buyer_user=admin, lines__description=description).order_by("-pk").first()
        return existing or order_create(
            lines=[LineSpec(kind=OrderLine.Kind.OTHER, description=description, unit_amount=120_000)],
            buyer_user=admin,
            organisation=company,
        )

    paid = order(BENCH_ORDER_PREFIX + "cotisation réglée")
    if paid.status == Order.Status.PENDING:
        order_mark_paid(
            order=paid, provider="bank_transfer", method=PaymentMethod.BANK_TRANSFER, amount=paid.total, note="bench"
        )
    pending = order(BENCH_ORDER_PREFIX + "commande en attente")
    return {"paid": paid, "pending": pending}


def prepare() -> dict:
    """Sessions by persona and the logged-in pages: {"sessions": {persona: key}, "pages": {name: {url, persona}}}."""
    from allauth.mfa.models import Authenticator
    from django.urls import reverse

    from events.models import EventPage
    from partnerships.models import Post

    users = _users()
    if not Authenticator.objects.filter(user=users["secretariat"], type=Authenticator.Type.TOTP).exists():
        raise SystemExit("The secretariat's demo account has no authenticator: seed the bench database again.")
    company = _company_of(users["company admin"])
    _register_member(users["member"], _company_of(users["member"]))
    orders = _orders(users["company admin"], company)

    event = (
        EventPage.objects.live().filter(slug=MEMBER_EVENT_SLUG, locale__language_code="fr").first()
        or EventPage.objects.live().filter(locale__language_code="fr", registration_settings__is_open=True).first()
    )
    post = Post.objects.on_board().order_by("-pk").first()
    pages = {
        "my space": ("company admin", reverse("members:dashboard")),
        "my registrations": ("member", reverse("events:my_registrations")),
        "company people": ("company admin", reverse("members:people", kwargs={"slug": company.slug})),
        "member directory": ("member", reverse("members:directory")),
        "event page": ("member", event.url if event else ""),
        "board": ("member", reverse("partnerships:board")),
        "board post": ("member", reverse("partnerships:post_detail", kwargs={"pk": post.pk}) if post else ""),
        "invoices": ("company admin", reverse("payments:invoices")),
        "order page": (
            "company admin",
            reverse("payments:order_detail", kwargs={"public_id": orders["pending"].public_id}),
        ),
        "admin dashboard": ("secretariat", reverse("wagtailadmin_home")),
    }
    sessions = {persona: session_key(user, second_factor=persona == "secretariat") for persona, user in users.items()}
    return {
        "sessions": sessions,
        "pages": {name: {"persona": persona, "url": url} for name, (persona, url) in pages.items()},
    }
