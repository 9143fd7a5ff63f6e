"""Reads about members that views and other apps use (the dues figures are in members.dues.selectors)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from wagtail.images import get_image_model

from core.roles import holds_permission
from members.models import (
    Invitation,
    MembershipApplication,
    Organisation,
    OrganisationMember,
    Role,
    Sector,
)

# The logo rendition the directory and profile pages use; prefetched so that a page of logos costs one query.
LOGO_FILTER = "max-160x80"


def featured_organisations(*, limit: int = 6) -> QuerySet[Organisation]:
    """Member companies shown on the home page: in the public directory and marked as featured."""
    return (
        Organisation.objects.in_directory()
        .filter(is_featured=True)
        .select_related("logo")
        .order_by("legal_name")[:limit]
    )


def _with_logo_and_sectors(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    Rendition = get_image_model().get_rendition_model()
    return queryset.select_related("logo").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("name")),
        Prefetch("logo__renditions", queryset=Rendition.objects.filter(filter_spec=LOGO_FILTER)),
    )


def directory_organisations(
    *, search: str = "", sector: Sector | None = None, region: str = "", size_band: str = ""
) -> QuerySet[Organisation]:
    """The public member directory: active, opted-in companies, filtered as the visitor asked."""
    queryset = Organisation.objects.in_directory()
    if search:
        for word in search.split()[:8]:
            queryset = queryset.filter(
                Q(legal_name__icontains=word)
                | Q(trade_name__icontains=word)
                | Q(description__icontains=word)
                | Q(description_en__icontains=word)
                | Q(description_ar__icontains=word)
                | Q(city__icontains=word)
            )
    if sector is not None:
        queryset = queryset.filter(sectors=sector)
    if region:
        queryset = queryset.filter(region=region)
    if size_band:
        queryset = queryset.filter(size_band=size_band)
    return _with_logo_and_sectors(queryset.order_by("legal_name", "pk"))


def directory_organisation(*, slug: str) -> Organisation | None:
    return _with_logo_and_sectors(Organisation.objects.in_directory().filter(slug=slug)).first()


def is_member(user) -> bool:
    """Logged-in members (people of an active company) and the secretariat may see contact details."""
    if not user.is_authenticated:
        return False
    if holds_permission(user, "members.change_organisation"):  # the secretariat
        return True
    return OrganisationMember.objects.filter(user=user).in_active_organisations().exists()


def directory_contacts(*, organisation: Organisation) -> QuerySet[OrganisationMember]:
    """People of a company who chose to show their contact details to other members."""
    return (
        organisation.people.filter(user__show_in_directory=True, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def memberships_of(*, user) -> QuerySet[OrganisationMember]:
    return (
        OrganisationMember.objects.filter(user=user).select_related("organisation").order_by("organisation__legal_name")
    )


def administered_organisation(*, user, slug: str) -> Organisation | None:
    """The company with this slug if the user is one of its administrators, else None."""
    if not user.is_authenticated:
        return None
    return Organisation.objects.filter(slug=slug, people__user=user, people__role=Role.ADMIN).first()


def people_of(*, organisation: Organisation) -> QuerySet[OrganisationMember]:
    return organisation.people.select_related("user").order_by("user__last_name", "user__first_name", "user__email")


def pending_invitations_of(*, organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.pending().select_related("invited_by").order_by("-sent_at")


def applications_of(*, user) -> QuerySet[MembershipApplication]:
    return MembershipApplication.objects.filter(applicant=user).select_related("organisation")


def members_by_status() -> dict[str, int]:
    """Companies by membership status, for the dashboard (one query)."""
    counts = dict(Organisation.objects.values_list("status").annotate(count=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in Organisation.Status.values}
