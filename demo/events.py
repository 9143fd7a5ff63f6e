"""Events: a calendar modelled on what such an association runs — a digital conference, a trade fair with side
meetings as child events, an inter-clusters forum, a webinar, a breakfast for new members, a mission abroad."""

import datetime as dt

from django.utils import timezone

from demo import content
from demo.pages import SitePages, child_page, fill_blanks
from demo.registrations import REGISTRATIONS
from events.models import EventIndexPage, EventPage, EventPartner, EventSession, EventSpeaker, EventType, Speaker
from events.models.pages import PartnerLevel

TYPES = {
    "digital-now": EventType.CONFERENCE,
    "midest-maroc": EventType.CONFERENCE,
    "midest-rencontre-clusters": EventType.SIDE_MEETING,
    "midest-rendez-vous-b2b": EventType.SIDE_MEETING,
    "forum-inter-clusters": EventType.FORUM,
    "webinaire-cybersecurite": EventType.WEBINAR,
    "petit-dejeuner-nouveaux-membres": EventType.NETWORKING,
    "mission-paris": EventType.NETWORKING,
    "digital-now-2025": EventType.CONFERENCE,
}


def event_times(days_from_now: int, hours: float, start_hour: int = 9) -> dict:
    """Local dates and times of an event starting `days_from_now` days from today."""
    start = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days_from_now), dt.time(start_hour))
    end = start + dt.timedelta(hours=hours)
    return {"start_date": start.date(), "start_time": start.time(), "end_date": end.date(), "end_time": end.time()}


def seed_speakers() -> list[Speaker]:
    speakers = []
    for name, role in content.SPEAKERS:
        speaker, _ = Speaker.objects.get_or_create(name=name, defaults={"role": role})
        speakers.append(speaker)
    return speakers


def _programme(speakers: list[Speaker], partners: list):
    """Speakers, a day's sessions and partners for the flagship conference, set before its first save."""

    def prepare(event: EventPage) -> None:
        event.event_speakers = [EventSpeaker(speaker=speaker, sort_order=n) for n, speaker in enumerate(speakers[:3])]
        slots = [
            (9, 10, "Ouverture : le numérique marocain en 2026", "Grande salle"),
            (10, 11, "Cloud souverain : où en sommes-nous ?", "Grande salle"),
            (11, 12, "L'IA dans les PME : retours d'expérience", "Salle 2"),
            (14, 15, "Talents : former et retenir dans les régions", "Grande salle"),
            (15, 16, "Rencontres d'affaires entre membres", "Espace B2B"),
        ]
        sessions = []
        for order, (begin, end, title, room) in enumerate(slots):
            session = EventSession(
                sort_order=order,
                date=event.start_date,
                start_time=dt.time(begin),
                end_time=dt.time(end),
                title=title,
                room=room,
            )
            session.speakers = [speakers[order % len(speakers)]]
            sessions.append(session)
        event.sessions = sessions
        event.partners = [
            EventPartner(
                sort_order=order,
                name=organisation.display_name,
                logo=organisation.logo,
                url=organisation.website,
                level=PartnerLevel.SPONSOR if order < 2 else PartnerLevel.PARTNER,
            )
            for order, organisation in enumerate(partners)
        ]

    return prepare


def registration_sentence(slug: str) -> str:
    """What the event's page says about registering, true to the tickets demo.registrations gives it: nothing
    for an event without online registration."""
    if slug not in REGISTRATIONS:
        return ""
    tickets = REGISTRATIONS[slug][1]
    member_prices = [ticket[3] for ticket in tickets]
    other_prices = [ticket[4] for ticket in tickets]
    if all(price is None for price in other_prices):
        if all(price == 0 for price in member_prices):
            return "Inscription en ligne, gratuite, réservée aux entreprises membres."
        return "Inscription en ligne, réservée aux entreprises membres."
    if all(price == 0 for price in member_prices + other_prices):
        return "Inscription en ligne, gratuite."
    if any(m is not None and o is not None and m < o for m, o in zip(member_prices, other_prices, strict=True)):
        return "Inscription en ligne ; les membres bénéficient du tarif membre."
    return "Inscription en ligne."


def seed_events(pages: SitePages, organisations: list, *, with_images: bool = True) -> None:
    pages.event_index = child_page(
        pages.home,
        EventIndexPage,
        "evenements",
        title="Événements",
        intro="<p>Conférences, rencontres d'affaires, forums et webinaires de l'association et de ses partenaires.</p>",
    )
    # The hero's own button leads to the calendar: the template adds the one "Become a member" button beside it.
    fill_blanks(pages.home, hero_cta_label="Voir les prochains événements", hero_cta_page=pages.event_index)
    speakers = seed_speakers()
    featured = [organisation for organisation in organisations if organisation.is_featured]
    rows = [
        *content.EVENTS,
        (
            "digital-now-2025",
            "Digital Now 2025",
            -300,
            9,
            "Casablanca",
            "Palais des congrès, Casablanca",
            False,
            False,
            "L'édition précédente : plus de mille participants autour du cloud et de l'IA.",
            None,
        ),
    ]
    for position, row in enumerate(rows):
        slug, title, days, hours, city, venue, online, members_only, intro, parent_slug = row
        parent = pages.events[parent_slug] if parent_slug else pages.event_index
        event = child_page(
            parent,
            EventPage,
            slug,
            title=title,
            event_type=TYPES[slug],
            summary=intro,
            description=[
                ("paragraph", "".join(f"<p>{text}</p>" for text in (intro, registration_sentence(slug)) if text))
            ],
            hero_image=pages.heroes[(position + 1) % len(pages.heroes)] if pages.heroes else None,
            city=city,
            country="Maroc" if city and city != "Paris" else ("France" if city == "Paris" else ""),
            venue_name=venue,
            is_online=online,
            members_only=members_only,
            time_zone="Europe/Paris" if city == "Paris" else "Africa/Casablanca",
            prepare=_programme(speakers, featured) if slug == "digital-now" else None,
            **event_times(days, hours, start_hour=15 if online else 9),
        )
        pages.events[slug] = event
