"""The session's breaks in the admin: rows of "from" and "to" times, no JSON to type. Posted through the admin's own
edit view; the slots the scheduler uses skip what was saved."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import BrokerageSession, MeetingRequest
from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory, MeetingRequestFactory
from tests.i18n import fr, fr_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return BrokerageSessionFactory(day_start=dt.time(9), day_end=dt.time(12), slot_minutes=20, tables=1, cap=9)


def edit(client, session, *rows):
    data = {
        "event": session.event_id,
        "is_open": "on",
        "slot_minutes": session.slot_minutes,
        "day_start": f"{session.day_start:%H:%M}",
        "day_end": f"{session.day_end:%H:%M}",
        "tables": session.tables,
        "cap": session.cap,
        "request_deadline_local": f"{session.request_deadline_local:%Y-%m-%d %H:%M}",
    }
    for index, (start, end) in enumerate([*rows, ("", ""), ("", "")]):
        data[f"breaks_{index}_start"], data[f"breaks_{index}_end"] = start, end
    return client.post(reverse("partnerships_brokerage:edit", args=[session.pk]), data)


def local_times(session):
    return [timezone.localtime(slot.start).strftime("%H:%M") for slot in session.slots]


def test_the_form_shows_each_break_as_two_time_inputs_and_empty_rows_to_add_more(client, secretary, session):
    page = client.get(reverse("partnerships_brokerage:edit", args=[session.pk])).content.decode()

    assert 'type="time" name="breaks_0_start" id="id_breaks_0_start" value="10:20"' in page
    assert 'type="time" name="breaks_0_end" id="id_breaks_0_end" value="10:40"' in page
    assert 'name="breaks_3_start"' in page and 'name="breaks_4_start"' not in page  # three empty rows
    assert "[[" not in page.split('id="id_breaks"')[1][:2000]


def test_breaks_typed_in_rows_are_stored_in_the_order_of_the_day_and_the_slots_skip_them(client, secretary, session):
    response = edit(client, session, ("11:00", "11:20"), ("", ""), ("09:20", "09:40"))

    assert response.status_code == 302
    session = BrokerageSession.objects.get(pk=session.pk)
    assert session.breaks == [["09:20", "09:40"], ["11:00", "11:20"]]
    assert local_times(session) == ["09:00", "09:40", "10:00", "10:20", "10:40", "11:20", "11:40"]


def test_the_scheduler_places_meetings_outside_the_saved_breaks(client, secretary, session):
    edit(client, session, ("09:00", "11:00"))
    people = [MeetingProfileFactory(session=session) for _ in range(4)]
    meetings = [
        MeetingRequestFactory(
            session=session,
            requester=a,
            recipient=b,
            status=MeetingRequest.Status.ACCEPTED,
            answered_at=timezone.now(),
        )
        for a, b in [(people[0], people[1]), (people[2], people[3]), (people[0], people[2])]
    ]

    client.post(reverse("partnerships_brokerage:schedule", args=[session.pk]))

    starts = sorted(
        timezone.localtime(meeting.starts_at).strftime("%H:%M")
        for meeting in MeetingRequest.objects.filter(pk__in=[m.pk for m in meetings])
    )
    assert starts == ["11:00", "11:20", "11:40"]  # one table: the three slots after the break


def test_emptying_every_row_removes_the_breaks(client, secretary, session):
    response = edit(client, session)

    assert response.status_code == 302
    assert BrokerageSession.objects.get(pk=session.pk).breaks == []


@pytest.mark.parametrize(
    ("rows", "message", "params"),
    [
        ([("12:30", "12:00")], "The break must end after it starts.", {}),
        ([("10:00", "")], "Give both the start and the end of the break.", {}),
        ([("midi", "13:00")], "Enter the times as hours and minutes, e.g. 12:30.", {}),
        (
            [("10:00", "10:40"), ("10:20", "11:00")],
            "This break overlaps the break %(start)s–%(end)s.",
            {"start": "10:00", "end": "10:40"},
        ),
    ],
)
def test_a_faulty_row_is_refused_with_its_error_on_the_row_and_nothing_saved(
    client, secretary, session, rows, message, params
):
    response = edit(client, session, *rows)

    page = response.content.decode()
    assert response.status_code == 200
    row = len(rows) - 1
    problem = fr(message, **params)
    assert fr_html("Break %(number)d: %(problem)s", number=row + 1, problem=problem) in page
    assert f'id="id_breaks_{row}_error">{fr_html(message, **params)}</p>' in page
    assert f'value="{rows[row][0]}" aria-invalid="true"' in page
    assert BrokerageSession.objects.get(pk=session.pk).breaks == [["10:20", "10:40"]]


def test_a_break_outside_the_meetings_hours_is_refused(client, secretary, session):
    response = edit(client, session, ("11:30", "12:30"))

    assert response.status_code == 200
    assert (
        fr_html(
            "The break %(start)s–%(end)s is outside the meetings' hours (%(day_start)s–%(day_end)s).",
            start="11:30",
            end="12:30",
            day_start="09:00",
            day_end="12:00",
        )
        in response.content.decode()
    )
    assert BrokerageSession.objects.get(pk=session.pk).breaks == [["10:20", "10:40"]]
