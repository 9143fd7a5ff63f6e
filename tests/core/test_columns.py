"""Dates in the admin's listings are dates, in local time: a period or an offer still to come is not "0 minutes ago"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.columns import local_date
from events.models import WaitlistEntry
from tests.factories.accounts import StaffUserFactory, login_with_mfa
from tests.factories.memberships import MembershipFactory
from tests.factories.registrations import WaitlistEntryFactory

pytestmark = pytest.mark.django_db


def test_dates_and_local_times_are_written_out():
    assert local_date(dt.date(2027, 12, 31)) == "31/12/2027"
    assert local_date(dt.datetime(2027, 1, 15, 9, 30, tzinfo=dt.UTC)) == "15/01/2027 09:30"  # Casablanca, UTC+0
    assert local_date(None) == ""


def test_a_membership_period_still_running_shows_its_end_date(client):
    login_with_mfa(client, StaffUserFactory())
    MembershipFactory(period_start=dt.date(2027, 1, 1), period_end=dt.date(2027, 12, 31))

    html = client.get(reverse("members_memberships:index")).content.decode()

    assert "01/01/2027" in html and "31/12/2027" in html
    assert "Il y a" not in html and "Dans " not in html


def test_a_waitlist_offer_shows_until_when_it_holds(client):
    login_with_mfa(client, StaffUserFactory())
    WaitlistEntryFactory(
        status=WaitlistEntry.Status.OFFERED,
        offer_expires_at=timezone.now().replace(year=2027, month=1, day=15, hour=18, minute=0, second=0),
    )

    html = client.get(reverse("events_waitlist:index")).content.decode()

    assert "15/01/2027 18:00" in html
    assert "Il y a 0" not in html
