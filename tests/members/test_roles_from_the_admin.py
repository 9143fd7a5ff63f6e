"""Every role is granted in the Wagtail admin by choosing it in the user form — no flag, no shell — and then does
the jobs of its area (core.roles: staff rights come from groups and permissions, never from `is_staff`)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import slugify

from tests.factories.accounts import StaffUserFactory, login_with_mfa
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

EVENT_WORK = [
    "events_registrations:index",
    "events_waitlist:index",
    "events_ticket_types:index",
    "events_ticket_types:add",
    "events_questions:index",
    "events_registration_settings:index",
    "events_recomputed_times",
    "events_home:index",
]
# The jobs of each role (admin URL names), and one job of another area it must not reach.
JOBS = {
    "Secrétariat": (
        [
            "wagtailadmin_explore_root",
            "members_applications:index",
            "members_organisations:index",
            "payments_orders:index",
            "partnerships_review:index",
            *EVENT_WORK,
        ],
        [],
    ),
    "Rédacteur": (
        ["wagtailadmin_explore_root", "wagtailimages:index"],
        ["events_registrations:index", "payments_orders:index"],
    ),
    "Trésorier": (
        ["payments_orders:index", "payments_invoices:index", "payments_payments:index", "members_plans:index"],
        ["events_registrations:index", "partnerships_review:index"],
    ),
    "Responsable des événements": (EVENT_WORK, ["payments_orders:index", "members_applications:index"]),
    "Modérateur": (["partnerships_review:index"], ["events_registrations:index", "payments_orders:index"]),
}


@pytest.fixture
def secretary(client):
    user = StaffUserFactory(email="samira.chraibi@astec.ma")
    login_with_mfa(client, user)
    return user


def create_through_the_user_form(client, role: str) -> User:
    email = f"{slugify(role).split('-')[0]}@astec.ma"
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": email,
            "first_name": "Nadia",
            "last_name": "Tazi",
            "password1": "un mot de passe solide 2026",
            "password2": "un mot de passe solide 2026",
            "groups": [Group.objects.get(name=role).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email=email)
    assert not user.is_staff and not user.is_superuser
    return user


@pytest.mark.parametrize("role", list(JOBS))
def test_a_role_chosen_in_the_admin_s_user_form_does_its_jobs_and_no_others(client, secretary, role):
    user = create_through_the_user_form(client, role)
    client.logout()
    login_with_mfa(client, user)
    jobs, elsewhere = JOBS[role]

    for name in jobs:
        response = client.get(reverse(name))
        assert response.status_code == 200, f"{role}: {name} answered {response.status_code}"
    for name in elsewhere:
        response = client.get(reverse(name))
        assert response.status_code in (302, 403), f"{role} reached {name}"
        if response.status_code == 302:
            assert response["Location"] in (reverse("wagtailadmin_home"), "/admin/")


def test_an_event_manager_created_in_the_admin_checks_an_attendee_in(client, secretary):
    event = EventPageFactory(days_from_now=0)
    registration = RegistrationFactory(ticket_type=TicketTypeFactory(event=event), attendee_name="Salma Bennani")
    manager = create_through_the_user_form(client, "Responsable des événements")
    client.logout()
    login_with_mfa(client, manager)

    page = client.get(reverse("events:check_in", args=[event.pk]))
    assert page.status_code == 200

    response = client.post(reverse("events:check_in", args=[event.pk]), {"code": registration.code, "step": "check_in"})

    assert response.status_code == 200
    assert "Salma Bennani" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
