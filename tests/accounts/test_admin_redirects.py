import pytest
from django.urls import reverse

from tests.factories.accounts import StaffUserFactory, add_totp

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_admin_login_pages_redirect_to_the_site_login_keeping_next(client, login_url):
    response = client.get(f"{login_url}?next=/admin/pages/")

    assert response.status_code == 307
    assert response.url == "/accounts/login/?next=/admin/pages/"


def test_anonymous_visitor_opening_the_wagtail_admin_goes_to_the_site_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/"


def test_anonymous_visitor_opening_the_django_admin_ends_on_the_site_login(client):
    response = client.get("/django-admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fdjango-admin%2F"
    assert response.status_code == 200


@pytest.mark.parametrize("logout_url", ["/admin/logout/", "/django-admin/logout/"])
def test_admin_logout_logs_out_through_allauth(client, logout_url):
    staff = StaffUserFactory()
    add_totp(staff)
    client.force_login(staff)

    response = client.post(logout_url, follow=True)

    assert response.redirect_chain[0] == (reverse("account_logout"), 307)
    assert "_auth_user_id" not in client.session


def test_wagtail_password_reset_pages_redirect_to_the_site_password_reset(client):
    for url in ("/admin/password_reset/", "/admin/password_reset/confirm/abc/def-123/"):
        response = client.get(url)
        assert response.url == reverse("account_reset_password"), url
