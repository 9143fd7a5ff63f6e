import pytest
from django.core import mail
from django.urls import reverse

from members import services
from members.models import MembershipApplication, Organisation, Role
from tests.factories.members import MembershipApplicationFactory, MemberUserFactory, SectorFactory
from tests.i18n import fr, fr_block, fr_date, fr_html
from tests.members.conftest import in_members_group

pytestmark = pytest.mark.django_db

COMPANY = {
    "legal_name": "Atlas Logiciels SARL",
    "trade_name": "Atlas",
    "legal_form": "SARL",
    "ice": "001234567000062",
    "city": "Fès",
    "region": "fes-meknes",
    "country": "MA",
    "size_band": "small",
    "description": "Éditeur de logiciels de gestion.",
    "motivation": "Rejoindre l'écosystème.",
}


@pytest.fixture
def secretary(db):
    return MemberUserFactory(email="secretariat@association.ma", is_staff=True, is_superuser=True)


def test_logged_in_person_applies_and_the_secretariat_is_told(client, secretary):
    applicant = MemberUserFactory()
    client.force_login(applicant)
    sector = SectorFactory()

    response = client.post(reverse("members:apply"), {**COMPANY, "sectors": [sector.pk]})

    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.applicant == applicant
    assert application.organisation.status == Organisation.Status.APPLICANT
    assert list(application.organisation.sectors.all()) == [sector]
    assert mail.outbox[-1].to == ["secretariat@association.ma"]
    assert "Atlas" in mail.outbox[-1].subject


def test_visitor_is_asked_to_create_an_account_or_log_in_first(client):
    response = client.get(reverse("members:apply"))

    page = response.content.decode()
    assert reverse("account_signup") + "?next=%2Fjoin%2F" in page
    assert reverse("account_login") + "?next=%2Fjoin%2F" in page


def test_invalid_application_keeps_what_was_typed_and_saves_nothing(client):
    client.force_login(MemberUserFactory())

    response = client.post(reverse("members:apply"), {**COMPANY, "ice": "12345"})

    assert response.status_code == 200
    assert fr_html("The ICE has exactly 15 digits (you typed %(count)d).", count=5) in response.content.decode()
    assert 'value="Atlas Logiciels SARL"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_application_with_wrong_ice_check_digits_shows_the_checksum_error(client):
    client.force_login(MemberUserFactory())

    response = client.post(reverse("members:apply"), {**COMPANY, "ice": "001 234 567 000 089"})

    assert response.status_code == 200
    assert response.context["form"].errors["ice"] == [
        fr("The ICE's check digits are wrong: check for a typing mistake.")
    ]
    assert fr_html("The ICE's check digits are wrong: check for a typing mistake.") in response.content.decode()
    assert not Organisation.objects.exists()


def test_approval_makes_the_applicant_administrator_and_member(secretary):
    application = MembershipApplicationFactory()

    services.application_approve(application=application, by=secretary, message="Bienvenue !")

    application.organisation.refresh_from_db()
    assert application.organisation.status == Organisation.Status.ACTIVE
    assert application.organisation.people.get(user=application.applicant).role == Role.ADMIN
    assert in_members_group(application.applicant)
    assert "Bienvenue !" in mail.outbox[-1].body


def test_rejection_sends_the_secretariats_message(secretary):
    application = MembershipApplicationFactory(applicant__email="nadia@atlas.ma")

    services.application_reject(application=application, by=secretary, message="Votre siège est hors de la zone.")

    assert mail.outbox[-1].to == ["nadia@atlas.ma"]
    assert "Votre siège est hors de la zone." in mail.outbox[-1].body
    application.organisation.refresh_from_db()
    assert application.organisation.status == Organisation.Status.REJECTED
    assert not in_members_group(application.applicant)


def test_rejection_needs_a_message(secretary):
    application = MembershipApplicationFactory()

    with pytest.raises(services.MembersError):
        services.application_reject(application=application, by=secretary, message="  ")

    application.refresh_from_db()
    assert application.is_pending


def test_an_application_is_decided_once(secretary):
    application = MembershipApplicationFactory()
    services.application_approve(application=application, by=secretary)

    with pytest.raises(services.ApplicationAlreadyDecided):
        services.application_reject(application=application, by=secretary, message="Non")


def test_applicant_sees_the_pending_application_in_my_space(client):
    application = MembershipApplicationFactory()
    client.force_login(application.applicant)

    page = client.get(reverse("members:dashboard")).content.decode()

    assert (
        fr_block(
            "Your application for %(organisation)s, sent on %(date)s, is awaiting review by the secretariat.",
            organisation=application.organisation.display_name,
            date=fr_date(application.submitted_at),
        ).replace(application.organisation.display_name, f"<bdi>{application.organisation.display_name}</bdi>")
        in page
    )
    assert application.organisation.display_name in page


def test_second_application_while_one_is_pending_is_refused(client):
    application = MembershipApplicationFactory()
    client.force_login(application.applicant)

    response = client.post(reverse("members:apply"), {**COMPANY, "ice": ""})

    assert response.url == reverse("members:dashboard")
    assert MembershipApplication.objects.count() == 1


def test_decision_email_is_in_the_applicants_language_and_reads_right_to_left_in_arabic(secretary):
    application = MembershipApplicationFactory(applicant__preferred_language="ar")

    services.application_approve(application=application, by=secretary)

    html = mail.outbox[-1].alternatives[0][0]
    assert 'lang="ar" dir="rtl"' in html
