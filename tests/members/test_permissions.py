"""A plain member or a visitor never manages a company; every URL with an object id is in test_object_urls.py."""

import pytest
from django.urls import reverse

from members import services
from members.models import Invitation, OrganisationMember, Role
from tests.factories.members import AdminFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def company_b():
    admin = AdminFactory()
    colleague = OrganisationMemberFactory(organisation=admin.organisation)
    invitation = services.invitation_create(organisation=admin.organisation, email="x@b.ma", by=admin.user)
    return {"organisation": admin.organisation, "admin": admin, "colleague": colleague, "invitation": invitation}


def urls_of(b, *, slug=None):
    slug = slug or b["organisation"].slug
    person, invitation = b["colleague"].pk, b["invitation"].pk
    return [
        ("get", reverse("members:organisation_edit", args=[slug])),
        ("post", reverse("members:organisation_edit", args=[slug])),
        ("get", reverse("members:people", args=[slug])),
        ("post", reverse("members:people", args=[slug])),
        ("post", reverse("members:person_role", args=[slug, person])),
        ("get", reverse("members:person_remove", args=[slug, person])),
        ("post", reverse("members:person_remove", args=[slug, person])),
        ("post", reverse("members:invitation_resend", args=[slug, invitation])),
        ("post", reverse("members:invitation_revoke", args=[slug, invitation])),
    ]


PAYLOAD = {"legal_name": "Pirate SARL", "role": "admin", "invite-email": "pirate@a.ma", "invite-role": "admin"}

URL_NAMES = [
    "get organisation_edit",
    "post organisation_edit",
    "get people",
    "post people",
    "post person_role",
    "get person_remove",
    "post person_remove",
    "post invitation_resend",
    "post invitation_revoke",
]


def assert_b_untouched(b):
    organisation = b["organisation"]
    organisation.refresh_from_db()
    assert organisation.legal_name != "Pirate SARL"
    assert OrganisationMember.objects.get(pk=b["colleague"].pk).role == Role.MEMBER
    invitation = Invitation.objects.get(pk=b["invitation"].pk)
    assert invitation.is_pending and invitation.token_hash == b["invitation"].token_hash
    assert not Invitation.objects.filter(organisation=organisation, email="pirate@a.ma").exists()


@pytest.mark.parametrize("index", range(len(URL_NAMES)), ids=URL_NAMES)
def test_plain_member_of_b_cannot_manage_b(client, company_b, index):
    client.force_login(company_b["colleague"].user)
    method, url = urls_of(company_b)[index]

    response = getattr(client, method)(url, PAYLOAD)

    assert response.status_code == 404
    assert_b_untouched(company_b)


@pytest.mark.parametrize("index", range(len(URL_NAMES)), ids=URL_NAMES)
def test_anonymous_visitor_is_sent_to_log_in(client, company_b, index):
    method, url = urls_of(company_b)[index]

    response = getattr(client, method)(url, PAYLOAD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert_b_untouched(company_b)


def test_my_space_shows_only_my_companies(admin_client, company_b):
    page = admin_client.get(reverse("members:dashboard")).content.decode()

    assert company_b["organisation"].display_name not in page


def test_my_data_export_holds_nothing_about_b(admin_client, company_b):
    content = admin_client.get(reverse("members:data_export")).content

    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        data = archive.read("my-data.json").decode()
    assert company_b["organisation"].legal_name not in data
    assert "x@b.ma" not in data


def test_every_post_needs_a_csrf_token(company_b):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(company_b["admin"].user)

    response = client.post(
        reverse("members:invitation_revoke", args=[company_b["organisation"].slug, company_b["invitation"].pk])
    )

    assert response.status_code == 403
    assert Invitation.objects.get(pk=company_b["invitation"].pk).is_pending
