import pytest
from django.urls import reverse
from django.utils import translation
from wagtail_factories import ImageFactory

from members.models import Organisation
from tests.factories.members import (
    MemberUserFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("members:directory")


def names(response) -> list[str]:
    return [o.display_name for o in response.context["page_obj"].object_list]


def test_directory_lists_active_companies_that_opted_in(client):
    OrganisationFactory(legal_name="Atlas Logiciels")
    OrganisationFactory(legal_name="Discret SA", directory_opt_in=False)
    OrganisationFactory(legal_name="Candidat SARL", status=Organisation.Status.APPLICANT)
    OrganisationFactory(legal_name="Ancien SARL", status=Organisation.Status.LAPSED)

    assert names(client.get(DIRECTORY)) == ["Atlas Logiciels"]


@pytest.mark.parametrize("status", ["applicant", "lapsed", "rejected"])
def test_inactive_company_profile_is_not_found(client, status):
    company = OrganisationFactory(status=status)

    assert client.get(reverse("members:organisation_detail", args=[company.slug])).status_code == 404


def test_opted_out_company_profile_is_not_found(client):
    company = OrganisationFactory(directory_opt_in=False)

    assert client.get(reverse("members:organisation_detail", args=[company.slug])).status_code == 404


def test_search_by_name_and_keyword(client):
    OrganisationFactory(legal_name="Atlas Logiciels", description="Cybersécurité et cloud souverain")
    OrganisationFactory(legal_name="Denim Tanger", description="Confection de jeans")

    assert names(client.get(DIRECTORY, {"q": "atlas"})) == ["Atlas Logiciels"]
    assert names(client.get(DIRECTORY, {"q": "jeans"})) == ["Denim Tanger"]


def test_filter_by_sector_region_and_size(client):
    solar = SectorFactory(slug="solar", name="Solaire")
    OrganisationFactory(legal_name="Noor Tech", region="souss-massa", size_band="medium").sectors.add(solar)
    OrganisationFactory(legal_name="Sun Oujda", region="oriental", size_band="medium").sectors.add(solar)
    OrganisationFactory(legal_name="Casa Soft", region="casablanca-settat", size_band="micro")

    assert names(client.get(DIRECTORY, {"sector": "solar"})) == ["Noor Tech", "Sun Oujda"]
    assert names(client.get(DIRECTORY, {"sector": "solar", "region": "oriental"})) == ["Sun Oujda"]
    assert names(client.get(DIRECTORY, {"size": "micro"})) == ["Casa Soft"]


def test_unknown_filter_value_shows_everything_instead_of_an_error(client):
    OrganisationFactory(legal_name="Atlas Logiciels")

    response = client.get(DIRECTORY, {"sector": "no-such-sector", "page": "999"})

    assert response.status_code == 200


def test_directory_is_paginated(client):
    OrganisationFactory.create_batch(30)

    first = client.get(DIRECTORY)
    second = client.get(DIRECTORY, {"page": 2})

    assert len(first.context["page_obj"].object_list) == 24
    assert len(second.context["page_obj"].object_list) == 6


def _populate(count):
    sectors = SectorFactory.create_batch(3)
    for _ in range(count):
        company = OrganisationFactory(logo=ImageFactory())
        company.sectors.set(sectors)


# Wagtail never closes the SpooledTemporaryFile it renders a new rendition into; the ResourceWarning that the garbage
# collector raises for it is Wagtail's, not the directory's.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("count", [6, 60])
def test_directory_page_costs_the_same_queries_whatever_the_number_of_companies(
    client, django_assert_max_num_queries, count
):
    _populate(count)
    client.get(DIRECTORY)  # first visit creates the logo renditions

    with django_assert_max_num_queries(8):
        response = client.get(DIRECTORY)
    assert response.status_code == 200


def test_anonymous_directory_sets_no_cookie(client):
    OrganisationFactory()

    for url in (DIRECTORY, reverse("members:organisation_detail", args=[Organisation.objects.get().slug])):
        response = client.get(url)
        assert response.cookies == {}, url
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_profile_shows_description_in_the_visitors_language_with_french_fallback(client):
    company = OrganisationFactory(description="Éditeur de logiciels", description_en="Software publisher")
    url = reverse("members:organisation_detail", args=[company.slug])

    with translation.override("en"):
        assert (
            "Software publisher"
            in client.get(reverse("members:organisation_detail", args=[company.slug])).content.decode()
        )
    with translation.override("ar"):
        assert (
            "Éditeur de logiciels"
            in client.get(reverse("members:organisation_detail", args=[company.slug])).content.decode()
        )
    assert "Éditeur de logiciels" in client.get(url).content.decode()


@pytest.fixture
def company_with_contacts():
    company = OrganisationFactory()
    OrganisationMemberFactory(organisation=company, user__email="visible@atlas.ma", user__show_in_directory=True)
    OrganisationMemberFactory(organisation=company, user__email="hidden@atlas.ma", user__show_in_directory=False)
    return company


def test_anonymous_visitor_sees_no_contact_person(client, company_with_contacts):
    page = client.get(reverse("members:organisation_detail", args=[company_with_contacts.slug])).content.decode()

    assert "visible@atlas.ma" not in page


def test_member_sees_contacts_who_opted_in_only(client, company_with_contacts):
    client.force_login(OrganisationMemberFactory().user)

    page = client.get(reverse("members:organisation_detail", args=[company_with_contacts.slug])).content.decode()

    assert "visible@atlas.ma" in page
    assert "hidden@atlas.ma" not in page


def test_logged_in_non_member_sees_no_contacts(client, company_with_contacts):
    client.force_login(MemberUserFactory())

    page = client.get(reverse("members:organisation_detail", args=[company_with_contacts.slug])).content.decode()

    assert "visible@atlas.ma" not in page


def test_person_of_a_lapsed_company_sees_no_contacts(client, company_with_contacts):
    client.force_login(OrganisationMemberFactory(organisation__status=Organisation.Status.LAPSED).user)

    page = client.get(reverse("members:organisation_detail", args=[company_with_contacts.slug])).content.decode()

    assert "visible@atlas.ma" not in page
