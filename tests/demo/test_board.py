"""The demo board that `make run` shows, and the generated posts of `seed_demo --scale N`."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from cms.models import NavigationSettings
from demo import partnerships as board
from partnerships.models import Conversation, Message, Post
from tests.factories.members import OrganisationFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed once for the module inside a transaction rolled back at the end (seeding takes seconds)."""
    logins = tmp_path_factory.mktemp("demo") / "demo-logins.json"
    with override_settings(DEMO_LOGINS_FILE=logins), django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--no-images", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


def counts():
    return (Post.objects.count(), Conversation.objects.count(), Message.objects.count())


def test_demo_board_has_posts_in_every_state_and_conversations(seeded):
    statuses = set(Post.objects.values_list("status", flat=True))

    assert Post.objects.count() == len(board.POSTS)
    assert {"published", "submitted", "draft", "returned", "closed", "expired"} <= statuses
    assert Conversation.objects.count() == 2
    assert Post.objects.on_board().count() >= 15


def test_seeding_the_board_again_creates_nothing_new(seeded):
    before = counts()

    call_command("seed_demo", "--no-images", verbosity=0)

    assert counts() == before


def test_the_menu_links_to_the_board_once(seeded):
    navigation = NavigationSettings.objects.get()
    urls = [link.value.get("url") for link in navigation.header_links]

    assert urls.count(reverse("partnerships:board")) == 1


def test_scale_adds_generated_posts_only_once(db):
    sector = SectorFactory()
    for number in range(3):
        OrganisationFactory(slug=f"entreprise-{number:05d}").sectors.add(sector)

    assert board.seed_scale(30, {"s": sector}) == 30
    assert board.seed_scale(30, {"s": sector}) == 0
    assert Post.objects.on_board().filter(title__contains="réf. B").count() == 30
