"""The secretariat's roles (Wagtail groups made by a migration): what each can and cannot open."""

import time

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.models import NewsPage
from events.models import EventIndexPage, EventPage
from tests.factories.accounts import StaffUserFactory, add_totp
from tests.factories.cms import NewsPageFactory
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db

ROLES = ["Secrétariat", "Rédacteur", "Trésorier", "Responsable des événements", "Modérateur"]


def as_role(client, name):
    user = StaffUserFactory(is_superuser=False)
    user.groups.add(Group.objects.get(name=name))
    add_totp(user)
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return user


@pytest.fixture
def pages(db):
    from wagtail.models import Page

    home = Page.objects.get(depth=2)
    index = home.add_child(instance=EventIndexPage(title="Événements", slug="evenements"))
    event = EventPageFactory(parent=index)
    news = NewsPageFactory(parent=home)
    return {"event": event, "news": news, "index": index}


def opens(client, url) -> bool:
    response = client.get(url)
    return response.status_code == 200


def test_the_migration_created_exactly_the_five_roles():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(ROLES) <= names
    assert not names & {"Editors", "Moderators"}


AREAS = {
    "orders": lambda p: reverse("payments_orders:index"),
    "memberships": lambda p: reverse("members_memberships:index"),
    "companies": lambda p: reverse("members_organisations:index"),
    "registrations": lambda p: reverse("events_registrations:index"),
    "board review": lambda p: reverse("partnerships_review:index"),
    "edit news": lambda p: reverse("wagtailadmin_pages:edit", args=[p["news"].pk]),
    "edit event": lambda p: reverse("wagtailadmin_pages:edit", args=[p["event"].pk]),
    "check-in": lambda p: reverse("events:check_in", args=[p["event"].pk]),
    "announcements": lambda p: reverse("members_announcements:index"),
}

EXPECTED = {
    "Secrétariat": set(AREAS),
    "Rédacteur": {"edit news", "edit event"},
    "Trésorier": {"orders", "memberships", "companies"},
    "Responsable des événements": {"registrations", "edit event", "check-in", "companies"},
    "Modérateur": {"board review"},
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_its_areas(client, pages, role):
    as_role(client, role)

    opened = {area for area, url in AREAS.items() if opens(client, url(pages))}

    assert opened == EXPECTED[role]


def test_an_editor_submits_pages_for_approval_but_cannot_publish(client, pages):
    user = as_role(client, "Rédacteur")
    from wagtail.models import Page

    permissions = Page.objects.get(pk=pages["news"].pk).permissions_for_user(user)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_event_managers_may_edit_pages_of_an_events_index_created_after_the_migration(client, pages):
    user = as_role(client, "Responsable des événements")

    event = EventPage.objects.get(pk=pages["event"].pk)
    assert event.permissions_for_user(user).can_publish()
    assert not NewsPage.objects.get(pk=pages["news"].pk).permissions_for_user(user).can_edit()
