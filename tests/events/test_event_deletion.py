"""An event with registrations is kept: deleting it (or its section) in the admin is refused with a message, never a
500 from the protected registrations."""

import pytest
from django.urls import reverse

from events.models import EventPage
from tests.factories.accounts import StaffUserFactory, login_with_mfa
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    return login_with_mfa(client, StaffUserFactory())


def test_deleting_an_event_with_registrations_is_refused_with_a_message(admin, events_index):
    event = EventPageFactory(parent=events_index, title="Digital Now 2027")
    RegistrationFactory(ticket_type=TicketTypeFactory(event=event))

    for method in (admin.get, admin.post):
        response = method(reverse("wagtailadmin_pages:delete", args=[event.pk]), follow=True)
        assert response.status_code == 200
        assert (
            "Digital Now 2027" in response.text
            and "Unpublish it instead" in "".join(str(m) for m in response.context["messages"])
            or "Dépubliez-le plutôt" in response.text
        )

    assert EventPage.objects.filter(pk=event.pk).exists()
    response = admin.post(reverse("wagtailadmin_pages:delete", args=[events_index.pk]))
    assert response.status_code == 302 and EventPage.objects.filter(pk=event.pk).exists()


def test_an_event_without_registrations_can_be_deleted(admin, events_index):
    event = EventPageFactory(parent=events_index, title="Atelier annulé")

    response = admin.post(reverse("wagtailadmin_pages:delete", args=[event.pk]))

    assert response.status_code == 302
    assert not EventPage.objects.filter(pk=event.pk).exists()
