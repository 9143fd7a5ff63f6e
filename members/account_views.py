"""The admins' own login, logout and password pages hand over to django-allauth, so that there is one door."""

from allauth.account.views import password_reset_from_key
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse


class HttpResponseTemporaryRedirect(HttpResponseRedirect):
    # 307 keeps the method and body: the admins' logout buttons POST (with their CSRF token) and must reach
    # allauth's logout as a POST, not land on its "are you sure?" page.
    status_code = 307


def to_allauth(url_name: str, *, keep_query: bool = True):
    """A view that sends the request on to allauth's `url_name`, with its query string (?next=…) if asked."""

    def view(request: HttpRequest, *args, **kwargs):
        url = reverse(url_name)
        query = request.META.get("QUERY_STRING", "")
        if keep_query and query:
            url = f"{url}?{query}"
        return HttpResponseTemporaryRedirect(url)

    view.__name__ = f"to_{url_name}"
    return view


def password_reset_from_key_or_404(request: HttpRequest, uidb36: str, key: str):
    """allauth's page for an e-mailed password reset link, answering 404 when the link is not valid for that account.

    allauth shows its "invalid link" page with status 200; a 404 says the same to a person and, to a client trying
    another account's id or a guessed key, that there is nothing there."""
    response = password_reset_from_key(request, uidb36=uidb36, key=key)
    if (getattr(response, "context_data", None) or {}).get("token_fail"):
        response.status_code = 404
    return response
