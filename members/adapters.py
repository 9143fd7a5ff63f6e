"""How django-allauth behaves on Majlis: e-mails in the reader's language and the association's design (core.mail),
the language follows the person."""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import translation

from core.mail import build_templated, default_sender
from core.roles import works_in_back_office
from members.models import OrganisationMember


def _supported_language(code: str | None) -> str | None:
    if not code:
        return None
    code = code.split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else None


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Anyone may create an account; becoming a member is a separate application the secretariat reviews.
        return True

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render and send in the recipient's preferred language, whatever language the page was in."""
        language = self._language_for_recipient(email, context.get("user")) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix: str, email, context: dict, headers: dict | None = None) -> EmailMessage:
        """allauth's e-mail (`<prefix>_subject.txt`, `<prefix>_message.txt` and .html) built by core.mail: the
        association's base and footer, its name as the sender, links in the reader's language."""
        language = translation.get_language()  # send_mail chose the recipient's
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).splitlines()).strip()
        return build_templated(
            f"{template_prefix}_message",
            to=[email] if isinstance(email, str) else list(email),
            language=language,
            subject=self.format_email_subject(subject),
            context=context,
            from_email=self.get_from_email(),
            headers=headers,
        )

    def get_from_email(self) -> str:
        return default_sender()

    def _language_for_recipient(self, email: str, user) -> str | None:
        if user is None or not getattr(user, "pk", None):
            user = get_user_model().objects.filter(email__iexact=email).only("preferred_language").first()
        return _supported_language(getattr(user, "preferred_language", None))

    def login(self, request: HttpRequest, user) -> None:
        super().login(request, user)
        language = _supported_language(user.preferred_language)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Where a log-in without `?next=` lands (allauth follows `next` before asking): My space, in the person's
        language. The secretariat's staff who belong to no company keep the home page, their way to the admin."""
        user = request.user
        if works_in_back_office(user) and not OrganisationMember.objects.filter(user=user).exists():
            return self._in_users_language(request, super().get_login_redirect_url(request))
        return self._in_users_language(request, reverse("members:dashboard"))

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return self._in_users_language(request, super().get_signup_redirect_url(request))

    def _in_users_language(self, request: HttpRequest, url: str) -> str:
        # The default landing page in the person's own language (/ar/ rather than /); an explicit ?next= wins.
        language = _supported_language(getattr(request.user, "preferred_language", None))
        if not language:
            return url
        # translate_url resolves the path in the active language: use the path's own (none = the default).
        path_language = translation.get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
        with translation.override(path_language):
            return translate_url(url, language)

    def post_login(self, request: HttpRequest, user, **kwargs) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        language = _supported_language(user.preferred_language)
        if language and response is not None:
            # Pages outside the language prefix (the admin, e-mailed links) then also open in this language.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def verify_address_on_password_reset(sender, request, user, **kwargs) -> None:
    """allauth's `password_reset` receiver: a reset link proves its reader controls the address it went to.

    Only for an account with that single address that has never logged in: someone the secretariat's import
    created (their welcome e-mail carries a reset link) can then log in without a second code by e-mail."""
    if user.last_login is not None:
        return
    addresses = list(EmailAddress.objects.filter(user=user))
    if len(addresses) == 1 and addresses[0].email.lower() == user.email.lower() and not addresses[0].verified:
        addresses[0].verified = True
        addresses[0].primary = True
        addresses[0].save(update_fields=["verified", "primary"])
