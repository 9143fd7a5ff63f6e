"""Every URL pattern of the project, requested by every persona, against an explicit table of what each may see.

Inside /admin/ and /django-admin/ every pattern is requested anonymously, as admin_b and as each staff role (editor,
treasurer, event manager, moderator, secretariat); company A's member and administrator are represented there by
admin_b, since to the admins any logged-in member without a staff role is the same stranger (their columns say "-").
"""

import json
import os
import re
import time
from urllib.parse import urlsplit

import pytest

from tests.security.conftest import PERSONAS
from tests.security.urls import unique_patterns

pytestmark = pytest.mark.django_db

RECORD = os.environ.get("SECURITY_SWEEP_RECORD")


def outcome(response) -> str:
    """What a persona got: the status code, or where a redirect sends them ("login", "2fa", "admin" home)."""
    if response.status_code in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        for prefix, label in (("/accounts/login/", "login"), ("/accounts/2fa/", "2fa"), ("/accounts/reauth", "2fa")):
            if path.startswith(prefix) or path.startswith(f"/en{prefix}") or path.startswith(f"/ar{prefix}"):
                return label
        if path == "/admin/":
            return "admin"
        return str(response.status_code)
    return str(response.status_code)


from tests.security.expectations import EXPECTED  # noqa: E402

ADMINS = ("admin/", "^admin/", "django-admin/", "^django-admin/")
REPRESENTED = ("member_a", "admin_a")  # by admin_b, inside the admins


def write_proposed_table():
    """After a recording run: every persona's observed outcome, as lines of expectations.py, to review by hand."""
    seen = {}
    for persona in PERSONAS:
        try:
            with open(f"{RECORD}.{persona}.json") as recorded:
                seen[persona] = json.load(recorded)["seen"]
        except FileNotFoundError:
            return  # a partial run (-k): nothing to propose
    lines = []
    for pattern in unique_patterns():
        route = pattern.route
        cells = [
            "-" if route.startswith(ADMINS) and persona in REPRESENTED else seen[persona].get(route, "?")
            for persona in PERSONAS
        ]
        lines.append(f"    {route!r}: {' '.join(cells)!r},\n")
    with open(f"{RECORD}.proposed.py", "w") as out:
        out.writelines(["EXPECTED = {\n", *lines, "}\n"])


def test_every_pattern_has_an_expectation():
    missing = [p.route for p in unique_patterns() if p.route not in EXPECTED]
    assert not missing, "URL patterns without an entry in tests/security/expectations.py:\n" + "\n".join(missing)
    stale = set(EXPECTED) - {p.route for p in unique_patterns()}
    assert not stale, f"Entries for patterns that no longer exist: {sorted(stale)}"


# Wagtail's image preview leaves a temporary file to the garbage collector.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("persona", PERSONAS)
def test_sweep(world, addresses, persona):
    client = world.clients[persona]
    column = PERSONAS.index(persona)
    wrong, seen = [], {}
    start = time.monotonic()
    for pattern in unique_patterns():
        url = addresses[pattern.route]
        expected = EXPECTED.get(pattern.route, "").split()
        if not RECORD and len(expected) == len(PERSONAS) and expected[column] == "-":
            continue
        response = client.get(url)
        if response.streaming:
            response.getvalue()  # read to the end, which closes the file a download streams
        got = outcome(response)
        seen[pattern.route] = got
        if not RECORD and (len(expected) != len(PERSONAS) or got != expected[column]):
            wanted = expected[column] if len(expected) == len(PERSONAS) else "(no entry)"
            wrong.append(f"{pattern.route} ({url}): expected {wanted}, got {got}")
    if RECORD:
        with open(f"{RECORD}.{persona}.json", "w") as out:
            json.dump({"seconds": time.monotonic() - start, "seen": seen}, out)
        if persona == PERSONAS[-1]:
            write_proposed_table()
    assert not wrong, f"{persona}:\n" + "\n".join(wrong)


# Company A's things, asked for by company B's administrator: the table must say "deny" (403 or 404) for them.
CROSS_COMPANY = [
    "my-space/companies/<slug:slug>/",
    "my-space/companies/<slug:slug>/people/",
    "my-space/companies/<slug:slug>/people/<int:pk>/remove/",
    "registrations/<str:code>/",
    "registrations/<str:code>/badge.pdf",
    "payments/orders/<uuid:public_id>/",
    "payments/orders/<uuid:public_id>/transfer/",
    "payments/orders/<uuid:public_id>/pro-forma.pdf",
    "payments/orders/<uuid:public_id>/card/success/",
    "payments/orders/<uuid:public_id>/card/cancelled/",
    "payments/invoices/<str:number>.pdf",
    "payments/receipts/<int:pk>/",
    "board/<int:pk>/edit/",
    "board/<int:pk>/close/",
    "my-space/board/conversations/<int:pk>/",
    "meetings/<int:pk>/participants/",
    "meetings/<int:pk>/agenda/",
    "meetings/<int:pk>/agenda.pdf",
    "meetings/requests/<int:pk>/",
]


def test_the_table_denies_company_b_what_belongs_to_company_a():
    column = PERSONAS.index("admin_b")
    allowed = [route for route in CROSS_COMPANY if EXPECTED[route].split()[column] not in ("403", "404")]
    assert not allowed, f"company B's administrator must not get these pages of company A: {allowed}"


# What each role must never be given, whatever the table says: (persona, routes it must not get a 200 on, why).
FORBIDDEN = [
    ("anon", re.compile(r"\^?(django-)?admin/"), "anonymous visitors get no admin page"),
    (
        "editor",
        re.compile(r"admin/(members_|payments_|partnerships_|events_|users/|groups/)|\^?django-admin/"),
        "the editor gets no members, payments, partnerships, registrations or accounts admin",
    ),
    (
        "treasurer",
        re.compile(
            r"admin/(pages/|snippets/$|snippets/(?!choose/)|snippets/choose/.+/create/$|partnerships_(review|posts)/"
            r"|users/|groups/)|\^?django-admin/"
        ),
        "the treasurer gets no page editing, CMS snippet, board review or accounts admin",
    ),
    (
        "event_manager",
        re.compile(
            r"admin/(payments_|members_(?!organisations/(results/)?$)|partnerships_(review|posts)/|snippets/cms/"
            r"|snippets/choose/cms/.+/create/$|users/|groups/|settings/)|\^?django-admin/"
            r"|payments/(orders/|invoices/.|receipts/)"
        ),
        "the event manager gets no payments, members editing (companies read-only), board review, CMS snippet "
        "or accounts admin, and no one's orders, invoices or receipts",
    ),
    (
        "moderator",
        re.compile(
            r"admin/(pages/|events_|members_|payments_|partnerships_brokerage/|reports/recomputed-times/"
            r"|snippets/$|snippets/(?!choose/)|snippets/choose/.+/create/$|documents/(?!chooser/)|images/(?!chooser/)"
            r"|users/|groups/|settings/)|\^?django-admin/"
            r"|events/<int:event_id>/check-in/|registrations/<str:code>/|payments/(orders/|invoices/.|receipts/)"
        ),
        "the moderator gets only the board review: no events, registrations, check-in, B2B meetings, payments, "
        "members, page editing, media or accounts admin",
    ),
]
# 200s Wagtail gives any user of its admin on those routes, harmless as they are.
WAGTAIL_OPEN = {
    # the icon sprite and the JavaScript catalogue, static files the login page itself needs
    ("anon", "admin/sprite/"),
    ("anon", "admin/jsi18n/"),
    # "choose a parent page" lists only the pages the user may add under: none for the treasurer
    ("treasurer", "admin/pages/create/<slug:app_label>/<slug:model_name>"),
    # answers "no confirmation needed" when the page has no workflow in progress
    ("treasurer", "admin/pages/workflow/confirm_cancellation/<int:page_id>/"),
    ("moderator", "admin/pages/create/<slug:app_label>/<slug:model_name>"),
    ("moderator", "admin/pages/workflow/confirm_cancellation/<int:page_id>/"),
}
DELIBERATE_500 = {"admin/failwhale/"}  # Wagtail's own "test the error page" view, for admin users


def test_the_table_keeps_each_role_to_its_area():
    """Role rules over the table itself: a later edit cannot quietly grant the editor the payments admin."""
    broken = []
    for route, line in EXPECTED.items():
        cells = dict(zip(PERSONAS, line.split(), strict=True))
        for persona, routes, why in FORBIDDEN:
            if cells[persona] == "200" and routes.match(route) and (persona, route) not in WAGTAIL_OPEN:
                broken.append(f"{route}: {persona} gets 200, but {why}")
        for persona, outcome_ in cells.items():
            if outcome_ == "500" and route not in DELIBERATE_500:
                broken.append(f"{route}: {persona} gets a server error")
            if outcome_ == "-" and not (route.startswith(ADMINS) and persona in REPRESENTED):
                broken.append(f"{route}: {persona} is not requested")
    assert not broken, "\n".join(broken)


# What each role must keep, whatever the table says: (persona, routes it must get a 200 on, why).
REQUIRED = [
    (
        "event_manager",
        [
            "admin/events_home/",
            "admin/events_registrations/",
            "admin/events_registrations/event/<int:event_id>/",
            "admin/events_registrations/event/<int:event_id>/badges.pdf",
            "admin/events_ticket_types/",
            "admin/events_ticket_types/edit/<int:pk>/",
            "admin/events_questions/",
            "admin/events_questions/edit/<int:pk>/",
            "admin/events_registration_settings/",
            "admin/events_registration_settings/edit/<int:pk>/",
            "admin/events_waitlist/",
            "admin/partnerships_brokerage/",
            "admin/partnerships_brokerage/edit/<int:pk>/",
            "admin/partnerships_brokerage/overview/<int:pk>/",
            "admin/members_organisations/",
            "admin/pages/<int:page_id>/edit/",
            "events/<int:event_id>/check-in/",
            "registrations/<str:code>/badge.pdf",
        ],
        "the event manager runs the events: registrations, tickets, questions, waitlists, check-in, badges, B2B "
        "meetings, the event pages, and sees the companies",
    ),
    (
        "moderator",
        ["admin/partnerships_review/", "admin/partnerships_review/edit/<int:pk>/", "admin/partnerships_posts/"],
        "the moderator reviews the board's posts",
    ),
]


def test_the_table_gives_each_role_its_area():
    """A later edit cannot quietly take the event manager's registrations or the moderator's review away."""
    lost = [
        f"{route}: {persona} gets {EXPECTED[route].split()[PERSONAS.index(persona)]}, but {why}"
        for persona, routes, why in REQUIRED
        for route in routes
        if EXPECTED[route].split()[PERSONAS.index(persona)] != "200"
    ]
    assert not lost, "\n".join(lost)


def test_the_event_manager_edits_the_event_pages_and_no_other(world):
    """The sweep's page routes ask for the event page: the home page and the news stay out of the event manager's
    reach (the role's page permissions are on the events indexes only)."""
    client = world.clients["event_manager"]
    asked = {
        "event/edit": world["event"].pk,
        "news/edit": world["news"].pk,
        "home/edit": world["home"].pk,
        "home/add_subpage": world["home"].pk,
    }
    got = {what: outcome(client.get(f"/admin/pages/{pk}/{what.split('/')[1]}/")) for what, pk in asked.items()}
    assert got == {"event/edit": "200", "news/edit": "admin", "home/edit": "admin", "home/add_subpage": "admin"}
