"""Tickets, registration settings and questions for a few demo events: the flagship conference (free for
members, paid for the others, with a free workshop), a members-only side meeting, the fair's business meetings
(free for members, paid for the others), a small breakfast with a waitlist and a free webinar. What each event
page says about registering is written from this table (demo.events.registration_sentence). Idempotent: keyed
by event and ticket name / question label."""

import datetime as dt

from demo.pages import SitePages
from events.models import Question, RefundRule, RegistrationSettings, TicketType

# slug: (settings, tickets, questions). A ticket: (name, name_en, member price, non-member price, quota), prices in
# centimes, None for "not offered". A question: (label, label_en, kind, choices, required).
# fmt: off
REGISTRATIONS = {
    "digital-now": (
        {"capacity": 500, "payment_deadline_hours": 48, "refund_rule": RefundRule.FULL, "cancellation_days": 7},
        [
            ("Pass conférence", "Conference pass", 0, 150_000, 450),
            ("Atelier IA générative (après-midi)", "Generative AI workshop (afternoon)", 0, 0, 40),
        ],
        [
            ("Votre fonction", "Your job title", Question.Kind.TEXT, "", True),
            ("Déjeuner", "Lunch", Question.Kind.CHOICE, "Avec déjeuner\nSans déjeuner\nVégétarien", True),
            ("Souhaitez-vous des rendez-vous B2B ?", "Would you like B2B meetings?", Question.Kind.YES_NO, "", False),
        ],
    ),
    "midest-rencontre-clusters": (
        {"capacity": 60, "refund_rule": RefundRule.NONE},
        [("Participation (membres)", "Attendance (members)", 0, None, None)],
        [],
    ),
    "midest-rendez-vous-b2b": (
        {"capacity": 80, "payment_deadline_hours": 48, "refund_rule": RefundRule.FULL, "cancellation_days": 3},
        [("Rendez-vous d'affaires", "Business meetings", 0, 50_000, None)],
        [("Ce que vous proposez ou recherchez", "What you offer or look for", Question.Kind.TEXT, "", False)],
    ),
    "petit-dejeuner-nouveaux-membres": (
        {"capacity": 12, "waitlist_offer_hours": 24},
        [("Place", "Seat", 0, None, None)],
        [("Votre entreprise a rejoint l'association en", "Your company joined in", Question.Kind.TEXT, "", False)],
    ),
    "webinaire-cybersecurite": (
        {"capacity": None},
        [("Connexion", "Access", 0, 0, None)],
        [],
    ),
}
# fmt: on


def seed_registrations(pages: SitePages) -> None:
    for slug, (options, tickets, questions) in REGISTRATIONS.items():
        event = pages.events.get(slug)
        if event is None:
            continue
        options = dict(options)
        days = options.pop("cancellation_days", None)
        RegistrationSettings.objects.update_or_create(
            event=event,
            defaults={
                "is_open": True,
                "waitlist_enabled": True,
                # Typed as organisers do, in the event's local time: the event's start time, `days` before.
                "cancellation_deadline_local": event.local_start - dt.timedelta(days=days) if days else None,
                **options,
            },
        )
        for order, (name, name_en, member_price, non_member_price, quota) in enumerate(tickets):
            TicketType.objects.update_or_create(
                event=event,
                name=name,
                defaults={
                    "name_en": name_en,
                    "member_price": member_price,
                    "non_member_price": non_member_price,
                    "quota": quota,
                    "sort_order": order,
                },
            )
        for order, (label, label_en, kind, choices, required) in enumerate(questions):
            Question.objects.update_or_create(
                event=event,
                label=label,
                defaults={
                    "label_en": label_en,
                    "kind": kind,
                    "choices": choices,
                    "required": required,
                    "sort_order": order,
                },
            )
