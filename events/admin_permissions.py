"""Who may do what in the "Events" admin menu.

Registrations and waitlist entries change through events.services only (which require staff), so the admin
never deletes them and never edits their fields directly: "add" is the manual registration form, "change" the
secretariat's actions (another ticket, another person, cancel) and checking people in.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from core.roles import works_in_back_office


class StaffModelPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, for people whose role opens the back office (the services refuse anyone else)."""

    def user_has_permission(self, user, action):
        return works_in_back_office(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class RegistrationPermissionPolicy(StaffModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        if action == "view":
            return super().user_has_permission(user, "view") or super().user_has_permission(user, "change")
        return super().user_has_permission(user, action)


class WaitlistPermissionPolicy(StaffModelPermissionPolicy):
    """The waitlist moves by itself (offers, claims, expiries): the admin reads it."""

    def user_has_permission(self, user, action):
        return action == "view" and (
            super().user_has_permission(user, "view") or super().user_has_permission(user, "change")
        )
