from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from payments.models import Invoice, Order, Payment
from payments.viewsets import OrderPermissionPolicy, PaymentsViewSetGroup, RecordsPermissionPolicy

register_permission_policy(Order, OrderPermissionPolicy(Order))
register_permission_policy(Payment, RecordsPermissionPolicy(Payment))
register_permission_policy(Invoice, RecordsPermissionPolicy(Invoice))


@hooks.register("register_admin_viewset")
def register_payments_viewsets():
    return PaymentsViewSetGroup()


@hooks.register("register_log_actions")
def register_payments_log_actions(actions):
    actions.register_action("payments.order_paid", _("Mark paid"), _("Payment received"))
    actions.register_action("payments.order_failed", _("Payment failed"), _("Payment attempt failed"))
    actions.register_action("payments.order_cancel", _("Cancel"), _("Order cancelled"))
    actions.register_action("payments.order_refund", _("Refund"), _("Refund recorded, credit note issued"))
