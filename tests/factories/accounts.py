"""People who log in: members and staff with a verified e-mail address (allauth refuses unverified ones)."""

import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from members.models import PrivacyNotice, User

PASSWORD = "Correct-Horse-Battery-9"


class PrivacyNoticeFactory(factory.django.DjangoModelFactory):
    version = factory.Sequence(lambda n: f"2099-{n + 1}")
    title = "Politique de confidentialité"
    body = "Nous traitons vos données conformément à la loi 09-08."
    published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = PrivacyNotice
        django_get_or_create = ("version",)


class AccountUserFactory(factory.django.DjangoModelFactory):
    """A person with password PASSWORD and a verified primary e-mail address."""

    email = factory.Sequence(lambda n: f"person{n}@technopark.example.ma")
    first_name = "Salma"
    last_name = "Bennani"
    preferred_language = "fr"
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=extracted is not False)


class StaffUserFactory(AccountUserFactory):
    first_name = "Youssef"
    last_name = "Alaoui"
    # Staff rights come from roles (core.roles), never from Django's is_staff flag, which the Wagtail admin's user
    # form cannot set: only a superuser (made by createsuperuser) has it, for Django's own admin.
    is_superuser = True
    is_staff = factory.SelfAttribute("is_superuser")


def add_totp(user: User) -> str:
    """Give `user` an authenticator app and recovery codes, as allauth's set-up page does; returns the app's secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def has_authenticator(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def login_with_mfa(client, user: User):
    """Log `user` in on `client` as if they had just passed two-factor authentication (the admin asks for it)."""
    add_totp(user)
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client
