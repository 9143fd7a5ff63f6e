"""The demo site a newcomer gets from `make run`, and the large data set `make bench` loads."""

import json
import subprocess
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page, Site

from cms.models import HomePage, NewsPage
from core.validators import ice_is_valid
from demo import content, scale
from demo.members import ice_number
from events.models import EventPage
from members.models import Organisation

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def logins_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo-logins.json"
    with override_settings(DEMO_LOGINS_FILE=path):
        yield path


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker, logins_file):
    """Seeding takes seconds: do it once for the module, inside a transaction rolled back at the end, so that
    each test (in its own savepoint) starts from the same demo site and nothing leaks into other modules."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--no-images", verbosity=0)
        yield json.loads(logins_file.read_text())
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


def counts() -> dict[str, int]:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from wagtail.models import PageViewRestriction, Revision

    from cms.models import NewsCategory
    from events.models import Registration, Speaker
    from members.models import Membership, MembershipPlan, OrganisationMember, Sector
    from payments.models import Order

    models = [
        get_user_model(),
        EmailAddress,
        Sector,
        Organisation,
        OrganisationMember,
        MembershipPlan,
        Membership,
        Page,
        Revision,
        PageViewRestriction,
        NewsCategory,
        Speaker,
        Site,
        Registration,
        Order,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_seeding_twice_creates_nothing_new(seeded):
    first = counts()
    call_command("seed_demo", "--no-images", verbosity=0)
    assert counts() == first


def test_seeding_again_keeps_the_demo_passwords(seeded, logins_file):
    call_command("seed_demo", "--no-images", verbosity=0)
    assert json.loads(logins_file.read_text()) == seeded


def test_home_page_is_the_root_of_the_default_site(seeded, client):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    response = client.get("/")
    assert response.status_code == 200
    assert content.HOME["hero_title"] in response.text


def test_home_page_has_english_and_arabic_versions(seeded, client):
    assert content.HOME["en"][1] in client.get("/en/").text
    assert content.HOME["ar"][1] in client.get("/ar/").text


def test_english_and_arabic_trees_hold_every_french_page(seeded):
    french = set(
        Page.objects.live().filter(locale__language_code="fr", depth__gt=1).values_list("translation_key", flat=True)
    )
    for code in ("en", "ar"):
        other = Page.objects.live().filter(locale__language_code=code)
        assert set(other.values_list("translation_key", flat=True)) == french
        # The seeded translations stay translations; the rest are aliases of the French pages.
        assert other.filter(alias_of__isnull=True).count() == 1 + len(
            content.STANDARD_PAGES_TRANSLATED[code]
        ) + 2 + len(content.NEWS_TRANSLATED)


def test_demo_member_logs_in_with_the_printed_password(seeded, client):
    member = seeded["member"]
    response = client.post(reverse("account_login"), {"login": member["email"], "password": member["password"]})
    assert response.status_code == 302
    assert client.get(reverse("members:dashboard")).status_code == 200


def test_secretariat_logs_in_with_its_totp_code(seeded, client):
    secretariat = seeded["secretariat"]
    response = client.post(
        reverse("account_login"), {"login": secretariat["email"], "password": secretariat["password"]}
    )
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    counters = list(yield_hotp_counters_from_time())
    now = counters[len(counters) // 2]
    code = format_hotp_value(hotp_value(secretariat["totp_secret"], now))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("role", "job"), [("treasurer", "payments_orders:index"), ("event_manager", "events_registrations:index")]
)
def test_the_treasurer_and_the_event_manager_log_in_and_reach_their_work(seeded, client, role, job):
    login = seeded[role]
    client.post(reverse("account_login"), {"login": login["email"], "password": login["password"]})
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(login["totp_secret"], counters[len(counters) // 2]))
    client.post(reverse("mfa_authenticate"), {"code": code})

    assert client.get(reverse(job)).status_code == 200
    assert client.get(reverse("members_applications:index")).status_code == 302  # not their area


def test_the_demo_has_people_registered_and_orders_to_collect(seeded, client):
    """The member finds her events in "My registrations"; the event manager and the treasurer find attendees
    and unpaid orders in their listings, not empty pages."""
    from events.models import Registration
    from payments.models import Order

    member = seeded["member"]
    client.post(reverse("account_login"), {"login": member["email"], "password": member["password"]})
    page = client.get(reverse("events:my_registrations")).text
    assert "Digital Now" in page
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() >= 5
    reserved = Registration.objects.filter(status=Registration.Status.RESERVED)
    assert reserved.count() >= 3
    assert (
        Order.objects.filter(pk__in=reserved.values("order")).exclude(status=Order.Status.PAID).count()
        == reserved.count()
    )


def test_demo_passwords_are_not_in_the_repository(seeded, logins_file):
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    passwords = [login["password"].encode() for login in seeded.values()]
    for name in filter(None, tracked):
        path = ROOT / name.decode()
        if path.is_file():
            data = path.read_bytes()
            assert not any(password in data for password in passwords), path


def test_the_logins_file_is_ignored_by_git():
    result = subprocess.run(["git", "check-ignore", "-q", ".demo-logins.json"], cwd=ROOT, check=False)
    assert result.returncode == 0


def test_members_only_article_is_not_shown_to_visitors(seeded, client):
    slug, *_rest, paragraphs = next(row for row in content.NEWS if row[5])
    page = NewsPage.objects.get(slug=slug, locale__language_code="fr")
    response = client.get(page.url, follow=True)
    assert paragraphs[0] not in response.text


def test_demo_organisations_have_valid_ice_numbers(seeded):
    numbers = list(Organisation.objects.values_list("ice", flat=True))
    assert len(numbers) == len(content.ORGANISATIONS)
    assert all(ice_is_valid(number) for number in numbers)
    assert len(set(numbers)) == len(numbers)


def test_demo_ice_numbers_pass_the_check_digits():
    assert ice_is_valid("001561191000066")
    assert not ice_is_valid("001561191000065")
    for seed in (0, 1, 12345, 10**9):
        number = ice_number(seed)
        assert len(number) == 15 and int(number) % 97 == 0 and ice_is_valid(number)


def test_trade_fair_side_meetings_are_child_events(seeded):
    fair = EventPage.objects.get(slug="midest-maroc", locale__language_code="fr")
    assert set(fair.get_children().values_list("slug", flat=True)) == {
        "midest-rencontre-clusters",
        "midest-rendez-vous-b2b",
    }


def test_scale_multiplies_companies_articles_and_events(seeded, monkeypatch):
    # A smaller unit than the benchmark's (500 companies, 100 articles, 25 events) keeps the test fast.
    monkeypatch.setattr(scale, "COMPANIES_PER_SCALE", 10)
    monkeypatch.setattr(scale, "NEWS_PER_SCALE", 3)
    monkeypatch.setattr(scale, "EVENTS_PER_SCALE", 2)
    call_command("seed_demo", "--no-images", "--scale", "2", verbosity=0)
    call_command("seed_demo", "--no-images", "--scale", "2", verbosity=0)
    assert Organisation.objects.filter(slug__startswith="entreprise-").count() == 20
    assert NewsPage.objects.live().filter(slug__startswith="article-", locale__language_code="fr").count() == 6
    assert EventPage.objects.live().filter(slug__startswith="evenement-", locale__language_code="fr").count() == 4


def test_every_demo_company_has_a_current_membership_with_renewal_open_in_autumn(seeded, client):
    from members.models import Membership, MembershipPlan

    assert MembershipPlan.objects.active().count() == 4
    current = Membership.objects.current()
    assert current.count() == Organisation.objects.count() == 40
    assert {m.period_end.month for m in current} == {12}
