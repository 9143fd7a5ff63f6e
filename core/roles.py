"""Who works in the back office: decided by the roles the Wagtail admin grants (groups and their permissions, chosen
in its user form), never by Django's `is_staff` flag, which no screen of the Wagtail admin sets.

Django's own admin (/django-admin/, for superusers) still reads `is_staff`; nothing of Majlis does.
"""

ACCESS_ADMIN = "wagtailadmin.access_admin"


def works_in_back_office(user) -> bool:
    """An active account that may open the Wagtail admin: a superuser, or someone whose role grants access to it
    (Secretariat, Editor, Treasurer, Event manager, Moderator)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(ACCESS_ADMIN))
    )


def holds_permission(user, permission: str) -> bool:
    """`user` works in the back office and their role grants `permission` ("app_label.codename")."""
    return works_in_back_office(user) and user.has_perm(permission)
