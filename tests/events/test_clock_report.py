"""The organisers' report of recomputed times, in the admin's Reports menu."""

import datetime as dt

import pytest
from django.urls import reverse

from core.models import RecomputedTime
from tests.events.staff import REGISTRATION_PERMISSIONS, log_in, staff_user
from tests.spreadsheets import csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged():
    return RecomputedTime.objects.create(
        recomputed_at=dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC),
        tzdata="2026f",
        kind="event",
        object_id=7,
        label="Digital Now 2027",
        time_zone="Africa/Casablanca",
        wall_clock=dt.datetime(2027, 2, 10, 9, 0),
        old=dt.datetime(2027, 2, 10, 8, tzinfo=dt.UTC),
        new=dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC),
        notified=2,
    )


def test_an_event_manager_sees_what_moved_and_who_was_told(client, logged):
    log_in(client, staff_user(*REGISTRATION_PERMISSIONS))

    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    page = client.get(reverse("events_recomputed_times")).content.decode()

    assert reverse("events_recomputed_times") in menu
    assert "Heures recalculées" in page
    assert "Digital Now 2027" in page
    assert "Événement" in page
    assert "10/02/2027 09:00 (Africa/Casablanca)" in page
    assert "10/02/2027 08:00 UTC" in page and "10/02/2027 09:00 UTC" in page


def test_the_report_exports_as_csv(client, logged):
    log_in(client, staff_user(*REGISTRATION_PERMISSIONS))

    response = client.get(reverse("events_recomputed_times") + "?export=csv")

    rows = csv_rows(response)
    assert rows[0][:3] == ["Type", "Quoi", "Heure locale saisie"]
    assert rows[1][:2] == ["Événement", "Digital Now 2027"]


def test_staff_without_the_events_permissions_are_refused(client, logged):
    log_in(client, staff_user())

    response = client.get(reverse("events_recomputed_times"), follow=True)

    assert response.redirect_chain[0][1] == 302
    assert "Digital Now 2027" not in response.content.decode()
    assert reverse("events_recomputed_times") not in client.get(reverse("wagtailadmin_home")).content.decode()
