import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories.accounts import PASSWORD, AccountUserFactory, StaffUserFactory, add_totp, has_authenticator
from tests.i18n import fr

pytestmark = pytest.mark.django_db


def log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_staff_without_an_authenticator_opening_the_admin_is_sent_to_set_one_up(client):
    staff = StaffUserFactory()
    log_in(client, staff)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    expected = fr(
        "Staff accounts must use two-factor authentication. "
        "Set up an authenticator app to continue to the administration."
    )
    assert any(expected in str(message) for message in get_messages(response.wsgi_request))


def test_staff_without_an_authenticator_cannot_see_any_admin_page(client):
    staff = StaffUserFactory()
    log_in(client, staff)

    for url in ("/admin/pages/", "/admin/users/", "/django-admin/", "/django-admin/members/user/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("mfa_activate_totp"), url


def test_the_door_check_in_page_also_needs_a_second_factor(client):
    staff = StaffUserFactory()
    log_in(client, staff)

    for url in ("/events/12/check-in/", "/ar/events/12/check-in/count/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("mfa_activate_totp"), url


def test_editor_with_admin_access_but_not_staff_also_needs_a_second_factor(client):
    from django.contrib.auth.models import Group

    editor = AccountUserFactory()
    editor.groups.add(Group.objects.get(name="Rédacteur"))
    log_in(client, editor)

    response = client.get("/admin/")

    assert response.url == reverse("mfa_activate_totp")


def test_staff_with_totp_logs_in_in_two_steps_and_reaches_the_admin(client, totp_code):
    staff = StaffUserFactory()
    secret = add_totp(staff)

    response = log_in(client, staff)
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == staff.pk

    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_staff_with_totp_and_a_wrong_code_is_not_logged_in(client):
    staff = StaffUserFactory()
    add_totp(staff)
    log_in(client, staff)

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").url.startswith(reverse("account_login"))


def test_staff_session_opened_without_the_second_factor_is_asked_for_a_code(client, totp_code):
    staff = StaffUserFactory()
    secret = add_totp(staff)
    client.force_login(staff)  # a session that never went through allauth's two-factor step

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2Fpages%2F"

    response = client.post(response.url, {"code": totp_code(secret)})
    assert response.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def confirm_password(client, response):
    """allauth asks for the password again before an authenticator is added."""
    assert response.url.startswith(reverse("account_reauthenticate"))
    return client.post(response.url, {"password": PASSWORD})


def test_staff_who_sets_up_an_authenticator_app_then_reaches_the_admin(client, totp_code):
    staff = StaffUserFactory()
    log_in(client, staff)
    confirm_password(client, client.get(client.get("/admin/").url))
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert has_authenticator(staff)
    assert client.get("/admin/").status_code == 200


def test_setup_page_shows_the_qr_code_and_the_secret(client):
    staff = StaffUserFactory()
    log_in(client, staff)
    confirm_password(client, client.get(reverse("mfa_activate_totp")))

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="account-qr"' in content
    assert client.session["mfa.totp.secret"] in content
