"""Reads about members that other apps use."""

from django.db.models import QuerySet

from members.models import Organisation


def featured_organisations(*, limit: int = 6) -> QuerySet[Organisation]:
    """Member companies shown on the home page: in the public directory and marked as featured."""
    return (
        Organisation.objects.in_directory()
        .filter(is_featured=True)
        .select_related("logo")
        .order_by("legal_name")[:limit]
    )
