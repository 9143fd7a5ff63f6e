"""Runs inside Django (same settings and database as the server): finds the pages to load and counts the SQL
queries each one makes on a warm second request, anonymously and then as the logged-in personas (personas.py,
whose sessions the load generator reuses). Prints one JSON object on stdout.

Started by run.py as a subprocess, so that the benchmark process itself never imports Django.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
BENCH_EVENT_SLUG = "bench-inscriptions"  # registrations_setup.py's event: not one of the pages measured


def _first_url(model_path: str, **filters) -> str:
    from django.apps import apps

    try:
        model = apps.get_model(model_path)
    except LookupError:
        return ""
    pages = model.objects.live().public().filter(**filters).exclude(slug=BENCH_EVENT_SLUG)
    page = pages.order_by("-pk").first()
    return page.url if page else ""


def _reverse_first(*candidates: tuple[str, dict]) -> str:
    from django.urls import NoReverseMatch, reverse

    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return ""


def discover() -> dict[str, str]:
    """The URL of each benchmarked page, or "" when that part of the site does not exist (yet)."""
    from members.models import Organisation

    organisation = Organisation.objects.in_directory().order_by("pk").first()
    slug = {"slug": organisation.slug} if organisation else {}
    search = _reverse_first(("cms:search", {}), ("search", {}))
    return {
        "home": "/",
        "news index": _first_url("cms.NewsIndexPage", locale__language_code="fr"),
        "news article": _first_url("cms.NewsPage", locale__language_code="fr"),
        "event index": _first_url("events.EventIndexPage", locale__language_code="fr"),
        "event page": _first_url("events.EventPage", locale__language_code="fr"),
        "member directory": _reverse_first(
            ("members:directory", {}), ("members:organisation_list", {}), ("members:directory_index", {})
        ),
        "company profile": _reverse_first(
            ("members:organisation_detail", slug),
            ("members:directory_detail", slug),
            ("members:organisation", slug),
            ("members:profile", slug),
        )
        if slug
        else "",
        "search": f"{search}?q=num%C3%A9rique" if search else "",
    }


def count_queries(urls: dict[str, str], session: str = "") -> dict[str, dict]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT_LANGUAGE="fr", raise_request_exception=False)
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    counts = {}
    for name, url in urls.items():
        if not url:
            continue
        client.get(url)  # cold: fills Wagtail's site and settings caches, compiles templates
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts[name] = {"status": response.status_code, "queries": len(captured.captured_queries)}
    return counts


def main():
    import django

    django.setup()
    import personas

    urls = discover()
    counts = count_queries(urls)
    logged_in = personas.prepare()
    member_pages = logged_in["pages"]
    for name, page in member_pages.items():
        session = logged_in["sessions"][page["persona"]]
        page.update(count_queries({name: page["url"]}, session).get(name, {}))
    from django.conf import settings

    print(
        json.dumps(
            {
                "urls": urls,
                "counts": counts,
                "session_cookie": settings.SESSION_COOKIE_NAME,
                "sessions": logged_in["sessions"],
                "member_pages": member_pages,
            }
        )
    )


if __name__ == "__main__":
    main()
