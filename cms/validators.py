"""The identifier and bank-detail checks live in core.validators.

Old migrations import them from here (cms 0001_initial): this module only re-exports them.
"""

from core.validators import validate_bic, validate_iban, validate_ice, validate_rib

__all__ = ["validate_bic", "validate_iban", "validate_ice", "validate_rib"]
