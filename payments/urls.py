from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("payments/orders/<uuid:public_id>/", views.order_detail, name="order_detail"),
    path("payments/orders/<uuid:public_id>/pay/", views.order_pay, name="order_pay"),
    path("payments/orders/<uuid:public_id>/cancel/", views.order_cancel_view, name="order_cancel"),
    path("payments/orders/<uuid:public_id>/transfer/", views.bank_transfer, name="bank_transfer"),
    path("payments/orders/<uuid:public_id>/pro-forma.pdf", views.proforma_download, name="proforma"),
    path("payments/orders/link/<str:token>/", views.order_link, name="order_link"),
    path("payments/orders/<uuid:public_id>/card/success/", views.checkout_success, name="checkout_success"),
    path("payments/orders/<uuid:public_id>/card/cancelled/", views.checkout_cancel, name="checkout_cancel"),
    path("payments/invoices/", views.invoice_list, name="invoices"),
    path("payments/invoices/<str:number>.pdf", views.invoice_download, name="invoice_download"),
    path("payments/receipts/<int:pk>/", views.receipt_file, name="receipt_file"),
]
