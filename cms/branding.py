"""The association's branding for e-mails, read from the site settings; registered with core.branding."""

from django.conf import settings

from cms.models import AssociationSettings
from core.branding import Branding


def association_branding() -> Branding | None:
    """The association's name, logo (absolute address) and contact e-mail, from the default site's settings."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    association = AssociationSettings.for_site(site) if site else None
    if association is None:
        return None
    logo_url = ""
    if association.logo_id:
        try:
            logo_url = association.logo.get_rendition("max-240x80").url
        except OSError:  # the image file is missing: the name stands in for the logo
            logo_url = ""
        if logo_url.startswith("/"):
            logo_url = settings.SITE_URL + logo_url
    return Branding(name=association.name or settings.WAGTAIL_SITE_NAME, logo_url=logo_url, email=association.email)
