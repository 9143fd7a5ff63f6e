"""What the secretariat's spreadsheet program shows of this app's exports: hostile names neutralised, accents,
local times, typed cells, a named sheet (tests.spreadsheets)."""

import pytest
from django.urls import reverse

from events.models import Answer, Question
from tests.events.export_rows import LISTINGS
from tests.factories.registrations import QuestionFactory, RegistrationFactory
from tests.spreadsheets import check_listing, csv_dicts, log_in_secretariat, xlsx_sheet


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.url_name)
def test_hostile_names_are_neutralised_in_the_csv_and_xlsx_exports(client, db, listing):
    log_in_secretariat(client)

    check_listing(client, listing)


def test_questions_and_answers_are_neutralised_too(client, db):
    log_in_secretariat(client)
    registration = RegistrationFactory(attendee_name="Salma Bennani")
    question = QuestionFactory(event=registration.event, label="=cmd|' /C calc'!A0")
    yes_no = QuestionFactory(event=registration.event, label="Parking ?", kind=Question.Kind.YES_NO)
    Answer.objects.create(registration=registration, question=question, value="@SUM(1+1)*cmd")
    Answer.objects.create(registration=registration, question=yes_no, value="yes")
    url = reverse("events_registrations:index")

    [row] = csv_dicts(client.get(url, {"event": registration.event_id, "export": "csv"}))
    sheet = xlsx_sheet(client.get(url, {"event": registration.event_id, "export": "xlsx"}))

    assert row["'=cmd|' /C calc'!A0"] == "'@SUM(1+1)*cmd"
    assert row["Parking ?"] == "Oui"
    headings, values = ([cell.value for cell in line] for line in sheet.iter_rows())
    assert values[headings.index("'=cmd|' /C calc'!A0")] == "'@SUM(1+1)*cmd"
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)
