"""Every query-string filter and path token of the public and member pages, fed hostile values: never a 500.

The test client re-raises a view's exception, so a crash fails the example with its traceback."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory
from tests.fuzz.strategies import OK_FILTER, fuzz, hostile_value, isolated, path_segment, raw_query_value

pytestmark = pytest.mark.django_db


def _get(client, path, params):
    with isolated():
        response = client.get(path, params)
    assert response.status_code in OK_FILTER, (path, params, response.status_code)
    return response


def _get_raw(client, path, name, encoded):
    with isolated():
        response = client.get(f"{path}?{name}={encoded}")
    assert response.status_code in OK_FILTER, (path, name, encoded, response.status_code)


@fuzz(max_examples=20)
@given(name=st.sampled_from(["category", "tag", "page"]), value=hostile_value)
@example(name="tag", value="\x00")
def test_news_index_filters(client, news_index, name, value):
    _get(client, news_index.url, {name: value})


@fuzz(max_examples=8)
@given(category=hostile_value, tag=hostile_value, page=hostile_value)
def test_news_index_filters_together(client, news_index, category, tag, page):
    _get(client, news_index.url, {"category": category, "tag": tag, "page": page})


@fuzz(max_examples=25)
@given(name=st.sampled_from(["when", "type", "month", "page"]), value=hostile_value)
@example(name="month", value="0000-01")
@example(name="month", value="9999-12")
def test_event_index_filters(client, events_index, name, value):
    _get(client, events_index.url, {name: value})


@fuzz(max_examples=8)
@given(when=hostile_value, type_=hostile_value, month=hostile_value, page=hostile_value)
def test_event_index_filters_together(client, events_index, when, type_, month, page):
    _get(client, events_index.url, {"when": when, "type": type_, "month": month, "page": page})


@fuzz(max_examples=20)
@given(name=st.sampled_from(["q", "sector", "region", "size", "page"]), value=hostile_value)
def test_directory_filters(client, directory, name, value):
    _get(client, "/members/", {name: value})


@fuzz(max_examples=20)
@given(name=st.sampled_from(["q", "kind", "category", "sector", "region", "sort", "page"]), value=hostile_value)
def test_board_filters_for_visitors(client, board_post, name, value):
    _get(client, "/board/", {name: value})


@fuzz(max_examples=15)
@given(name=st.sampled_from(["q", "sector", "sort", "page"]), value=hostile_value)
@example(name="q", value="\x00")
def test_board_filters_for_members(client, board_post, member, name, value):
    client.force_login(member)
    _get(client, "/board/", {name: value})


@fuzz(max_examples=20)
@given(name=st.sampled_from(["q", "page"]), value=hostile_value)
@example(name="q", value="\x00")
@example(name="q", value='"')
def test_search(client, news_index, events_index, name, value):
    params = {name: value} if name == "q" else {"q": "Technopark", "page": value}
    _get(client, "/search/", params)


@fuzz(max_examples=12)
@given(value=hostile_value)
def test_calendar_feed_type(client, events_index, value):
    _get(client, "/calendar/events.ics", {"type": value})


@fuzz(max_examples=15)
@given(
    path=st.sampled_from(["/members/", "/board/", "/search/", "/calendar/events.ics", "/actualites/", "/evenements/"]),
    name=st.sampled_from(["q", "page", "month", "tag", "type", "sector"]),
    encoded=raw_query_value,
)
def test_undecodable_query_strings(client, news_index, events_index, directory, path, name, encoded):
    _get_raw(client, path, name, encoded)


@fuzz(max_examples=8)
@given(value=hostile_value)
def test_event_registration_page_ticket_parameter(client, events_index, value):
    event = events_index.get_children().first()
    _get(client, f"/registrations/event/{event.pk}/", {"ticket": value})


@pytest.fixture
def meeting_session(events_index, member):
    event = events_index.get_children().live().first().specific
    profile = MeetingProfileFactory(session=BrokerageSessionFactory(event=event), user=member)
    MeetingProfileFactory(session=profile.session)
    return profile.session


@fuzz(max_examples=12)
@given(path=st.sampled_from(["/payments/invoices/", "/meetings/{}/participants/"]), value=hostile_value)
def test_member_listings_page(client, member, meeting_session, path, value):
    client.force_login(member)
    _get(client, path.format(meeting_session.pk), {"page": value})


TOKEN_PATHS = [
    "/registrations/{}/",
    "/registrations/{}/badge.pdf",
    "/waitlist/{}/",
    "/waitlist/{}/claim/",
    "/invitations/{}/",
    "/unsubscribe/{}/",
    "/calendar/me/{}.ics",
    "/payments/invoices/{}.pdf",
    "/members/{}/",
    "/accounts/password/reset/key/1-{}/",
]


@fuzz(max_examples=40)
@given(template=st.sampled_from(TOKEN_PATHS), token=path_segment, logged_in=st.booleans())
@example(template="/registrations/{}/", token="%00", logged_in=True)
@example(template="/waitlist/{}/", token="%00", logged_in=False)
@example(template="/calendar/me/{}.ics", token="%00", logged_in=False)
@example(template="/payments/invoices/{}.pdf", token="%00", logged_in=True)
def test_tokens_in_links(client, member, template, token, logged_in):
    """Links from e-mails and calendars carry a token; a mangled one is a 404 (or a login), never a crash."""
    if logged_in:
        client.force_login(member)
    with isolated():
        response = client.get(template.format(token))
    assert response.status_code in OK_FILTER | {403, 410}, (template, token, response.status_code)
