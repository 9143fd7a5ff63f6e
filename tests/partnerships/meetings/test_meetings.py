"""B2B meetings at an event, as participants live them: opting in, browsing, requesting, answering, the agenda."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.feeds import personal_feed_items
from events.models import Registration
from partnerships.meetings import services
from partnerships.models import MeetingProfile, MeetingRequest
from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory, MeetingRequestFactory
from tests.factories.partnerships import PostFactory
from tests.factories.registrations import RegistrationFactory
from tests.partnerships.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def chloe(session, company_c, chafik):
    return MeetingProfileFactory(session=session, user=chafik, organisation=company_c)


def test_a_confirmed_attendee_opts_in_with_the_company_profile(client, session, company_a, alice):
    company_a.description = "Composants électroniques pour l'automobile."
    company_a.save()
    RegistrationFactory(ticket_type__event=session.event, user=alice, organisation=company_a)
    client.force_login(alice)

    response = client.post(reverse("partnerships:meeting_join", args=[session.pk]))

    assert response.status_code == 302
    profile = MeetingProfile.objects.get(session=session, user=alice)
    assert profile.organisation == company_a
    assert profile.description == "Composants électroniques pour l'automobile."


@pytest.mark.parametrize("status", [Registration.Status.RESERVED, Registration.Status.CANCELLED, None])
def test_only_confirmed_attendees_can_opt_in(client, session, alice, status):
    if status:
        RegistrationFactory(ticket_type__event=session.event, user=alice, status=status)
    client.force_login(alice)

    client.post(reverse("partnerships:meeting_join", args=[session.pk]))

    assert not MeetingProfile.objects.exists()


def test_participants_page_shows_companies_and_their_board_posts(client, session, ana, ben, company_b, automotive):
    PostFactory(organisation=company_b, title="Offre d'injection plastique", sectors=[automotive])
    client.force_login(ana.user)

    page = client.get(reverse("partnerships:meeting_participants", args=[session.pk])).content.decode()

    assert ben.company_name in page
    assert "Offre d&#x27;injection plastique" in page
    assert reverse("partnerships:meeting_request_create", args=[session.pk, ben.pk]) in page
    assert reverse("partnerships:meeting_request_create", args=[session.pk, ana.pk]) not in page


def test_participants_page_costs_the_same_queries_for_5_or_25_participants(client, session, ana):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("partnerships:meeting_participants", args=[session.pk])).status_code == 200
        return len(captured)

    client.force_login(ana.user)
    queries()  # warm the caches (site, locales) that any first page fills
    for _ in range(5):
        PostFactory(organisation=MeetingProfileFactory(session=session).organisation)
    few = queries()
    for _ in range(20):
        PostFactory(organisation=MeetingProfileFactory(session=session).organisation)

    assert queries() == few


def test_a_request_is_sent_with_a_message_and_shows_to_both(client, session, ana, ben):
    client.force_login(ana.user)

    response = client.post(
        reverse("partnerships:meeting_request_create", args=[session.pk, ben.pk]), {"message": "Parlons moules."}
    )

    assert response.status_code == 302
    meeting = MeetingRequest.objects.get()
    assert (meeting.requester, meeting.recipient, meeting.message) == (ana, ben, "Parlons moules.")
    client.force_login(ben.user)
    assert (
        reverse("partnerships:meeting_request", args=[meeting.pk])
        in client.get(reverse("partnerships:meeting_session", args=[session.pk])).content.decode()
    )


def test_an_empty_message_is_refused_and_nothing_is_sent(client, session, ana, ben):
    client.force_login(ana.user)

    response = client.post(reverse("partnerships:meeting_request_create", args=[session.pk, ben.pk]), {"message": ""})

    assert response.status_code == 400
    assert not MeetingRequest.objects.exists()


def test_a_second_request_between_the_same_two_is_refused(client, session, ana, ben):
    MeetingRequestFactory(session=session, requester=ben, recipient=ana)
    client.force_login(ana.user)

    response = client.post(
        reverse("partnerships:meeting_request_create", args=[session.pk, ben.pk]), {"message": "Bonjour"}
    )

    assert response.status_code == 400
    assert MeetingRequest.objects.count() == 1


def test_accepting_places_the_meeting_in_the_first_free_slot(client, session, ana, ben):
    meeting = MeetingRequestFactory(session=session, requester=ana, recipient=ben)
    client.force_login(ben.user)

    client.post(reverse("partnerships:meeting_request_action", args=[meeting.pk, "accept"]))

    meeting.refresh_from_db()
    assert meeting.status == MeetingRequest.Status.ACCEPTED
    assert (meeting.starts_at, meeting.table) == (session.slots[0].start, 1)


def test_the_requester_cannot_accept_their_own_request(client, session, ana, ben):
    meeting = MeetingRequestFactory(session=session, requester=ana, recipient=ben)
    client.force_login(ana.user)

    client.post(reverse("partnerships:meeting_request_action", args=[meeting.pk, "accept"]))

    meeting.refresh_from_db()
    assert meeting.status == MeetingRequest.Status.PENDING


def test_declining_leaves_the_meeting_unplaced(client, session, ana, ben):
    meeting = MeetingRequestFactory(session=session, requester=ana, recipient=ben)
    client.force_login(ben.user)

    client.post(reverse("partnerships:meeting_request_action", args=[meeting.pk, "decline"]))

    meeting.refresh_from_db()
    assert meeting.status == MeetingRequest.Status.DECLINED and meeting.starts_at is None


def test_accepting_beyond_the_cap_is_refused(session, ana, ben, chloe):
    session.cap = 1
    session.save()
    services.meeting_request_accept(
        request=MeetingRequestFactory(session=session, requester=chloe, recipient=ben), by=ben.user
    )
    second = MeetingRequestFactory(session=session, requester=ana, recipient=ben)

    with pytest.raises(services.MeetingError):
        services.meeting_request_accept(request=second, by=ben.user)

    second.refresh_from_db()
    assert second.status == MeetingRequest.Status.PENDING


def test_unanswered_requests_expire_at_the_deadline(client, session, ana, ben):
    meeting = MeetingRequestFactory(session=session, requester=ana, recipient=ben)
    session.request_deadline = timezone.now() - dt.timedelta(minutes=1)
    session.save()
    client.force_login(ben.user)

    client.post(reverse("partnerships:meeting_request_action", args=[meeting.pk, "accept"]))
    call_command("expire_meeting_requests")

    meeting.refresh_from_db()
    assert meeting.status == MeetingRequest.Status.EXPIRED


def test_after_the_deadline_no_request_can_be_sent(session, ana, ben):
    session.request_deadline = timezone.now() - dt.timedelta(minutes=1)
    session.save()

    with pytest.raises(services.SessionClosed):
        services.meeting_request_send(requester=ana, recipient=ben, message="Bonjour", by=ana.user)


def test_a_third_company_cannot_read_or_answer_a_request_through_any_url(client, session, ana, ben, chloe):
    meeting = MeetingRequestFactory(session=session, requester=ana, recipient=ben)
    client.force_login(chloe.user)

    assert client.get(reverse("partnerships:meeting_request", args=[meeting.pk])).status_code == 404
    for action in ("accept", "decline"):
        assert client.post(reverse("partnerships:meeting_request_action", args=[meeting.pk, action])).status_code == 404
    assert (
        meeting.message not in client.get(reverse("partnerships:meeting_session", args=[session.pk])).content.decode()
    )
    assert ana.name not in client.get(reverse("partnerships:meeting_agenda", args=[session.pk])).content.decode()

    meeting.refresh_from_db()
    assert meeting.status == MeetingRequest.Status.PENDING


def test_a_colleague_of_the_recipient_cannot_answer_for_them(client, session, ana, ben, company_b):
    meeting = MeetingRequestFactory(session=session, requester=ana, recipient=ben)
    client.force_login(person(company_b))

    assert client.post(reverse("partnerships:meeting_request_action", args=[meeting.pk, "accept"])).status_code == 404


def test_someone_who_did_not_opt_in_sees_no_participants_nor_agenda(client, session, ana, outsider):
    client.force_login(outsider)

    for name in ("meeting_participants", "meeting_agenda", "meeting_agenda_pdf"):
        assert client.get(reverse(f"partnerships:{name}", args=[session.pk])).status_code == 404, name
    assert (
        client.post(
            reverse("partnerships:meeting_request_create", args=[session.pk, ana.pk]), {"message": "Hop"}
        ).status_code
        == 404
    )
    assert not MeetingRequest.objects.exists()


def test_an_unknown_action_is_a_404(client, session, ana, ben):
    meeting = MeetingRequestFactory(session=session, requester=ana, recipient=ben)
    client.force_login(ben.user)

    assert client.post(reverse("partnerships:meeting_request_action", args=[meeting.pk, "cancel"])).status_code == 404


def _accepted(session, requester, recipient):
    meeting = MeetingRequestFactory(session=session, requester=requester, recipient=recipient)
    return services.meeting_request_accept(request=meeting, by=recipient.user)


def test_both_participants_see_the_meeting_in_their_agenda(client, session, ana, ben):
    meeting = _accepted(session, ana, ben)
    url = reverse("partnerships:meeting_request", args=[meeting.pk])

    for profile in (ana, ben):
        client.force_login(profile.user)
        assert url in client.get(reverse("partnerships:meeting_agenda", args=[session.pk])).content.decode()


def test_the_agenda_downloads_as_a_pdf(client, session, ana, ben):
    _accepted(session, ana, ben)
    client.force_login(ana.user)

    response = client.get(reverse("partnerships:meeting_agenda_pdf", args=[session.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_agenda_pdf_handles_arabic_names(client, session, ana, company_b):
    arabic = MeetingProfileFactory(session=session, name="سلمى بناني", company_name="شركة الأطلس")
    _accepted(session, ana, arabic)
    client.force_login(ana.user)

    assert client.get(reverse("partnerships:meeting_agenda_pdf", args=[session.pk])).content.startswith(b"%PDF")


def test_meetings_appear_in_both_personal_calendar_feeds(session, ana, ben, chloe):
    meeting = _accepted(session, ana, ben)

    for profile in (ana, ben):
        items = [item for item in personal_feed_items(profile.user) if item.uid.startswith("meeting-")]
        assert [(item.start, item.end) for item in items] == [(meeting.starts_at, meeting.ends_at)]
    assert not [item for item in personal_feed_items(chloe.user) if item.uid.startswith("meeting-")]


def test_the_event_page_links_to_its_open_b2b_meetings(client):
    from django.urls import reverse
    from wagtail.models import Page

    from events.models import EventIndexPage
    from tests.factories.events import EventPageFactory

    index = Page.objects.get(depth=2).add_child(instance=EventIndexPage(title="Événements", slug="evenements-b2b"))
    event = EventPageFactory(parent=index)
    link = reverse("partnerships:meeting_session", args=[BrokerageSessionFactory(event=event).pk])

    assert link in client.get(event.url).content.decode()

    event.brokerage_session.is_open = False
    event.brokerage_session.save()
    assert link not in client.get(event.url).content.decode()


def test_moderators_see_posts_waiting_for_review_on_the_dashboard(client):
    import time

    from django.contrib.auth.models import Group
    from django.urls import reverse

    from partnerships.models import Post
    from tests.factories.accounts import StaffUserFactory, add_totp
    from tests.factories.partnerships import PostFactory

    PostFactory(status=Post.Status.SUBMITTED)
    moderator = StaffUserFactory(is_superuser=False)
    moderator.groups.add(Group.objects.get(name="Modérateur"))
    add_totp(moderator)
    client.force_login(moderator)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(moderator.pk)
    session.save()

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="board-panel-title"' in page
    assert reverse("partnerships_review:index") in page
    assert 'id="dues-panel-title"' not in page
