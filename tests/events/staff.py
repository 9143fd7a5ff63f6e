"""Staff accounts for the check-in and events admin tests: with or without the registration permissions, their
session through two-factor authentication as the admin requires."""

import time

from django.contrib.auth.models import Permission

from tests.factories.accounts import StaffUserFactory, add_totp

REGISTRATION_PERMISSIONS = ("view_registration", "add_registration", "change_registration")


def staff_user(*codenames: str, **fields):
    """A staff account (not a superuser) that may open the Wagtail admin and holds the given events permissions."""
    user = StaffUserFactory(is_superuser=False, **fields)
    permissions = Permission.objects.filter(
        content_type__app_label__in=["events", "wagtailadmin"], codename__in=["access_admin", *codenames]
    )
    user.user_permissions.add(*permissions)
    return user


def log_in(client, user):
    """Log `user` in with a session that passed the second factor."""
    add_totp(user)
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client
