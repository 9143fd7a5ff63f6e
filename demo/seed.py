"""The demo site that `make run` shows a newcomer, and the large data set `make bench` loads.

Split by subject: accounts, members (sectors and companies), pages (home, standard pages, site settings),
news, events, and scale (bulk generation). Every step is idempotent: objects are keyed by e-mail or slug
(pages by slug under their parent), so seeding twice changes nothing.
"""

from collections.abc import Callable

from django.db import transaction
from django.test.utils import override_settings


def seed_demo(*, scale: int = 0, with_images: bool = True, log: Callable[[str], object] | None = None) -> dict:
    """Create or refresh the whole demo site; return what exists afterwards, by kind, for the command's summary."""
    from cms.translations import sync_page_trees
    from demo import accounts, events, members, news, pages, registrations
    from demo import partnerships as board
    from demo import scale as bulk

    say = log or (lambda message: None)
    with transaction.atomic():
        say("Accounts…")
        users = accounts.seed_accounts()
        say("Sectors and member companies…")
        sectors = members.seed_sectors()
        organisations = members.seed_organisations(sectors, with_logos=with_images)
        members.seed_people(users, organisations)
        members.seed_memberships(organisations)
        say("Home page, standard pages and site settings…")
        site_pages = pages.seed_pages(with_images=with_images)
        say("News…")
        news.seed_news(site_pages, users)
        say("Events…")
        events.seed_events(site_pages, organisations, with_images=with_images)
        registrations.seed_registrations(site_pages)
        say("Site settings and translations…")
        pages.seed_settings(site_pages.site, site_pages, with_images=with_images)
        pages.seed_translations(site_pages)
        say("Partnership board…")
        board.seed_board(organisations, sectors, users)
    say("Registrations…")
    # Through the registration service, in a transaction of their own: the confirmations and reservation
    # notices it sends when that commits go to an outbox in memory, not to the demo people (nor the console).
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
        registrations.seed_attendees(site_pages, users, organisations)
    if scale:
        say(
            f"Scale {scale}: {scale * bulk.COMPANIES_PER_SCALE} companies, {scale * bulk.NEWS_PER_SCALE} articles, "
            f"{scale * bulk.EVENTS_PER_SCALE} events…"
        )
        bulk.seed_scale(scale, site_pages, sectors, with_images=with_images, log=say)
        say(f"  {board.seed_scale(scale * board.POSTS_PER_SCALE, sectors)} board posts added")
    say("English and Arabic page trees…")
    # Every French page not translated reaches /en/ and /ar/ as an alias, as pages created in the admin do.
    say(f"  {sync_page_trees()} aliases added")
    return summary()


def summary() -> dict[str, int]:
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    counts = {"users": get_user_model().objects.count()}
    for label, model_path in (
        ("sectors", "members.Sector"),
        ("organisations", "members.Organisation"),
        ("membership plans", "members.MembershipPlan"),
        ("memberships", "members.Membership"),
        ("news articles", "cms.NewsPage"),
        ("events", "events.EventPage"),
        ("registrations", "events.Registration"),
        ("board posts", "partnerships.Post"),
    ):
        try:
            counts[label] = apps.get_model(model_path).objects.count()
        except LookupError:
            continue
    counts["pages"] = Page.objects.count()
    return counts
