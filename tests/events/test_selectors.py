import pytest
from wagtail.models import Page

from events.selectors import past_events, upcoming_events
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def test_upcoming_events_are_live_future_events_soonest_first(events_index):
    EventPageFactory(parent=events_index, title="Plus tard", days_from_now=20)
    EventPageFactory(parent=events_index, title="Bientôt", days_from_now=2)
    EventPageFactory(parent=events_index, title="Passé", days_from_now=-2)
    EventPageFactory(parent=events_index, title="Brouillon", days_from_now=3, live=False)

    assert [event.title for event in upcoming_events()] == ["Bientôt", "Plus tard"]


def test_upcoming_events_can_be_limited(events_index):
    for days in (1, 2, 3):
        EventPageFactory(parent=events_index, days_from_now=days)

    assert len(upcoming_events(limit=2)) == 2


def test_past_events_are_most_recent_first(events_index):
    EventPageFactory(parent=events_index, title="Il y a longtemps", days_from_now=-200)
    EventPageFactory(parent=events_index, title="Récemment", days_from_now=-3)

    assert [event.title for event in past_events()] == ["Récemment", "Il y a longtemps"]


def test_upcoming_events_know_their_parent_event(events_index, django_assert_num_queries):
    fair = EventPageFactory(parent=events_index, title="MIDEST", days_from_now=5)
    EventPageFactory(parent=fair, title="Réunion des clusters", days_from_now=6)

    events = upcoming_events()

    with django_assert_num_queries(0):
        assert [(event.title, event.parent_event and event.parent_event.title) for event in events] == [
            ("MIDEST", None),
            ("Réunion des clusters", "MIDEST"),
        ]


def test_site_search_finds_events_by_city(events_index):
    EventPageFactory(parent=events_index, title="Rencontre régionale", city="Oujda")
    EventPageFactory(parent=events_index, title="Autre rencontre", city="Agadir")

    assert [page.title for page in Page.objects.live().search("Oujda")] == ["Rencontre régionale"]


def test_upcoming_events_come_from_the_active_language_tree_only(events_index):
    from wagtail.models import Locale

    event = EventPageFactory(parent=events_index, title="Digital Now")
    event.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True, alias=True)

    assert [(e.title, e.locale.language_code) for e in upcoming_events()] == [("Digital Now", "fr")]
