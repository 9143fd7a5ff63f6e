from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from cms import routing
from cms.sitemaps import SITEMAPS
from members.account_views import password_reset_from_key_or_404, to_allauth
from payments.webhooks import stripe_webhook

urlpatterns = [
    # Every login goes through allauth (with its rate limits and two-factor step): the admins' own
    # login, logout and password pages only redirect there. They must come before the admin includes.
    path("admin/login/", to_allauth("account_login")),
    path("admin/logout/", to_allauth("account_logout")),
    re_path(r"^admin/password_reset/", to_allauth("account_reset_password", keep_query=False)),
    path("django-admin/login/", to_allauth("account_login")),
    path("django-admin/logout/", to_allauth("account_logout")),
    re_path(r"^django-admin/password_change/", to_allauth("account_change_password", keep_query=False)),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Outside the language prefix: one sitemap lists every language (cms/sitemaps.py).
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Outside the language prefix: Stripe posts to one fixed address.
    path("payments/stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything a visitor reads is under the language prefix (none for French, /en/ and /ar/ otherwise).
# Wagtail's catch-all page serving comes last.
urlpatterns += i18n_patterns(
    # Before allauth's own pattern (same address and name): an invalid reset link answers 404.
    re_path(
        r"^accounts/password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        password_reset_from_key_or_404,
        name="account_reset_password_from_key",
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("cms.urls")),
    path("", include("members.urls")),
    path("", include("events.urls")),
    path("", include("payments.urls")),
    path("", include("partnerships.urls")),
    # Wagtail's password form for restricted pages posts here; its address would otherwise match the page serving.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's page serving with the route remembered (cms/routing.py); the rest of wagtail_urls after it.
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
