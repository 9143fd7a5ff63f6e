"""What the board and B2B meetings keep about a person, for the personal-data export (PartnershipsConfig.ready())."""

from django.db.models import Q

from core.privacy import register_export, when
from partnerships.models import MeetingProfile, MeetingRequest, Message, Post


def board_posts_of(user) -> list[dict]:
    posts = Post.objects.filter(author=user).select_related("organisation").order_by("created_at", "pk")
    return [
        {
            "organisation": p.organisation.legal_name,
            "kind": p.kind,
            "category": p.category,
            "title": p.title,
            "description": p.description,
            "partner_profile": p.partner_profile,
            "language": p.language,
            "visibility": p.visibility,
            "status": p.status,
            "expires_on": when(p.expires_on),
            "outcome": p.outcome,
            "created_at": when(p.created_at),
            "published_at": when(p.published_at),
            "closed_at": when(p.closed_at),
        }
        for p in posts
    ]


def board_messages_of(user) -> list[dict]:
    messages = Message.objects.filter(sender=user).select_related("conversation__post").order_by("created_at", "pk")
    return [{"post": m.conversation.post.title, "message": m.body, "sent_at": when(m.created_at)} for m in messages]


def meetings_of(user) -> dict:
    """The person's B2B meeting profiles and the requests they sent or received (with the other's name)."""
    profiles = MeetingProfile.objects.filter(user=user).select_related("session__event").order_by("created_at", "pk")
    requests = (
        MeetingRequest.objects.filter(Q(requester__user=user) | Q(recipient__user=user))
        .select_related("session__event", "requester", "recipient")
        .order_by("created_at", "pk")
    )
    return {
        "profiles": [
            {
                "event": p.session.event.title,
                "name": p.name,
                "company_name": p.company_name,
                "description": p.description,
                "opted_in_at": when(p.created_at),
            }
            for p in profiles
        ],
        "requests": [
            {
                "event": r.session.event.title,
                "direction": "sent" if r.requester.user_id == user.pk else "received",
                "with": str(r.recipient if r.requester.user_id == user.pk else r.requester),
                "message": r.message,
                "status": r.status,
                "sent_at": when(r.created_at),
                "answered_at": when(r.answered_at),
                "starts_at": when(r.starts_at),
                "ends_at": when(r.ends_at),
                "table": r.table,
            }
            for r in requests
        ],
    }


def register() -> None:
    register_export("board_posts", board_posts_of)
    register_export("board_messages", board_messages_of)
    register_export("b2b_meetings", meetings_of)
