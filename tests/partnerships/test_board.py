"""Browsing the board: who sees what, search, filters, sorts, pages, and the cost of a page."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from members.models import Organisation
from partnerships.models import Post
from tests.factories.members import OrganisationFactory, SectorFactory
from tests.factories.partnerships import PostFactory

pytestmark = pytest.mark.django_db
BOARD = reverse("partnerships:board")
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


def titles(response) -> list[str]:
    return [post.title for post in response.context["page_obj"].object_list]


@pytest.fixture
def public_post(company_a, alice):
    return PostFactory(
        organisation=company_a,
        author=alice,
        title="Recherche d'un distributeur en Espagne",
        visibility=Post.Visibility.PUBLIC,
        partner_profile="Distributeur avec entrepôt à Valence.",
    )


def test_visitors_see_public_teasers_only_without_the_company_name(client, public_post, post_a):
    response = client.get(BOARD)

    assert titles(response) == [public_post.title]
    page = response.content.decode()
    assert "Atlas Composants" not in page


def test_teaser_page_hides_the_company_the_partner_profile_and_the_attachment(client, public_post):
    response = client.get(reverse("partnerships:post_detail", args=[public_post.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert escape(public_post.title) in page
    assert "Atlas Composants" not in page and "Valence" not in page
    assert reverse("partnerships:attachment", args=[public_post.pk]) not in page
    assert reverse("partnerships:express_interest", args=[public_post.pk]) not in page


def test_members_see_every_post_in_full(client, public_post, post_a, bruno):
    client.force_login(bruno)

    response = client.get(BOARD)
    detail = client.get(reverse("partnerships:post_detail", args=[public_post.pk])).content.decode()

    assert set(titles(response)) == {public_post.title, post_a.title}
    assert "Atlas Composants" in response.content.decode()
    assert "Atlas Composants" in detail and "Valence" in detail


def test_a_visitor_opening_a_members_only_post_is_asked_to_log_in(client, post_a):
    response = client.get(reverse("partnerships:post_detail", args=[post_a.pk]))

    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_person_without_an_active_company_sees_teasers_only(client, public_post, post_a, lapsed_person):
    client.force_login(lapsed_person)

    assert titles(client.get(BOARD)) == [public_post.title]
    assert client.get(reverse("partnerships:post_detail", args=[post_a.pk])).status_code == 404


def test_posts_leave_the_board_when_expired_or_when_their_company_lapses(client, company_a, alice, bruno):
    PostFactory(
        organisation=company_a, author=alice, title="Périmée", expires_on=timezone.localdate() - dt.timedelta(days=1)
    )
    lapsed = OrganisationFactory(status=Organisation.Status.LAPSED)
    PostFactory(organisation=lapsed, title="Adhésion échue")
    PostFactory(organisation=company_a, author=alice, title="Brouillon", status=Post.Status.DRAFT)
    PostFactory(organisation=company_a, author=alice, title="Visible")
    client.force_login(bruno)

    assert titles(client.get(BOARD)) == ["Visible"]


def test_board_filters_by_kind_category_sector_and_region(client, company_a, alice, bruno):
    textile = SectorFactory(slug="textile-demo")
    PostFactory(organisation=company_a, author=alice, title="Offre", kind="offer", category="export")
    PostFactory(organisation=company_a, author=alice, title="Demande", kind="request", category="investment")
    PostFactory(organisation=company_a, author=alice, title="Textile", sectors=[textile], regions=["oriental"])
    client.force_login(bruno)

    assert titles(client.get(BOARD, {"kind": "request"})) == ["Demande"]
    assert titles(client.get(BOARD, {"category": "export"})) == ["Offre"]
    assert titles(client.get(BOARD, {"sector": "textile-demo"})) == ["Textile"]
    assert titles(client.get(BOARD, {"region": "oriental"})) == ["Textile"]


def test_board_sorts_newest_first_or_expiring_soonest_first(client, company_a, alice, bruno):
    today, now = timezone.localdate(), timezone.now()
    PostFactory(
        organisation=company_a,
        author=alice,
        title="Ancienne",
        published_at=now - dt.timedelta(days=9),
        expires_on=today + dt.timedelta(days=3),
    )
    PostFactory(
        organisation=company_a,
        author=alice,
        title="Récente",
        published_at=now,
        expires_on=today + dt.timedelta(days=60),
    )
    client.force_login(bruno)

    assert titles(client.get(BOARD)) == ["Récente", "Ancienne"]
    assert titles(client.get(BOARD, {"sort": "expiring"})) == ["Ancienne", "Récente"]


def test_search_finds_words_in_the_description_in_any_order(client, company_a, alice, bruno):
    PostFactory(
        organisation=company_a, author=alice, title="Sous-traitance", description="Usinage de pièces en titane."
    )
    PostFactory(organisation=company_a, author=alice, title="Autre", description="Conseil en export.")
    client.force_login(bruno)

    assert titles(client.get(BOARD, {"q": "titane usinage"})) == ["Sous-traitance"]
    assert titles(client.get(BOARD, {"q": "titane export"})) == []


@on_postgres
def test_full_text_search_matches_other_forms_of_a_word_on_postgresql(client, company_a, alice, bruno):
    PostFactory(organisation=company_a, author=alice, title="Moules", description="Fabrication de moules d'injection.")
    client.force_login(bruno)

    assert titles(client.get(BOARD, {"q": "moule"})) == ["Moules"]
    assert titles(client.get(BOARD, {"q": "injections"})) == ["Moules"]


def test_bad_filter_values_answer_400_with_the_form_errors(client):
    response = client.get(BOARD, {"kind": "everything", "sector": "no-such-sector"})

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"kind", "sector"}


def test_board_pages_hold_twenty_posts(client, company_a, alice, bruno):
    for number in range(23):
        PostFactory(organisation=company_a, author=alice, title=f"Annonce {number}")
    client.force_login(bruno)

    assert len(titles(client.get(BOARD))) == 20
    assert len(titles(client.get(BOARD, {"page": 2}))) == 3


@pytest.mark.parametrize("count", [3, 40])
def test_board_page_costs_the_same_queries_whatever_the_number_of_posts(
    client, company_a, alice, bruno, django_assert_max_num_queries, count
):
    sectors = [SectorFactory(), SectorFactory()]
    for number in range(count):
        PostFactory(
            organisation=company_a,
            author=alice,
            sectors=sectors,
            regions=["oriental", "souss-massa"],
            visibility="public" if number % 2 else "members",
        )
    client.force_login(bruno)
    client.get(BOARD)

    with django_assert_max_num_queries(14):
        assert client.get(BOARD, {"q": "usinage", "sort": "expiring"}).status_code == 200
    client.logout()
    with django_assert_max_num_queries(6):
        assert client.get(BOARD).status_code == 200


def test_anonymous_board_sets_no_cookie(client, public_post):
    response = client.get(BOARD)

    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()
