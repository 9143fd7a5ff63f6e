"""Suggested matches: complementary posts and companies in the same sectors first, each with its reason."""

import pytest
from django.urls import reverse

from partnerships import matching
from partnerships.models import Post
from tests.factories.members import OrganisationFactory, SectorFactory
from tests.factories.partnerships import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def textile(db):
    return SectorFactory(name="Textile", name_en="Textile", slug="textile-test")


def test_a_complementary_post_in_the_same_sector_ranks_above_an_unrelated_one(post_a, company_b, automotive, textile):
    unrelated = PostFactory(
        organisation=company_b,
        kind="request",
        category="subcontracting",
        sectors=[textile],
        title="Ateliers de confection",
        description="Confection de chemises en coton.",
    )
    complementary = PostFactory(
        organisation=company_b,
        kind="offer",
        category="subcontracting",
        sectors=[automotive],
        title="Injection plastique disponible",
        description="Presses à injecter pour clips et grilles en polypropylène.",
    )

    suggestions = matching.suggestions_for_post(post_a).posts

    ranked = [suggestion.post for suggestion in suggestions]
    assert complementary in ranked
    assert unrelated not in ranked or ranked.index(complementary) < ranked.index(unrelated)
    assert ranked[0] == complementary


def test_each_suggestion_is_explained_in_one_line(post_a, company_b, automotive):
    PostFactory(
        organisation=company_b,
        kind="offer",
        sectors=[automotive],
        title="Injection plastique",
        description="Injection de clips en polypropylène.",
    )

    explanation = matching.suggestions_for_post(post_a).posts[0].explanation

    assert "automobile" in explanation
    assert "request ↔ offer" in explanation or "demande ↔ offre" in explanation
    assert "\n" not in explanation


def test_own_company_posts_and_posts_off_the_board_are_never_suggested(post_a, company_a, alice, company_b, automotive):
    PostFactory(organisation=company_a, author=alice, kind="offer", sectors=[automotive])
    PostFactory(organisation=company_b, kind="offer", sectors=[automotive], status=Post.Status.DRAFT)
    PostFactory(organisation=company_b, kind="offer", sectors=[automotive], status=Post.Status.CLOSED)

    assert matching.suggestions_for_post(post_a).posts == []


def test_member_companies_of_the_sector_are_suggested_unless_they_left_the_directory(post_a, automotive):
    listed = OrganisationFactory(legal_name="Kénitra Injection SARL", region="rabat-sale-kenitra")
    listed.sectors.add(automotive)
    hidden = OrganisationFactory(legal_name="Discrète SARL", directory_opt_in=False)
    hidden.sectors.add(automotive)

    companies = [s.organisation for s in matching.suggestions_for_post(post_a).companies]

    assert companies == [listed]


@pytest.mark.parametrize("count", [5, 60])
def test_suggestions_cost_the_same_queries_whatever_the_number_of_posts(
    post_a, company_b, automotive, django_assert_max_num_queries, count
):
    for number in range(count):
        PostFactory(
            organisation=company_b,
            kind="offer" if number % 2 else "request",
            sectors=[automotive],
            regions=["oriental"],
        )

    with django_assert_max_num_queries(8):
        suggestions = matching.suggestions_for_post(post_a)

    assert len(suggestions.posts) == 5


def test_the_post_page_shows_suggestions_to_its_company_only(client, post_a, alice, bruno, company_b, automotive):
    match = PostFactory(organisation=company_b, kind="offer", sectors=[automotive], title="Presses à injecter")
    url = reverse("partnerships:post_detail", args=[post_a.pk])

    client.force_login(alice)
    assert match.title in client.get(url).content.decode()
    client.force_login(bruno)
    assert "suggestions" not in client.get(url).context
