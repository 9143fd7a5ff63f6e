from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from core.offer import register_card_payments
        from payments import dashboard
        from payments.conf import card_payments_enabled

        register_card_payments(card_payments_enabled)
        # My space's panels: the orders to pay, the invoices.
        dashboard.register()
