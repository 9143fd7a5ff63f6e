"""Every write about members: companies, their people, invitations, applications and personal data.

Each service runs in one transaction, validates before saving, records who did it in Wagtail's log (shown in
the admin history), and raises a MembersError subclass that views turn into a message.

- organisations: a company's profile and status
- people: a company's people and roles, the Members group
- invitations: inviting someone by e-mail, accepting
- applications: applying, the secretariat's decision, the purge of rejected applications
- privacy: profile, consents, the personal-data export, erasure of an account
- emails: the members e-mails (a background task) that the services queue
- errors: MembersError and its subclasses

Import from the module itself; the names below are re-exported so that `from members.services import x`
keeps working for other apps.
"""

from members.services.applications import (
    REJECTED_APPLICATION_RETENTION,
    application_approve,
    application_reject,
    application_submit,
    applications_purge_expired,
)
from members.services.emails import secretariat_emails
from members.services.errors import (
    AccountExists,
    AlreadyInvited,
    AlreadyMember,
    ApplicationAlreadyDecided,
    ApplicationPending,
    InvitationExpired,
    InvitationForAnotherAddress,
    InvitationInvalid,
    LastAdministrator,
    MembersError,
)
from members.services.invitations import (
    INVITATION_VALIDITY,
    invitation_accept,
    invitation_accept_with_new_account,
    invitation_create,
    invitation_from_token,
    invitation_resend,
    invitation_revoke,
    user_owns_address,
)
from members.services.organisations import (
    ORGANISATION_PROFILE_FIELDS,
    organisation_set_status,
    organisation_update,
    unique_organisation_slug,
)
from members.services.people import (
    last_admin_of,
    member_add,
    member_change_role,
    member_remove,
    sync_members_group,
    sync_people_of,
)
from members.services.privacy import PROFILE_FIELDS, account_delete, consent_record, personal_data, profile_update

__all__ = [
    "INVITATION_VALIDITY",
    "ORGANISATION_PROFILE_FIELDS",
    "PROFILE_FIELDS",
    "REJECTED_APPLICATION_RETENTION",
    "AccountExists",
    "AlreadyInvited",
    "AlreadyMember",
    "ApplicationAlreadyDecided",
    "ApplicationPending",
    "InvitationExpired",
    "InvitationForAnotherAddress",
    "InvitationInvalid",
    "LastAdministrator",
    "MembersError",
    "account_delete",
    "application_approve",
    "application_reject",
    "application_submit",
    "applications_purge_expired",
    "consent_record",
    "invitation_accept",
    "invitation_accept_with_new_account",
    "invitation_create",
    "invitation_from_token",
    "invitation_resend",
    "invitation_revoke",
    "last_admin_of",
    "member_add",
    "member_change_role",
    "member_remove",
    "organisation_set_status",
    "organisation_update",
    "personal_data",
    "profile_update",
    "secretariat_emails",
    "sync_members_group",
    "sync_people_of",
    "unique_organisation_slug",
    "user_owns_address",
]
