import pytest
from django.urls import reverse

from tests.factories.accounts import PASSWORD, AccountUserFactory, add_totp

pytestmark = pytest.mark.django_db

ENTRANCE_PAGES = ["account_login", "account_signup", "account_reset_password", "account_request_login_code"]
MANAGE_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_deactivate_totp",
    "mfa_list_webauthn",
    "mfa_add_webauthn",
]


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
@pytest.mark.parametrize("url_name", ENTRANCE_PAGES)
def test_entrance_pages_render_in_the_site_layout(client, notice, url_name, language):
    url = reverse(url_name)
    response = client.get(url if language == "fr" else f"/{language}{url}")

    assert response.status_code == 200
    assert 'class="account-page account-page--entrance"' in response.content.decode()
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("url_name", MANAGE_PAGES)
def test_account_settings_pages_render_with_the_account_menu(client, url_name):
    member = AccountUserFactory()
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    add_totp(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # 2FA settings want a recent password

    response = client.get(reverse(url_name))

    assert response.status_code == 200, response.get("Location")
    content = response.content.decode()
    assert 'class="account-page account-page--manage"' in content
    assert 'class="account-nav"' in content
