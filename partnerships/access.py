"""Who may do what on the board. Views and services both ask here, so that no URL forgets a check."""

from members.models import Organisation, OrganisationMember, Role


def company_ids_of(user) -> set[int]:
    """Every company the person belongs to (active or not): they may read their companies' posts and conversations."""
    if not user.is_authenticated:
        return set()
    return set(OrganisationMember.objects.filter(user=user).values_list("organisation_id", flat=True))


def active_companies_of(user) -> list[Organisation]:
    """The companies on whose behalf the person may post or write: those with an active membership."""
    if not user.is_authenticated:
        return []
    return list(Organisation.objects.active().filter(people__user=user).order_by("legal_name").distinct())


def belongs_to(user, organisation_id: int) -> bool:
    return (
        user.is_authenticated and OrganisationMember.objects.filter(user=user, organisation_id=organisation_id).exists()
    )


def can_manage_post(user, post) -> bool:
    """Company administrators and the post's author (while still at the company) edit, submit, renew and close it."""
    if not user.is_authenticated:
        return False
    person = OrganisationMember.objects.filter(user=user, organisation_id=post.organisation_id).first()
    return person is not None and (person.role == Role.ADMIN or post.author_id == user.pk)


AUTHOR_SIDE = "author"
INTERESTED_SIDE = "interested"


def conversation_side(user, conversation) -> str | None:
    """Which party the person belongs to in a conversation: the post's company, the interested one, or neither."""
    ids = company_ids_of(user)
    if conversation.post.organisation_id in ids:
        return AUTHOR_SIDE
    if conversation.organisation_id in ids:
        return INTERESTED_SIDE
    return None
