"""Absolute addresses on the public host (`settings.SITE_URL`): what e-mails, feeds, the sitemap and the page head
print, whatever host a request came in on (or with no request at all, in a task)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as `reverse()` or a rendition gives it) on the public host; an address already absolute is kept."""
    if not path or "://" in path:
        return path
    return settings.SITE_URL.rstrip("/") + (path if path.startswith("/") else "/" + path)
