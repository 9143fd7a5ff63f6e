"""The personal data export (law 09-08 right of access) holds what the person did across the site: their places
at events, the waitlist, their board posts and messages, and their B2B meetings — and nobody else's."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.urls import reverse

from partnerships.models import MeetingRequest
from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory, MeetingRequestFactory
from tests.factories.partnerships import ConversationFactory, MessageFactory, PostFactory
from tests.factories.registrations import QuestionFactory, RegistrationFactory, WaitlistEntryFactory

pytestmark = pytest.mark.django_db


def export(client) -> dict:
    response = client.get(reverse("members:data_export"))
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return json.loads(archive.read("my-data.json"))


def test_export_lists_my_event_registrations_with_my_answers(admin_client, company, company_admin):
    mine = RegistrationFactory(user=company_admin, attendee_email=company_admin.email, organisation=company)
    question = QuestionFactory(event=mine.event, label="Régime alimentaire ?")
    mine.answers.create(question=question, value="Végétarien")
    before_my_account = RegistrationFactory(attendee_email=company_admin.email.upper(), company_name="Ancienne SARL")
    RegistrationFactory(organisation=company)  # a colleague's place, registered for the same company

    data = export(admin_client)

    registrations = data["event_registrations"]
    assert [r["code"] for r in registrations] == [mine.code, before_my_account.code]
    assert registrations[0]["event"] == mine.event.title
    assert registrations[0]["company"] == company.legal_name
    assert registrations[0]["status"] == "confirmed"
    assert registrations[0]["answers"] == [{"question": "Régime alimentaire ?", "answer": "Végétarien"}]
    assert registrations[1]["company"] == "Ancienne SARL"


def test_export_lists_my_waitlist_entries(admin_client, company_admin):
    entry = WaitlistEntryFactory(user=company_admin, email=company_admin.email)
    WaitlistEntryFactory(event=entry.event)

    data = export(admin_client)

    assert [(e["event"], e["email"], e["status"]) for e in data["event_waitlist"]] == [
        (entry.event.title, company_admin.email, "waiting")
    ]


def test_export_lists_the_board_posts_i_wrote_and_my_messages(admin_client, company, company_admin):
    post = PostFactory(organisation=company, author=company_admin, title="Recherche d'un injecteur plastique")
    PostFactory(organisation=company, author=None, title="Un autre post de l'entreprise")
    conversation = ConversationFactory(post=PostFactory(title="Offre de moules"), organisation=company)
    MessageFactory(conversation=conversation, sender=company_admin, body="Vos délais pour 500 pièces ?")
    MessageFactory(conversation=conversation, body="Message d'un collègue.")

    data = export(admin_client)

    assert [p["title"] for p in data["board_posts"]] == [post.title]
    assert data["board_posts"][0]["description"] == post.description
    assert data["board_posts"][0]["status"] == "published"
    assert [(m["post"], m["message"]) for m in data["board_messages"]] == [
        ("Offre de moules", "Vos délais pour 500 pièces ?")
    ]


def test_export_lists_my_b2b_meeting_profile_and_requests_both_ways(admin_client, company, company_admin):
    session = BrokerageSessionFactory()
    me = MeetingProfileFactory(session=session, user=company_admin, organisation=company, description="Nous cherchons")
    other, third = MeetingProfileFactory(session=session), MeetingProfileFactory(session=session)
    slot = session.slots[0]
    MeetingRequestFactory(
        session=session,
        requester=me,
        recipient=other,
        message="Parlons moules.",
        status=MeetingRequest.Status.ACCEPTED,
        starts_at=slot.start,
        ends_at=slot.end,
        table=2,
    )
    MeetingRequestFactory(session=session, requester=third, recipient=me, message="Une rencontre ?")
    MeetingRequestFactory(session=session, requester=other, recipient=third, message="Pas pour moi.")

    data = export(admin_client)

    meetings = data["b2b_meetings"]
    assert [(p["event"], p["description"]) for p in meetings["profiles"]] == [(session.event.title, "Nous cherchons")]
    assert [(r["direction"], r["with"], r["message"], r["status"]) for r in meetings["requests"]] == [
        ("sent", str(other), "Parlons moules.", "accepted"),
        ("received", str(third), "Une rencontre ?", "pending"),
    ]
    assert meetings["requests"][0]["table"] == 2
    assert dt.datetime.fromisoformat(meetings["requests"][0]["starts_at"]) == slot.start


def test_a_person_with_no_activity_gets_empty_lists(client, outsider):
    client.force_login(outsider)

    data = export(client)

    assert data["event_registrations"] == data["event_waitlist"] == []
    assert data["board_posts"] == data["board_messages"] == []
    assert data["b2b_meetings"] == {"profiles": [], "requests": []}
