"""Identifiers that pass the site's checks, for factories and tests."""


def valid_ice(prefix13: str) -> str:
    """The ICE that starts with these 13 digits (company and establishment numbers): the 2 check digits added make
    the whole number divisible by 97."""
    if len(prefix13) != 13 or not prefix13.isdigit():
        raise ValueError(f"an ICE starts with 13 digits, not {prefix13!r}")
    return f"{prefix13}{-int(prefix13) * 100 % 97:02d}"
