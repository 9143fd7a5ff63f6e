"""Who may see an order: its buyer, or a person of the buying organisation (as the members app records it)."""

from members.models import Role
from members.selectors import memberships_of


def organisation_ids_for(user) -> set[int]:
    """Organisations the user works for."""
    if not user.is_authenticated:
        return set()
    return set(memberships_of(user=user).values_list("organisation_id", flat=True))


def can_view_order(user, order) -> bool:
    if not user.is_authenticated:
        return False
    if order.buyer_user_id == user.pk:
        return True
    return order.organisation_id is not None and order.organisation_id in organisation_ids_for(user)


def can_cancel_order(user, order) -> bool:
    """Its buyer, or an administrator of the buying company, may withdraw an unpaid order."""
    if not user.is_authenticated:
        return False
    if order.buyer_user_id == user.pk:
        return True
    return (
        order.organisation_id is not None
        and memberships_of(user=user).filter(organisation_id=order.organisation_id, role=Role.ADMIN).exists()
    )
