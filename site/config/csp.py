"""Content-Security-Policy for the public site and the members' space (Django 5.2 has none built in).

The front end loads its scripts, styles, images and fonts from the site itself. Exceptions, each needed:
- img-src data: allauth shows the authenticator app's QR code as a data: image;
- style-src-attr 'unsafe-inline': the responsive wrapper Wagtail puts around embeds (WAGTAILEMBEDS_RESPONSIVE_HTML)
  sets its height in a style attribute; inline <style> elements and scripts stay forbidden;
- frame-src: videos embedded in pages (YouTube, Vimeo).
Stripe Checkout is a redirect, not a frame: nothing to allow. The Wagtail and Django admins rely on inline scripts
and styles: they get no policy (they are behind staff login and two-factor authentication).
"""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import cached_property

DEFAULT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": [
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Adds the policy (settings.CONTENT_SECURITY_POLICY, else DEFAULT_POLICY) to every response outside the admins."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = policy_header(getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_POLICY))

    @cached_property
    def _admin_prefixes(self) -> tuple[str, ...]:
        return (reverse("wagtailadmin_home"), reverse("admin:index"))

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(self._admin_prefixes):
            response.headers.setdefault("Content-Security-Policy", self.header)
        return response
