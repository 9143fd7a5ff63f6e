from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import Invitation, OrganisationMember, Role, User
from tests.factories.members import PASSWORD, MemberUserFactory, invite
from tests.i18n import fr_html
from tests.members.conftest import in_members_group

pytestmark = pytest.mark.django_db


def test_invitation_email_carries_a_link_to_join_the_company(company, company_admin):
    invite(organisation=company, email="Karim@Example.ma", by=company_admin)

    message = mail.outbox[-1]
    assert message.to == ["karim@example.ma"]
    assert company.display_name in message.subject
    assert "/invitations/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_only_a_hash_of_the_token_is_stored(company, company_admin):
    invitation, url = invite(organisation=company, email="karim@example.ma", by=company_admin)

    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64


def test_new_person_creates_account_with_verified_address_and_joins(client, company, company_admin):
    _, url = invite(organisation=company, email="karim@example.ma", by=company_admin, role=Role.ADMIN)

    response = client.post(
        url,
        {
            "first_name": "Karim",
            "last_name": "Tazi",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy": "on",
        },
    )

    assert response.status_code == 302
    karim = User.objects.get(email="karim@example.ma")
    assert EmailAddress.objects.get(user=karim).verified
    assert OrganisationMember.objects.get(user=karim, organisation=company).role == Role.ADMIN
    assert in_members_group(karim)
    assert client.get(reverse("members:dashboard")).context["user"] == karim


def test_existing_user_is_asked_to_log_in_then_accepts(client, company, company_admin):
    karim = MemberUserFactory(email="karim@example.ma")
    _, url = invite(organisation=company, email="karim@example.ma", by=company_admin)

    page = client.get(url)
    assert "account_exists" in page.context and page.context["account_exists"]
    assert reverse("account_login") in page.content.decode()

    client.force_login(karim)
    client.post(url)

    assert OrganisationMember.objects.filter(user=karim, organisation=company).exists()
    assert Invitation.objects.get(email="karim@example.ma").accepted_by == karim


def test_logged_in_user_with_another_address_cannot_accept(client, company, company_admin):
    _, url = invite(organisation=company, email="karim@example.ma", by=company_admin)
    client.force_login(MemberUserFactory(email="someone.else@example.ma"))

    response = client.post(url, follow=True)

    assert (
        fr_html("This invitation was sent to another e-mail address. Log in with that address to accept it.")
        in response.content.decode()
    )
    assert not OrganisationMember.objects.filter(organisation=company, user__email="someone.else@example.ma").exists()


def test_expired_invitation_is_refused(client, company, company_admin):
    invitation, url = invite(organisation=company, email="karim@example.ma", by=company_admin)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(url)

    assert response.status_code == 404
    assert (
        fr_html("This invitation has expired. Ask your company administrator to send it again.")
        in response.content.decode()
    )


def test_invitation_is_valid_for_seven_days(company, company_admin):
    invitation, _ = invite(organisation=company, email="karim@example.ma", by=company_admin)

    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)


def test_forged_token_is_refused(client, company, company_admin):
    invite(organisation=company, email="karim@example.ma", by=company_admin)

    response = client.post(
        reverse("members:invitation_accept", args=["forged-token-that-was-never-issued"]),
        {"first_name": "Eve", "last_name": "X", "password1": PASSWORD, "password2": PASSWORD, "accept_privacy": "on"},
    )

    assert response.status_code == 404
    assert not User.objects.filter(first_name="Eve").exists()


def test_revoked_invitation_link_stops_working(client, admin_client, company, company_admin):
    invitation, url = invite(organisation=company, email="karim@example.ma", by=company_admin)
    admin_client.post(reverse("members:invitation_revoke", args=[company.slug, invitation.pk]))

    assert client.get(url).status_code == 404


def test_resend_replaces_the_old_link(client, admin_client, company, company_admin):
    invitation, old_url = invite(organisation=company, email="karim@example.ma", by=company_admin)

    admin_client.post(reverse("members:invitation_resend", args=[company.slug, invitation.pk]))

    new_url = next(w for w in mail.outbox[-1].body.split() if "/invitations/" in w).removeprefix("http://testserver")
    assert new_url != old_url
    # Opened by the invited person, who is not logged in (the administrator would be told it is not theirs).
    assert Client().get(old_url).status_code == 404
    assert Client().get(new_url).status_code == 200


def test_accepted_link_cannot_be_used_twice(client, company, company_admin):
    _, url = invite(organisation=company, email="karim@example.ma", by=company_admin)
    client.post(
        url,
        {
            "first_name": "Karim",
            "last_name": "Tazi",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy": "on",
        },
    )

    assert client.get(url).status_code == 404


def test_inviting_a_current_colleague_is_refused_with_a_message(admin_client, company, colleague_membership):
    response = admin_client.post(
        reverse("members:people", args=[company.slug]),
        {"invite-email": colleague_membership.user.email, "invite-role": "member"},
    )

    assert response.status_code == 200
    assert fr_html("This person already belongs to the company.") in response.content.decode()
    assert not Invitation.objects.exists()


def test_weak_password_keeps_what_was_typed(client, company, company_admin):
    _, url = invite(organisation=company, email="karim@example.ma", by=company_admin)

    response = client.post(
        url,
        {"first_name": "Karim", "last_name": "Tazi", "password1": "123", "password2": "123", "accept_privacy": "on"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert 'value="Karim"' in response.content.decode()
    assert not User.objects.filter(email="karim@example.ma").exists()


def test_account_form_links_to_the_privacy_notice(client, company, company_admin):
    _, url = invite(organisation=company, email="karim@example.ma", by=company_admin)

    page = client.get(url).content.decode()

    assert f'<a href="{reverse("members:privacy_notice")}">' in page


def test_administrator_chooses_the_invitation_language_and_arabic_reads_right_to_left(
    admin_client, company, company_admin
):
    admin_client.post(
        reverse("members:people", args=[company.slug]),
        {"invite-email": "amina@example.ma", "invite-role": "member", "invite-language": "ar"},
    )

    html = mail.outbox[-1].alternatives[0][0]
    assert Invitation.objects.get(email="amina@example.ma").language == "ar"
    assert 'lang="ar"' in html
    assert 'dir="rtl"' in html


def test_invitation_language_defaults_to_the_page_language(admin_client, company):
    page = admin_client.get("/en" + reverse("members:people", args=[company.slug]))

    assert page.context["invite_form"]["language"].value() == "en"


def test_resent_invitation_keeps_its_language(company, company_admin):
    from members import services

    invitation = services.invitation_create(
        organisation=company, email="amina@example.ma", language="ar", by=company_admin
    )

    services.invitation_resend(invitation=invitation, by=company_admin)

    assert 'lang="ar" dir="rtl"' in mail.outbox[-1].alternatives[0][0]


def test_person_with_an_account_gets_the_invitation_in_their_own_language(company, company_admin):
    from members import services

    MemberUserFactory(email="omar@example.ma", preferred_language="en")

    services.invitation_create(organisation=company, email="omar@example.ma", language="ar", by=company_admin)

    assert 'lang="en" dir="ltr"' in mail.outbox[-1].alternatives[0][0]


def test_inviting_an_address_already_invited_is_refused_with_a_message(admin_client, company, company_admin):
    invite(organisation=company, email="karim@example.ma", by=company_admin)

    response = admin_client.post(
        reverse("members:people", args=[company.slug]), {"invite-email": "Karim@example.ma", "invite-role": "member"}
    )

    assert (
        fr_html("This address already has a pending invitation: resend it from the list below.")
        in response.content.decode()
    )
    assert Invitation.objects.filter(email="karim@example.ma").count() == 1
