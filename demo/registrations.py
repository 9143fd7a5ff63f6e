"""Tickets, registration settings and questions for a few demo events: the flagship conference (free for
members, paid for the others, with a free workshop), a members-only side meeting, the fair's business meetings
(free for members, paid for the others), a small breakfast with a waitlist and a free webinar. What each event
page says about registering is written from this table (demo.events.registration_sentence). Idempotent: keyed
by event and ticket name / question label."""

import datetime as dt

from demo.pages import SitePages
from events.models import Question, RefundRule, RegistrationSettings, TicketType

# slug: (settings, tickets, questions). A ticket: (name, name_en, name_ar, member price, non-member price, quota),
# prices in centimes, None for "not offered". A question: (label, label_en, label_ar, kind, choices, required); the
# choices of a choice question in French, English and Arabic, one per line and in the same order.
NO_CHOICES = ("", "", "")
# fmt: off
REGISTRATIONS = {
    "digital-now": (
        {"capacity": 500, "payment_deadline_hours": 48, "refund_rule": RefundRule.FULL, "cancellation_days": 7},
        [
            ("Pass conférence", "Conference pass", "تذكرة المؤتمر", 0, 150_000, 450),
            ("Atelier IA générative (après-midi)", "Generative AI workshop (afternoon)",
             "ورشة الذكاء الاصطناعي التوليدي (بعد الزوال)", 0, 0, 40),
        ],
        [
            ("Votre fonction", "Your job title", "وظيفتكم", Question.Kind.TEXT, NO_CHOICES, True),
            ("Déjeuner", "Lunch", "وجبة الغداء", Question.Kind.CHOICE,
             ("Avec déjeuner\nSans déjeuner\nVégétarien", "With lunch\nWithout lunch\nVegetarian",
              "مع وجبة الغداء\nبدون وجبة الغداء\nوجبة نباتية"), True),
            ("Souhaitez-vous des rendez-vous B2B ?", "Would you like B2B meetings?",
             "هل ترغبون في لقاءات أعمال ثنائية؟", Question.Kind.YES_NO, NO_CHOICES, False),
        ],
    ),
    "midest-rencontre-clusters": (
        {"capacity": 60, "refund_rule": RefundRule.NONE},
        [("Participation (membres)", "Attendance (members)", "المشاركة (للأعضاء)", 0, None, None)],
        [],
    ),
    "midest-rendez-vous-b2b": (
        {"capacity": 80, "payment_deadline_hours": 48, "refund_rule": RefundRule.FULL, "cancellation_days": 3},
        [("Rendez-vous d'affaires", "Business meetings", "لقاءات الأعمال", 0, 50_000, None)],
        [("Ce que vous proposez ou recherchez", "What you offer or look for", "ما تقترحونه أو تبحثون عنه",
          Question.Kind.TEXT, NO_CHOICES, False)],
    ),
    "petit-dejeuner-nouveaux-membres": (
        {"capacity": 12, "waitlist_offer_hours": 24},
        [("Place", "Seat", "مقعد", 0, None, None)],
        [("Votre entreprise a rejoint l'association en", "Your company joined in", "انضمت مقاولتكم إلى الجمعية في",
          Question.Kind.TEXT, NO_CHOICES, False)],
    ),
    "webinaire-cybersecurite": (
        {"capacity": None},
        [("Connexion", "Access", "رابط المشاركة", 0, 0, None)],
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
        for order, (name, name_en, name_ar, member_price, non_member_price, quota) in enumerate(tickets):
            TicketType.objects.update_or_create(
                event=event,
                name=name,
                defaults={
                    "name_en": name_en,
                    "name_ar": name_ar,
                    "member_price": member_price,
                    "non_member_price": non_member_price,
                    "quota": quota,
                    "sort_order": order,
                },
            )
        for order, (label, label_en, label_ar, kind, (choices, choices_en, choices_ar), required) in enumerate(
            questions
        ):
            Question.objects.update_or_create(
                event=event,
                label=label,
                defaults={
                    "label_en": label_en,
                    "label_ar": label_ar,
                    "kind": kind,
                    "choices": choices,
                    "choices_en": choices_en,
                    "choices_ar": choices_ar,
                    "required": required,
                    "sort_order": order,
                },
            )


# Who is registered in the demo: (event slug, ticket name, name, e-mail, company name, language). The demo
# member and company administrator (first demo company, a member: free tickets) come from `seed_accounts`; the
# guests are from companies that are not members, so their conference pass (1 500 MAD) waits for payment.
# fmt: off
GUESTS = (
    ("digital-now", "Pass conférence", "Hicham Berrada", "hicham.berrada@exemple.ma", "Berrada Conseil", "fr"),
    ("digital-now", "Pass conférence", "Leila Amrani", "leila.amrani@exemple.ma", "Amrani Digital", "fr"),
    ("digital-now", "Pass conférence", "Rachid El Fassi", "rachid.elfassi@exemple.ma", "Fassi Logistique", "ar"),
    ("digital-now", "Pass conférence", "Sophie Martin", "sophie.martin@exemple.fr", "Martin & Associés", "en"),
    ("webinaire-cybersecurite", "Connexion", "Yassine Ouazzani", "yassine.ouazzani@exemple.ma", "", "fr"),
    ("webinaire-cybersecurite", "Connexion", "Khadija Bennani", "khadija.bennani@exemple.ma", "Bennani Audit", "ar"),
)
# (event slug, ticket name, demo account role). The member is left free to register for the webinar: the production
# rehearsal (tests/rehearsal/journey.py) registers her there.
MEMBERS = (
    ("digital-now", "Pass conférence", "member"),
    ("petit-dejeuner-nouveaux-membres", "Place", "company_admin"),
    ("digital-now", "Pass conférence", "company_admin"),
)
# What attendees answer to an event's required questions, by question label.
ANSWERS = {"Votre fonction": "Directeur·rice des systèmes d'information", "Déjeuner": "Avec déjeuner"}
# fmt: on


def seed_attendees(pages: SitePages, users: dict, organisations: list) -> None:
    """Registrations made through the registration service, as people make them on the site: the member's
    upcoming events in "My space", confirmed attendees and reservations awaiting payment in the admin, the
    treasurer's unpaid orders. Idempotent: one registration per e-mail and event."""
    from events.models import Registration
    from events.services import registration_create

    people = [
        (slug, ticket, {"user": users[role], "organisation": organisations[0], "language": "fr"})
        for slug, ticket, role in MEMBERS
    ] + [
        (slug, ticket, {"name": name, "email": email, "company_name": company, "language": language})
        for slug, ticket, name, email, company, language in GUESTS
    ]
    for slug, ticket_name, person in people:
        event = pages.events.get(slug)
        user = person.get("user")
        email = user.email if user else person["email"]
        if event is None or Registration.objects.filter(event=event, attendee_email=email).exists():
            continue
        answers = {
            question.pk: ANSWERS[question.label] for question in Question.objects.filter(event=event, label__in=ANSWERS)
        }
        registration_create(
            event=event,
            ticket_type=TicketType.objects.get(event=event, name=ticket_name),
            answers=answers,
            attendee_name=user.get_full_name() if user else person["name"],
            attendee_email=email,
            user=user,
            registered_by=user,
            organisation=person.get("organisation"),
            company_name=person.get("company_name", ""),
            language=person["language"],
        )
