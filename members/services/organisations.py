"""Companies: their profile and their membership status."""

from django.db import transaction
from django.utils.text import slugify
from wagtail.log_actions import log

from members.models import Organisation
from members.services.people import sync_people_of

# The profile's own columns (its sectors are set apart).
ORGANISATION_PROFILE_FIELDS = tuple(field for field in Organisation.PROFILE_FIELDS if field != "sectors")


def unique_organisation_slug(name: str, *, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_update(*, organisation: Organisation, by, data: dict, sectors=None, logo_file=None) -> Organisation:
    """Change a company's profile (the fields of ORGANISATION_PROFILE_FIELDS present in data, and its sectors).

    An uploaded logo_file becomes a Wagtail image titled after the company, in the same transaction."""
    if logo_file:
        from wagtail.images import get_image_model

        logo = get_image_model()(title=organisation.display_name, file=logo_file)
        logo.save()
        data = {**data, "logo": logo}
    changed = []
    for field in ORGANISATION_PROFILE_FIELDS:
        if field in data and getattr(organisation, field) != data[field]:
            setattr(organisation, field, data[field])
            changed.append(field)
    if "logo" in data and organisation.logo != data["logo"]:
        organisation.logo = data["logo"]
        changed.append("logo")
    organisation.full_clean()
    organisation.save()
    if sectors is not None:
        new = {s.pk for s in sectors}
        if new != set(organisation.sectors.values_list("pk", flat=True)):
            organisation.sectors.set(sectors)
            changed.append("sectors")
    log(instance=organisation, action="wagtail.edit", user=by, data={"fields": changed})
    return organisation


@transaction.atomic
def organisation_set_status(*, organisation: Organisation, status: str, by) -> Organisation:
    """Change a company's membership status and bring its people's Members group in line."""
    if organisation.status != status:
        previous = organisation.status
        organisation.status = status
        organisation.full_clean()
        organisation.save(update_fields=["status", "updated_at"])
        log(
            instance=organisation,
            action="members.status_change",
            user=by,
            data={"from": previous, "to": status},
        )
    sync_people_of(organisation)
    return organisation
