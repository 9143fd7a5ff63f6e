"""A person edits their own profile: both names stay filled (sign-up asks for them, badges and e-mails use them)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from members.models import User
from tests.factories.members import MemberUserFactory

pytestmark = pytest.mark.django_db

URL = reverse("members:profile_edit")


@pytest.fixture
def person(client):
    user = MemberUserFactory(first_name="Amina", last_name="Benali", job_title="Cheffe de projet")
    client.force_login(user)
    return user


def fr(message: str) -> str:
    with translation.override("fr"):
        return translation.gettext(message)


def post(client, **changes):
    data = {
        "first_name": "Amina",
        "last_name": "Benali",
        "job_title": "Directrice technique",
        "phone": "0522000000",
        "preferred_language": "fr",
        **changes,
    }
    return client.post(URL, data)


def field_error(response, name: str) -> str:
    page = BeautifulSoup(response.content.decode(), "html.parser")
    error = page.find(id=f"id_{name}_error")
    return error.get_text(" ", strip=True) if error else ""


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_first_name_is_refused_with_a_message_and_the_input_kept(client, person, typed):
    response = post(client, first_name=typed)

    assert response.status_code == 200
    assert field_error(response, "first_name") == fr("Enter your first name.")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.find("input", {"name": "job_title"})["value"] == "Directrice technique"
    assert page.find("input", {"name": "last_name"})["value"] == "Benali"
    person.refresh_from_db()
    assert (person.first_name, person.job_title) == ("Amina", "Cheffe de projet")


def test_an_empty_last_name_is_refused_too(client, person):
    response = post(client, last_name="")

    assert response.status_code == 200
    assert field_error(response, "last_name") == fr("Enter your last name.")
    assert User.objects.get(pk=person.pk).last_name == "Benali"


def test_the_form_marks_both_names_as_required(client, person):
    page = BeautifulSoup(client.get(URL).content.decode(), "html.parser")

    for name in ("first_name", "last_name"):
        assert "field--required" in page.find("input", {"name": name}).find_parent(class_="field")["class"]


def test_names_are_saved_trimmed(client, person):
    response = post(client, first_name="  Nadia ", last_name=" El Idrissi ")

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.job_title) == ("Nadia", "El Idrissi", "Directrice technique")
