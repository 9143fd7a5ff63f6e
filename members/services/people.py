"""The people of a company: adding, promoting, removing them, and the Members group that follows."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.log_actions import log

from members.constants import MEMBERS_GROUP
from members.models import Organisation, OrganisationMember, Role
from members.services.errors import AlreadyMember, LastAdministrator

User = get_user_model()


# --- The "Members" group -------------------------------------------------------------------------------------


def sync_members_group(*, user) -> bool:
    """Put the user in the Members group iff they belong to at least one active organisation. Returns membership."""
    group, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
    is_member = user.is_active and OrganisationMember.objects.filter(user=user).in_active_organisations().exists()
    if is_member:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    return is_member


def sync_people_of(organisation: Organisation) -> None:
    """Bring the Members group of everyone working for this company in line with its status."""
    for user in User.objects.filter(organisation_memberships__organisation=organisation):
        sync_members_group(user=user)


# --- People --------------------------------------------------------------------------------------------------


def other_admins(membership: OrganisationMember):
    """The company's administrators other than this person."""
    return membership.organisation.people.admins().exclude(pk=membership.pk)


@transaction.atomic
def member_add(*, organisation: Organisation, user, role: str = Role.MEMBER, by) -> OrganisationMember:
    """Attach a person to a company with a role."""
    if organisation.people.filter(user=user).exists():
        raise AlreadyMember()
    membership = OrganisationMember(organisation=organisation, user=user, role=role)
    membership.full_clean()
    membership.save()
    log(
        instance=organisation,
        action="members.person_add",
        user=by,
        data={"person": user.email, "role": role},
    )
    sync_members_group(user=user)
    return membership


@transaction.atomic
def member_change_role(*, membership: OrganisationMember, role: str, by) -> OrganisationMember:
    """Make a person administrator or member. The last administrator cannot be demoted."""
    membership = (
        OrganisationMember.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    )
    if membership.role == role:
        return membership
    if membership.role == Role.ADMIN and not other_admins(membership).exists():
        raise LastAdministrator()
    previous = membership.role
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    log(
        instance=membership.organisation,
        action="members.role_change",
        user=by,
        data={"person": membership.user.email, "from": previous, "to": role},
    )
    return membership


@transaction.atomic
def member_remove(*, membership: OrganisationMember, by) -> None:
    """Take a person out of a company. The last administrator cannot be removed (nor remove themselves)."""
    membership = (
        OrganisationMember.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    )
    if membership.role == Role.ADMIN and not other_admins(membership).exists():
        raise LastAdministrator()
    organisation, user = membership.organisation, membership.user
    membership.delete()
    log(instance=organisation, action="members.person_remove", user=by, data={"person": user.email})
    sync_members_group(user=user)


def last_admin_of(user) -> list[Organisation]:
    """Companies where this person is the only administrator."""
    organisations = []
    for membership in OrganisationMember.objects.filter(user=user, role=Role.ADMIN).select_related("organisation"):
        if not other_admins(membership).exists():
            organisations.append(membership.organisation)
    return organisations
