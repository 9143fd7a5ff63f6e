"""Two-factor authentication is required for everyone who can open the Wagtail or the Django admin (and the
staff pages outside them, such as the check-in at the door)."""

import re
from datetime import UTC, datetime
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.roles import works_in_back_office

SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)

# The admins' own login, logout and password pages only redirect to allauth's: always reachable.
_OPEN_ADMIN_PAGES = ("login/", "logout/", "password_reset/")
# Staff pages outside the admins: the check-in at the door (in any language).
_STAFF_PAGES = re.compile(r"^/(?:[a-z]{2}/)?events/\d+/check-in/")


class StaffTwoFactorMiddleware:
    """Keep staff out of /admin/ and /django-admin/ until their session has passed a second factor.

    A staff member without an authenticator is sent to set one up. One who has an authenticator but whose
    session was opened without it (before the authenticator existed, or outside allauth) is asked for a code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if self._is_admin_path(request.path_info) and self._is_staff(request.user):
            response = self._require_second_factor(request)
            if response is not None:
                return response
        return self.get_response(request)

    @cached_property
    def _admin_prefixes(self) -> tuple[str, ...]:
        return (reverse("wagtailadmin_home"), reverse("admin:index"))

    def _is_admin_path(self, path: str) -> bool:
        for prefix in self._admin_prefixes:
            if path.startswith(prefix):
                return not path[len(prefix) :].startswith(_OPEN_ADMIN_PAGES)
        return bool(_STAFF_PAGES.match(path))

    def _is_staff(self, user) -> bool:
        # Anyone who may enter an admin: Django's (is_staff) or Wagtail's (a role).
        return user.is_authenticated and (user.is_staff or works_in_back_office(user))

    def _require_second_factor(self, request: HttpRequest):
        authenticators = list(
            Authenticator.objects.filter(user_id=request.user.pk, type__in=SECOND_FACTOR_TYPES).only("created_at")
        )
        if not authenticators:
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. "
                    "Set up an authenticator app to continue to the administration."
                ),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        if self._session_passed_second_factor(request, authenticators):
            return None
        messages.info(request, _("Enter a code from your authenticator app to continue to the administration."))
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")

    def _session_passed_second_factor(self, request: HttpRequest, authenticators: list[Authenticator]) -> bool:
        records = get_authentication_records(request, request.user)
        if any(record.get("method") == "mfa" for record in records):
            return True
        # Adding an authenticator proves possession of it (allauth checks a code or the key's signature),
        # and only a logged-in session can add one: an authenticator created after this session logged in
        # counts as its second factor, so that a newly enrolled staff member goes straight on to the admin.
        logged_in_at = min((record["at"] for record in records if "at" in record), default=None)
        if logged_in_at is None:
            return False
        logged_in = datetime.fromtimestamp(logged_in_at, tz=UTC)
        return any(authenticator.created_at >= logged_in for authenticator in authenticators)
