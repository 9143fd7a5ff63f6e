"""The B2B table plan's CSV (a hand-written export, through core.exports.csv_response): hostile names neutralised,
accents kept, times on the event's clock."""

import datetime as dt

import pytest
from django.urls import reverse

from partnerships.models import MeetingRequest
from tests.factories.events import EventPageFactory
from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory, MeetingRequestFactory
from tests.spreadsheets import HOSTILE, csv_rows, log_in_secretariat

pytestmark = pytest.mark.django_db


def test_the_table_plan_neutralises_hostile_names_and_keeps_the_event_s_clock(client):
    log_in_secretariat(client)
    # A fair in Paris: its meetings are planned on Paris clocks, an hour ahead of UTC in January.
    session = BrokerageSessionFactory(event=EventPageFactory(time_zone="Europe/Paris"))
    for index, name in enumerate(HOSTILE):
        meeting = MeetingRequestFactory(
            session=session,
            status=MeetingRequest.Status.ACCEPTED,
            requester=MeetingProfileFactory(session=session, name=name, company_name=HOSTILE[index - 1]),
            recipient=MeetingProfileFactory(session=session, name="Karim Tazi", company_name="Fès Mécanique"),
        )
        start = dt.datetime(2027, 1, 15, 8, 20 * index, tzinfo=dt.UTC) if index < 3 else None
        MeetingRequest.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start and start + dt.timedelta(minutes=20), table=1 if start else None
        )

    response = client.get(reverse("partnerships_brokerage:export", args=[session.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"b2b-meetings-{session.event.slug}.csv" in response["Content-Disposition"]
    headings, *rows = csv_rows(response)
    assert len(headings) == 9 and len(rows) == len(HOSTILE)
    names = sorted(row[5] for row in rows)
    companies = sorted(row[6] for row in rows)
    expected = sorted(f"'{text}" if text[0] in "=+-@\t" else text for text in HOSTILE)
    assert names == expected and companies == expected
    assert "Société Générale à Fès" in names and {row[8] for row in rows} == {"Fès Mécanique"}
    placed = sorted((row[2], row[3], row[4]) for row in rows if row[2])
    assert placed == [
        ("2027-01-15 09:00", "09:20", "1"),
        ("2027-01-15 09:20", "09:40", "1"),
        ("2027-01-15 09:40", "10:00", "1"),
    ]
    assert [(row[3], row[4]) for row in rows if not row[2]] == [("", "")] * (len(HOSTILE) - 3)
