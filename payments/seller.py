"""The association's identity and bank details: from the CMS association settings, else from Django settings."""

from django.apps import apps

from payments import conf

# Our name for each detail → the field of cms.AssociationSettings that holds it.
SELLER_FIELDS = {
    "name": "name",
    "address": "address",
    "ice": "ice",
    "if_number": "if_number",
    "rc": "rc",
    "email": "email",
}
BANK_FIELDS = {
    "bank_name": "bank_name",
    "account_holder": "bank_account_holder",
    "rib": "rib",
    "iban": "iban",
    "swift": "swift_bic",
}


def _association_settings():
    try:
        model = apps.get_model("cms", "AssociationSettings")
    except LookupError:
        return None
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return model.for_site(site) if site else None


def _merge(fallback: dict[str, str], obj, fields: dict[str, str]) -> dict[str, str]:
    values = dict(fallback)
    if obj is not None:
        for key, field in fields.items():
            if value := getattr(obj, field, ""):
                values[key] = str(value)
    return values


def seller_details() -> dict[str, str]:
    """Name, address, ICE, IF and RC printed on invoices."""
    association = _association_settings()
    details = _merge(conf.seller_fallback(), association, SELLER_FIELDS)
    city = getattr(association, "city", "")
    if city and city not in details["address"]:
        details["address"] = ", ".join(part for part in (details["address"], city) if part)
    return details


def bank_details() -> dict[str, str]:
    """Where members send transfers: bank, holder, RIB, IBAN, SWIFT."""
    return _merge(conf.bank_fallback(), _association_settings(), BANK_FIELDS)
