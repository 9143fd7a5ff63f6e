"""Forms that replace django-allauth's defaults (wired in settings.ACCOUNT_FORMS)."""

import logging

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from members.models import Consent, PrivacyNotice, User

logger = logging.getLogger(__name__)


def _current_language() -> str:
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class SignupForm(AllauthSignupForm):
    """Sign-up with names, language and the privacy notice (law 09-08): nothing is saved without the consent."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput({"autocomplete": "family-name"})
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        # Each language in its own name, so that everyone finds theirs whatever the page's language.
        choices=[(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES],
        help_text=_("The language of the e-mails we send you."),
    )
    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy notice"),
        required=True,
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        "preferred_language",
        "privacy_consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = _current_language()
        self.privacy_notice = PrivacyNotice.objects.current()

    def try_save(self, request: HttpRequest):
        # allauth saves the user, then its e-mail address, then calls custom_signup: all or nothing.
        with transaction.atomic():
            return super().try_save(request)

    def custom_signup(self, request: HttpRequest, user: User) -> None:
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save(update_fields=["preferred_language"])
        record_privacy_consent(
            user=user, notice=self.privacy_notice, ip_address=get_adapter(request).get_client_ip(request)
        )
        super().custom_signup(request, user)


def record_privacy_consent(*, user: User, notice: PrivacyNotice | None, ip_address: str | None) -> Consent:
    """Record that `user` accepted the privacy notice `notice` (the version shown on the form) from `ip_address`."""
    if notice is None:
        # The members app publishes a notice in a data migration; without one the consent is still kept.
        logger.warning("Sign-up of user %s without a published privacy notice.", user.pk)
    consent = Consent(
        user=user,
        purpose=Consent.Purpose.PRIVACY_NOTICE,
        notice=notice,
        granted=True,
        ip_address=ip_address or None,
    )
    consent.full_clean()
    consent.save()
    return consent
