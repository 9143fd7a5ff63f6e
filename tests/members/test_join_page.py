"""The join page a visitor reads before creating an account: the fee table and why join, from the plans on offer."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from payments.amounts import format_amount
from tests.factories.memberships import MembershipPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    return [
        MembershipPlanFactory(
            name="Start-up",
            name_ar="شركة ناشئة",
            annual_fee=150_000,
            joining_fee=0,
            sort_order=0,
            benefits="Fiche dans l'annuaire\nÉvénements au tarif membre",
            benefits_ar="بطاقة في الدليل\nتعريفة الأعضاء في الفعاليات",
        ),
        MembershipPlanFactory(
            name="TPE / PME",
            name_ar="مقاولة صغيرة ومتوسطة",
            annual_fee=500_000,
            joining_fee=100_000,
            sort_order=1,
            benefits="Tous les avantages start-up",
            benefits_ar="",
        ),
        MembershipPlanFactory(name="Ancienne formule", annual_fee=99_900, is_active=False),
    ]


def join_page(client, language: str) -> BeautifulSoup:
    with translation.override(language):
        url = reverse("members:apply")
        response = client.get(url)
        amounts = {fee: format_amount(fee) for fee in (150_000, 500_000, 100_000, 99_900)}
        amounts[0] = translation.gettext("none")
    assert response.status_code == 200
    assert url.startswith("/ar/") == (language == "ar")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    page.amounts = amounts
    return page


def rows(page: BeautifulSoup) -> list[list[str]]:
    table = page.select_one("table.join-fees")
    assert table is not None, "no fee table on the join page"
    return [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]


def test_a_visitor_sees_the_fees_in_mad_before_creating_an_account(client, plans):
    page = join_page(client, "fr")

    amounts = page.amounts
    assert rows(page) == [
        ["Start-up", amounts[150_000], amounts[0]],
        ["TPE / PME", amounts[500_000], amounts[100_000]],
    ]
    assert amounts[150_000] == "1\xa0500,00\xa0MAD"
    assert amounts[99_900] not in page.get_text()  # a plan no longer offered
    # The fees come before the link to create the account.
    signup = page.find("a", href=lambda href: href and href.startswith(reverse("account_signup")))
    assert signup is not None
    assert page.select_one("table.join-fees") in signup.find_all_previous("table")


def test_why_join_lists_each_plans_benefits(client, plans):
    page = join_page(client, "fr")

    cards = {card.select_one("h3").get_text(strip=True): card for card in page.select(".join-benefits > li")}
    assert [item.get_text(strip=True) for item in cards["Start-up"].select("li")] == [
        "Fiche dans l'annuaire",
        "Événements au tarif membre",
    ]
    assert [item.get_text(strip=True) for item in cards["TPE / PME"].select("li")] == ["Tous les avantages start-up"]


def test_the_arabic_join_page_shows_arabic_plans_and_benefits_with_amounts_in_mad(client, plans):
    page = join_page(client, "ar")

    amounts = page.amounts
    table = rows(page)
    assert [row[0] for row in table] == ["شركة ناشئة", "مقاولة صغيرة ومتوسطة"]
    assert [row[1] for row in table] == [amounts[150_000], amounts[500_000]]
    assert [row[2] for row in table] == [amounts[0], amounts[100_000]]
    assert all(row[1].endswith("MAD") for row in table)
    cards = {card.select_one("h3").get_text(strip=True): card for card in page.select(".join-benefits > li")}
    assert [item.get_text(strip=True) for item in cards["شركة ناشئة"].select("li")] == [
        "بطاقة في الدليل",
        "تعريفة الأعضاء في الفعاليات",
    ]
    # No Arabic benefits written: the French ones rather than nothing.
    assert [item.get_text(strip=True) for item in cards["مقاولة صغيرة ومتوسطة"].select("li")] == [
        "Tous les avantages start-up"
    ]


def test_no_fee_table_when_no_plan_is_offered(client):
    page = join_page(client, "fr")

    assert page.select_one("table.join-fees") is None
    assert page.find("a", href=lambda href: href and href.startswith(reverse("account_signup"))) is not None
