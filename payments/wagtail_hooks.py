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
