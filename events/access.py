"""Who may manage a registration, and until when it may be cancelled online.

Read by the registration selectors (what the event page offers) and enforced by the services (events.services
re-exports both, as before): a module below both, so that selectors never import services."""

from core.roles import holds_permission
from events.models import Registration, RegistrationSettings
from members.models import OrganisationMember, Role

_UNSET = object()
# The permission of the roles that run registrations (Secretariat, Event manager): they act for any attendee.
MANAGE_REGISTRATIONS = "events.change_registration"


def manages_registrations(user) -> bool:
    """The secretariat and event managers: their role lets them change registrations (no `is_staff` needed)."""
    return holds_permission(user, MANAGE_REGISTRATIONS)


def cancellation_deadline(registration: Registration, *, settings=_UNSET):
    """Until when the attendee may cancel online: the event's deadline, else the start of the event.
    Pass the event's RegistrationSettings (or None) when already loaded."""
    if settings is _UNSET:
        settings = RegistrationSettings.objects.filter(event_id=registration.event_id).first()
    if settings is not None and settings.cancellation_deadline:
        return settings.cancellation_deadline
    return registration.event.start


def can_manage(user, registration: Registration) -> bool:
    """The attendee, whoever registered them, an administrator of their company, or the secretariat."""
    if not user.is_authenticated:
        return False
    if manages_registrations(user) or user.pk in {registration.user_id, registration.registered_by_id}:
        return True
    return (
        registration.organisation_id is not None
        and OrganisationMember.objects.filter(
            organisation_id=registration.organisation_id, user=user, role=Role.ADMIN
        ).exists()
    )
