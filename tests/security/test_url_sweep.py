"""Every URL pattern of the project, requested by every persona, against an explicit table of what each may see."""

import json
import os
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
