"""Moving a page in the admin: the confirmation page is only for those who may make that move."""

import pytest
from django.contrib.auth.models import Group

from tests.factories.cms import NewsIndexPageFactory, NewsPageFactory
from tests.factories.members import MemberUserFactory
from tests.security.conftest import staff_client


@pytest.fixture
def move(home):
    first = NewsIndexPageFactory(parent=home, title="Actualités", slug="actualites")
    second = NewsIndexPageFactory(parent=home, title="Archives", slug="archives")
    article = NewsPageFactory(parent=first, title="Le forum inter-clusters 2026")
    return f"/admin/pages/{article.pk}/move/{second.pk}/confirm/"


def role(name: str, **fields):
    user = MemberUserFactory(**fields)
    user.groups.add(Group.objects.get(name=name))
    return user


def test_the_secretariat_sees_the_confirmation_of_a_move_it_may_make(move):
    response = staff_client(role("Secrétariat", is_staff=True)).get(move)
    assert response.status_code == 200
    assert "Le forum inter-clusters 2026" in response.content.decode()


def test_a_treasurer_is_turned_away_from_the_confirmation(move):
    response = staff_client(role("Trésorier")).get(move)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_treasurer_cannot_move_the_page_either(move):
    response = staff_client(role("Trésorier")).post(move)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
