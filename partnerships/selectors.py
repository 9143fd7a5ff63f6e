"""Reads of the board: the listing, a post as a given person may see it, the inbox and its unread counts."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, DateTimeField, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from members.models import Organisation, Sector
from members.recipients import Recipients, recipients_for
from members.selectors import is_member
from partnerships import search
from partnerships.access import active_companies_of, can_manage_post, company_ids_of
from partnerships.models import Conversation, ConversationRead, Message, Post

User = get_user_model()
SORTS = ("newest", "expiring", "relevance")
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def with_details(queryset: QuerySet[Post]) -> QuerySet[Post]:
    """What a post card shows, in a constant number of queries: company, sectors, target regions."""
    return (
        queryset.defer("search_vector", "keywords")
        .select_related("organisation")
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("name")), "target_regions")
    )


def board_posts(
    *,
    members_view: bool,
    text: str = "",
    kind: str = "",
    category: str = "",
    sector: Sector | None = None,
    region: str = "",
    sort: str = "",
) -> QuerySet[Post]:
    """The posts on the board, filtered and sorted as the visitor asked. Visitors who are not members see only
    the posts their authors made public (as teasers, without the company's name)."""
    queryset = Post.objects.on_board()
    if not members_view:
        queryset = queryset.public()
    if kind:
        queryset = queryset.filter(kind=kind)
    if category:
        queryset = queryset.filter(category=category)
    if sector is not None:
        queryset = queryset.filter(sectors=sector)
    if region:
        queryset = queryset.filter(target_regions__region=region)
    sort = sort if sort in SORTS else ("relevance" if text else "newest")
    ranked = sort == "relevance" and search.uses_postgres()
    queryset = search.search_posts(queryset, text, rank=ranked)
    if sort == "expiring":
        queryset = queryset.order_by("expires_on", "-pk")
    elif ranked and text:
        queryset = queryset.order_by("-rank", "-published_at", "-pk")
    else:
        queryset = queryset.order_by("-published_at", "-pk")
    return with_details(queryset)


@dataclass
class PostView:
    """A post as one person may see it, and what they may do with it."""

    post: Post
    is_own: bool = False  # the viewer works for the post's company
    can_manage: bool = False  # ...and may edit, submit, renew or close it
    full: bool = False  # company name, partner profile and attachment shown (members); else a public teaser
    conversation: Conversation | None = None  # the viewer's company's conversation about this post
    can_express_interest: bool = False
    acting_companies: list[Organisation] = field(default_factory=list)


def post_for_viewer(*, pk: int, user) -> PostView | None:
    """The post with this id if the person may see it (None otherwise, whatever the reason): their own company's
    posts in every state, others' only while on the board, to members in full and to others as public teasers."""
    post = with_details(Post.objects.select_related("author").filter(pk=pk)).first()
    if post is None:
        return None
    company_ids = company_ids_of(user)
    if post.organisation_id in company_ids:
        return PostView(post=post, is_own=True, can_manage=can_manage_post(user, post), full=True)
    if not post.is_on_board:
        return None
    member = is_member(user)
    if not member and post.visibility != Post.Visibility.PUBLIC:
        return None
    view = PostView(post=post, full=member)
    if company_ids:
        view.conversation = (
            Conversation.objects.filter(post=post, organisation_id__in=company_ids).order_by("pk").first()
        )
        view.acting_companies = active_companies_of(user)
        view.can_express_interest = bool(view.acting_companies) and (
            view.conversation is None or view.conversation.accepts_messages
        )
    return view


def my_posts(*, user) -> QuerySet[Post]:
    """The posts of the person's companies, in every state, with how many conversations each opened."""
    return with_details(
        Post.objects.filter(organisation_id__in=company_ids_of(user)).annotate(
            conversation_count=Count("conversations", distinct=True)
        )
    ).order_by("-updated_at", "-pk")


def _with_unread(queryset: QuerySet[Conversation], *, user, company_ids) -> QuerySet[Conversation]:
    read_at = ConversationRead.objects.filter(conversation=OuterRef("pk"), user=user).values("read_at")[:1]
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), created_at__gt=OuterRef("read_at"))
        .exclude(organisation_id__in=company_ids)
        .order_by()
        .values("conversation")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(
        read_at=Coalesce(Subquery(read_at), Value(EPOCH), output_field=DateTimeField()),
        unread=Coalesce(Subquery(unread), Value(0), output_field=IntegerField()),
    )


def inbox(*, user, post: Post | None = None) -> QuerySet[Conversation]:
    """The conversations of the person's companies (or those about one post), latest first, with unread counts."""
    company_ids = company_ids_of(user)
    queryset = Conversation.objects.involving(company_ids)
    if post is not None:
        queryset = queryset.filter(post=post)
    return _with_unread(
        queryset.select_related("post__organisation", "organisation"), user=user, company_ids=company_ids
    ).order_by("-last_message_at", "-pk")


def unread_total(*, user) -> int:
    """How many messages from other companies the person has not read yet."""
    company_ids = company_ids_of(user)
    if not company_ids:
        return 0
    queryset = _with_unread(Conversation.objects.involving(company_ids), user=user, company_ids=company_ids)
    return queryset.aggregate(total=Sum("unread"))["total"] or 0


def conversation_for(*, pk: int, user) -> Conversation | None:
    """The conversation with this id if the person works for one of its two companies, else None."""
    company_ids = company_ids_of(user)
    if not company_ids:
        return None
    return (
        Conversation.objects.involving(company_ids)
        .select_related("post__organisation", "post__author", "organisation", "author_contact", "interested_contact")
        .filter(pk=pk)
        .first()
    )


def conversation_messages(conversation: Conversation) -> QuerySet[Message]:
    return conversation.messages.select_related("organisation").order_by("created_at", "pk")


def awaiting_review_count() -> int:
    return Post.objects.awaiting_review().count()


def is_filtered(filters: dict) -> bool:
    return any(value for key, value in filters.items() if key != "sort")


def inbox_rows(*, user, post: Post | None = None) -> list[Conversation]:
    """inbox() as a list, each conversation carrying `other`: the company on the other side for this person."""
    company_ids = company_ids_of(user)
    rows = list(inbox(user=user, post=post))
    for conversation in rows:
        mine = conversation.post.organisation_id in company_ids
        conversation.other = conversation.organisation if mine else conversation.post.organisation
    return rows


@dataclass
class UnreadSummary:
    conversations: list[Conversation]
    total: int


def unread_summary(*, user, limit: int = 5) -> UnreadSummary | None:
    """My space: the latest conversations with messages the person has not read, each carrying `other` (the
    company on the other side) and `unread`, and how many messages are unread in all; None for a person of no
    company (three queries)."""
    company_ids = company_ids_of(user)
    if not company_ids:
        return None
    conversations = Conversation.objects.involving(company_ids)
    rows = list(
        _with_unread(
            conversations.select_related("post__organisation", "organisation"), user=user, company_ids=company_ids
        )
        .filter(unread__gt=0)
        .order_by("-last_message_at", "-pk")[:limit]
    )
    for conversation in rows:
        mine = conversation.post.organisation_id in company_ids
        conversation.other = conversation.organisation if mine else conversation.post.organisation
    total = _with_unread(conversations, user=user, company_ids=company_ids).aggregate(total=Sum("unread"))["total"]
    return UnreadSummary(conversations=rows, total=total or 0)


# --- Who hears about what ----------------------------------------------------------------------------------


def post_recipients(post: Post) -> Recipients:
    """Who hears about a post (and about interest in it): its author while still at the company, else the company's
    administrators, else anyone there, else its contact address (members.recipients)."""
    return recipients_for(post.organisation, role=None, people=[post.author])


def conversation_recipients(conversation: Conversation, organisation: Organisation) -> Recipients:
    """Who hears about a conversation on one side: those of that company who took part in it (the post's author,
    the person who wrote first, anyone who replied), else as for a post (post_recipients)."""
    if organisation.pk == conversation.post.organisation_id:
        starter = conversation.post.author_id
    elif organisation.pk == conversation.organisation_id:
        starter = conversation.started_by_id
    else:
        starter = None
    writers = Message.objects.filter(conversation=conversation, organisation=organisation).values("sender")
    people = User.objects.filter(Q(pk=starter) | Q(pk__in=writers)).values("pk")
    return recipients_for(organisation, role=None, people=people)
