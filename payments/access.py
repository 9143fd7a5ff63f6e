"""Who may see an order: its buyer, a person of the buying organisation (as the members app records it), or the
browser session of a guest who made it or opened its signed link (payments.links)."""

from members.models import Role
from members.selectors import memberships_of

# Orders a guest may pay from this browser session: the one their registration just made, and any whose signed
# link they opened. Only the buyer's pages accept it (pay, transfer details, receipt, pro-forma).
GUEST_ORDERS_SESSION_KEY = "payments_guest_orders"
GUEST_ORDERS_KEPT = 20


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


def remember_guest_order(request, order) -> None:
    """Let this browser session pay this order without logging in."""
    public_id = str(order.public_id)
    kept = [known for known in request.session.get(GUEST_ORDERS_SESSION_KEY, []) if known != public_id]
    request.session[GUEST_ORDERS_SESSION_KEY] = [*kept[-(GUEST_ORDERS_KEPT - 1) :], public_id]


def session_may_pay(request, order) -> bool:
    """The order was made in, or its signed link opened in, this browser session."""
    return str(order.public_id) in request.session.get(GUEST_ORDERS_SESSION_KEY, [])


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
