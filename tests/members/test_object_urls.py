"""Every members and account URL that takes an id, slug or token, tried by company A's administrator on company B.

test_every_object_url_is_covered fails when a URL with an id, slug or token is added to members.urls or to
allauth's URLs without a case here, so that no such page escapes this check."""

import time
from datetime import timedelta

import pytest
from allauth import urls as allauth_urls
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.urls import URLResolver, reverse
from django.utils import timezone

from members import urls as members_urls
from members.models import Invitation, Membership, Organisation, OrganisationMember, User
from payments.models import Order
from tests.factories.members import AdminFactory, OrganisationMemberFactory, invite
from tests.factories.memberships import MembershipFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Pirate-Password-2026"
PAYLOAD = {
    "legal_name": "Pirate SARL",
    "country": "MA",
    "role": "admin",
    "invite-email": "pirate@a.example.ma",
    "invite-role": "admin",
    "invite-language": "fr",
    "name": "Pirate key",
    "first_name": "Pirate",
    "last_name": "Pirate",
    "password1": NEW_PASSWORD,
    "password2": NEW_PASSWORD,
    "accept_privacy": "on",
}


def _patterns(patterns, *, prefix_has_groups=False):
    """(pattern, whether its full address holds a parameter), through nested includes."""
    for pattern in patterns:
        has_groups = prefix_has_groups or bool(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix_has_groups=has_groups)
        else:
            yield pattern, has_groups


def object_url_names() -> set[str]:
    """Names of the members and account URLs whose address holds an object's id, slug or token."""
    names = set()
    for namespace, patterns in (("members:", members_urls.urlpatterns), ("", allauth_urls.urlpatterns)):
        names.update(namespace + pattern.name for pattern, has_groups in _patterns(patterns) if has_groups)
    return names


@pytest.fixture
def a(client):
    """Company A's administrator, who just confirmed their password: allauth's account pages ask nothing more."""
    admin = AdminFactory()
    client.force_login(admin.user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": admin.user.email, "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(admin.user.pk)
    session.save()
    return admin


@pytest.fixture
def b(db):
    """Company B, unlisted in the directory: an administrator (holding a passkey), a colleague, an invitation, a
    membership open for renewal."""
    admin = AdminFactory(organisation__directory_opt_in=False)
    colleague = OrganisationMemberFactory(organisation=admin.organisation)
    # Renewal is open for B: renewing it is what A must not manage to do.
    today = timezone.localdate()
    MembershipFactory(
        organisation=admin.organisation, period_start=today - timedelta(days=300), period_end=today + timedelta(days=20)
    )
    invitation, invitation_url = invite(organisation=admin.organisation, email="nouveau@b.example.ma", by=admin.user)
    passkey = Authenticator.objects.create(
        user=admin.user, type=Authenticator.Type.WEBAUTHN, data={"name": "Clé de B", "credential": {}}
    )
    return {
        "admin": admin,
        "slug": admin.organisation.slug,
        "colleague": colleague,
        "invitation": invitation,
        "invitation_url": invitation_url,
        "passkey": passkey,
    }


def _company(name):
    """The company page `name` at B's slug."""
    return lambda a, b: [reverse(name, args=[b["slug"]])]


def _object(name, key):
    """The page `name` for B's object: under B's slug, and under A's own slug (B's id slipped into A's pages)."""
    return lambda a, b: [reverse(name, args=[slug, b[key].pk]) for slug in (b["slug"], a.organisation.slug)]


def _reset_links(a, b):
    # A can obtain a valid key for their own account; paired with B's id it must open nothing.
    uid = user_pk_to_url_str(b["admin"].user)
    return [
        reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": key})
        for key in (default_token_generator.make_token(a.user), "set-password")
    ]


def _forged_unsubscribe(a, b):
    # A's own valid unsubscribe link, its signature kept, its payload naming B's administrator instead.
    from django.core import signing

    from members.communications.preferences import SALT, unsubscribe_token

    signature = unsubscribe_token(email=a.user.email, user_id=a.user.pk, topic="news_digest").rsplit(":", 1)[1]
    payload = signing.dumps({"u": b["admin"].user.pk, "t": "news_digest"}, salt=SALT).rsplit(":", 1)[0]
    return [reverse("members:unsubscribe", args=[f"{payload}:{signature}"])]


# URL name → (HTTP methods the view answers, the addresses to try).
CASES = {
    "members:organisation_detail": (["get"], _company("members:organisation_detail")),
    "members:invitation_accept": (["get", "post"], lambda a, b: [b["invitation_url"]]),
    "members:organisation_edit": (["get", "post"], _company("members:organisation_edit")),
    "members:people": (["get", "post"], _company("members:people")),
    "members:membership_join": (["post"], _company("members:membership_join")),
    "members:membership_renew": (["post"], _company("members:membership_renew")),
    "members:person_role": (["post"], _object("members:person_role", "colleague")),
    "members:person_remove": (["get", "post"], _object("members:person_remove", "colleague")),
    "members:invitation_resend": (["post"], _object("members:invitation_resend", "invitation")),
    "members:invitation_revoke": (["post"], _object("members:invitation_revoke", "invitation")),
    "account_reset_password_from_key": (["get", "post"], _reset_links),
    "mfa_edit_webauthn": (["get", "post"], lambda a, b: [reverse("mfa_edit_webauthn", args=[b["passkey"].pk])]),
    "mfa_remove_webauthn": (["get", "post"], lambda a, b: [reverse("mfa_remove_webauthn", args=[b["passkey"].pk])]),
    "members:unsubscribe": (["get", "post"], _forged_unsubscribe),
}


def snapshot() -> dict:
    return {
        "organisations": list(Organisation.objects.order_by("pk").values()),
        "people": list(OrganisationMember.objects.order_by("pk").values()),
        "invitations": list(Invitation.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "orders": list(Order.objects.order_by("pk").values("pk")),
        "users": list(User.objects.order_by("pk").values("pk", "email", "password", "is_active", "first_name")),
        "addresses": list(EmailAddress.objects.order_by("pk").values()),
        "authenticators": list(Authenticator.objects.order_by("pk").values("pk", "user_id", "type", "data")),
    }


def test_every_object_url_is_covered():
    assert object_url_names() == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_administrator_of_a_gets_no_page_of_b_and_changes_nothing(client, a, b, name):
    methods, addresses = CASES[name]
    before = snapshot()

    answers = {
        (method, url): getattr(client, method)(url, PAYLOAD if method == "post" else None).status_code
        for url in addresses(a, b)
        for method in methods
    }

    assert all(status in (403, 404) for status in answers.values()), answers
    assert snapshot() == before
