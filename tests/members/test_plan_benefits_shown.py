"""Where a company chooses or renews a plan, it reads what the plan includes, in its language; region names and the
company form's help texts are in the visitor's language too."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from cms.models import AssociationSettings
from members.models import Region
from members.models.organisations import Organisation
from tests.factories.members import MemberUserFactory, OrganisationFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return MembershipPlanFactory(
        name="Start-up",
        name_ar="شركة ناشئة",
        benefits="Fiche dans l'annuaire\nÉvénements au tarif membre",
        benefits_ar="بطاقة في الدليل\nتعريفة الأعضاء في الفعاليات",
    )


def get(client, name: str, language: str, *args) -> BeautifulSoup:
    with translation.override(language):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def benefit_lists(page: BeautifulSoup) -> list[list[str]]:
    return [[item.get_text() for item in listing.select("li")] for listing in page.select(".join-benefits__list")]


def test_the_application_form_lists_what_each_plan_includes_in_arabic(client, plan):
    client.force_login(MemberUserFactory())

    page = get(client, "members:apply", "ar")

    section = page.select_one(".plan-benefits")
    assert section.select_one("dt").get_text() == "شركة ناشئة"
    assert benefit_lists(section) == [["بطاقة في الدليل", "تعريفة الأعضاء في الفعاليات"]]


def test_choosing_a_plan_in_my_space_shows_its_benefits(admin_client, plan):
    page = get(admin_client, "members:dashboard", "fr")

    assert ["Fiche dans l'annuaire", "Événements au tarif membre"] in benefit_lists(page)


def test_renewing_shows_the_plan_and_what_it_includes(admin_client, company, plan):
    today = timezone.localdate()
    MembershipFactory(
        organisation=company, plan=plan, period_start=today - timedelta(days=300), period_end=today + timedelta(days=20)
    )

    page = get(admin_client, "members:dashboard", "ar")

    form = page.find("form", action=reverse("members:membership_renew", args=[company.slug]).replace("/", "/ar/", 1))
    card = form.find_parent(class_="card__body")
    assert "شركة ناشئة" in card.get_text()
    assert ["بطاقة في الدليل", "تعريفة الأعضاء في الفعاليات"] in benefit_lists(card)


def test_region_names_are_read_in_the_visitors_language(client):
    OrganisationFactory(region=Region.FES_MEKNES, city="Fès", status=Organisation.Status.ACTIVE, directory_opt_in=True)

    page = get(client, "members:directory", "en")

    options = [option.get_text() for option in page.select('select[name="region"] option')]
    assert "Fez-Meknes" in options and "Fès-Meknès" not in options
    assert "Fez-Meknes" in page.select_one(".directory-card").get_text()


def test_the_company_forms_help_texts_are_in_the_visitors_language(client):
    client.force_login(MemberUserFactory())

    page = get(client, "members:apply", "en")

    help_texts = " ".join(help.get_text() for help in page.select(".field__help"))
    assert "The company's common identifier: 15 digits." in help_texts
    assert "Identifiant" not in help_texts and "Registre" not in help_texts


def test_an_arabic_invitation_names_the_association_in_arabic(admin_client, company):
    AssociationSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"name": "Majlis Tech — Association", "name_ar": "مجلس تك — جمعية"},
    )

    admin_client.post(
        reverse("members:people", args=[company.slug]),
        {"invite-email": "amina@example.ma", "invite-role": "member", "invite-language": "ar"},
    )

    assert mail.outbox[-1].subject.endswith("مجلس تك — جمعية")
    assert "Majlis Tech — Association" not in mail.outbox[-1].subject
