import datetime as dt

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventType
from tests.events.i18n import fr_html
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def test_calendar_lists_upcoming_events_soonest_first_without_past_ones(client, events_index):
    EventPageFactory(parent=events_index, title="Forum des clusters", days_from_now=40)
    EventPageFactory(parent=events_index, title="Digital Now", days_from_now=10)
    EventPageFactory(parent=events_index, title="MIDEST 2016", days_from_now=-300)

    response = client.get(events_index.url)

    assert response.status_code == 200
    assert titles(response) == ["Digital Now", "Forum des clusters"]
    assert "MIDEST 2016" not in response.text


def test_event_in_progress_is_still_upcoming(client, events_index):
    today = dt.date.today()
    EventPageFactory(
        parent=events_index,
        title="Salon en cours",
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=1),
    )

    assert titles(client.get(events_index.url)) == ["Salon en cours"]


def test_past_section_lists_past_events_most_recent_first(client, events_index):
    EventPageFactory(parent=events_index, title="MIDEST 2016", days_from_now=-300)
    EventPageFactory(parent=events_index, title="Rencontre de juin", days_from_now=-20)
    EventPageFactory(parent=events_index, title="Digital Now", days_from_now=10)

    response = client.get(events_index.url, {"when": "past"})

    assert titles(response) == ["Rencontre de juin", "MIDEST 2016"]


def test_draft_events_are_not_listed(client, events_index):
    EventPageFactory(parent=events_index, title="Brouillon", live=False)

    assert titles(client.get(events_index.url)) == []


def test_type_filter_keeps_only_that_type(client, events_index):
    EventPageFactory(parent=events_index, title="Webinaire cloud", event_type=EventType.WEBINAR)
    EventPageFactory(parent=events_index, title="Conférence IA", event_type=EventType.CONFERENCE)

    response = client.get(events_index.url, {"type": "webinar"})

    assert titles(response) == ["Webinaire cloud"]


def test_month_filter_keeps_events_happening_in_that_month(client, events_index):
    EventPageFactory(parent=events_index, title="Décembre", start_date=dt.date(2030, 12, 14))
    EventPageFactory(
        parent=events_index,
        title="À cheval",
        start_date=dt.date(2030, 11, 29),
        end_date=dt.date(2030, 12, 2),
    )
    EventPageFactory(parent=events_index, title="Janvier", start_date=dt.date(2031, 1, 8))

    response = client.get(events_index.url, {"month": "2030-12"})

    assert titles(response) == ["À cheval", "Décembre"]


def test_month_choices_are_the_months_with_events(client, events_index):
    EventPageFactory(parent=events_index, start_date=dt.date(2030, 12, 14))
    EventPageFactory(parent=events_index, start_date=dt.date(2031, 1, 8))

    response = client.get(events_index.url)

    assert [option["value"] for option in response.context["month_options"]] == ["2030-12", "2031-01"]
    assert '<option value="2030-12">' in response.text


def test_invalid_month_is_explained_and_ignored(client, events_index):
    EventPageFactory(parent=events_index, title="Digital Now")

    response = client.get(events_index.url, {"month": "décembre"})

    assert response.status_code == 200
    assert fr_html("Choose a month in the form YYYY-MM.") in response.text
    assert titles(response) == ["Digital Now"]


def test_pagination_keeps_the_filters(client, events_index):
    for days in range(1, 15):
        EventPageFactory(parent=events_index, event_type=EventType.WORKSHOP, days_from_now=days)

    response = client.get(events_index.url, {"type": "workshop"})

    assert len(titles(response)) == 12
    assert "?type=workshop&amp;page=2" in response.text


# Wagtail never closes the SpooledTemporaryFile it renders a new rendition into; the ResourceWarning the garbage
# collector raises about it is Wagtail's, not ours.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_calendar_costs_the_same_queries_for_3_or_31_events(client, events_index, django_assert_max_num_queries):
    def add_events(count):
        for _ in range(count):
            EventPageFactory(parent=events_index, hero_image=wagtail_factories.ImageFactory(), days_from_now=1)
        client.get(events_index.url)  # the first view generates the new events' renditions

    add_events(3)
    with CaptureQueriesContext(connection) as queries:
        client.get(events_index.url)
    with_3_events = len(queries)  # read now: the connection keeps a bounded log of queries
    add_events(28)

    with django_assert_max_num_queries(with_3_events):
        response = client.get(events_index.url)

    assert len(titles(response)) == 12
    assert response.text.count('<div class="card__media"><img') == 12
