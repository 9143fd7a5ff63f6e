import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from events.models import EventIndexPage, EventPage, EventPartner, EventSession, EventSpeaker, EventType, Speaker


class SpeakerFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name")
    role = "Directrice générale"
    organisation = factory.Sequence(lambda n: f"Société {n}")
    bio = "Vingt ans dans le numérique au Maroc."

    class Meta:
        model = Speaker


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Événements"
    slug = "evenements"
    intro = "<p>Conférences, forums et rencontres B2B.</p>"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An event a month from now, 09:00–17:00 in Casablanca. Pass `days_from_now` to move it."""

    class Params:
        days_from_now = 30

    title = factory.Sequence(lambda n: f"Rencontre numérique {n}")
    event_type = EventType.CONFERENCE
    summary = "Une journée d'échanges entre membres du Technopark."
    start_date = factory.LazyAttribute(lambda o: timezone.localdate() + dt.timedelta(days=o.days_from_now))
    start_time = dt.time(9, 0)
    end_date = factory.SelfAttribute("start_date")
    end_time = dt.time(17, 0)
    time_zone = "Africa/Casablanca"
    venue_name = "Technopark"
    address = "Route de Nouaceur"
    city = "Casablanca"
    country = "Maroc"

    class Meta:
        model = EventPage


class EventSpeakerFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    speaker = factory.SubFactory(SpeakerFactory)

    class Meta:
        model = EventSpeaker


class EventSessionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    date = factory.SelfAttribute("page.start_date")
    start_time = dt.time(10, 0)
    end_time = dt.time(11, 0)
    title = factory.Sequence(lambda n: f"Table ronde {n}")
    room = "Salle A"

    class Meta:
        model = EventSession


class EventPartnerFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Partenaire {n}")
    url = "https://example.ma/"

    class Meta:
        model = EventPartner
