"""Prepare (or count) the benchmark's registration event in the bench database.

python tests/bench/registrations_setup.py create <capacity>   → {"event_id": …, "ticket_id": …}
python tests/bench/registrations_setup.py count <event id>     → {"confirmed": …}
"""

import datetime as dt
import json
import sys

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.models import EventIndexPage, EventPage, Registration, RegistrationSettings, TicketType  # noqa: E402

SLUG = "bench-inscriptions"


@transaction.atomic
def create(capacity: int) -> dict:
    event = EventPage.objects.filter(slug=SLUG).first()
    if event is None:
        index = EventIndexPage.objects.filter(locale__language_code="fr").first()
        day = timezone.localdate() + dt.timedelta(days=60)
        event = index.add_child(
            instance=EventPage(
                title="Benchmark — forum des inscriptions",
                slug=SLUG,
                summary="Un événement créé par make bench pour mesurer les inscriptions.",
                start_date=day,
                start_time=dt.time(9),
                end_date=day,
                end_time=dt.time(17),
                city="Casablanca",
            )
        )
    Registration.objects.filter(event=event).delete()
    RegistrationSettings.objects.update_or_create(
        event=event, defaults={"is_open": True, "capacity": capacity, "waitlist_enabled": False}
    )
    ticket, _ = TicketType.objects.update_or_create(
        event=event,
        name="Entrée libre",
        defaults={"member_price": 0, "non_member_price": 0, "quota": None, "is_active": True},
    )
    return {"event_id": event.pk, "ticket_id": ticket.pk}


def count(event_id: int) -> dict:
    return {"confirmed": Registration.objects.filter(event_id=event_id).holding_seat().count()}


if __name__ == "__main__":
    action, argument = sys.argv[1], int(sys.argv[2])
    print(json.dumps(create(argument) if action == "create" else count(argument)))
