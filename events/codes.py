"""Ticket codes a person can read aloud and type: `K7QF-9MZT-4HXA-W2RD`.

Sixteen symbols of Crockford's base32 (digits and capitals without I, L, O and U, so no two look alike), in four
groups of four: 16 × 5 = 80 random bits, more than the 72 of the earlier codes. A code is stored in that one
canonical form; what people type is brought back to it (any case, spaces or no dashes, and the letters Crockford
reads as digits: O as 0, I and L as 1).

Earlier tickets carry 12 URL-safe characters of mixed case (`Ab3_-xYz9KLm`). They stay valid and are matched
exactly as stored: they are never 16 symbols long, so no typed form of one can be taken for a new code.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 4
GROUP_LENGTH = 4
SYMBOLS = GROUPS * GROUP_LENGTH
SEPARATOR = "-"

# What a hand types or a phone's keyboard substitutes, read as Crockford decodes it.
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Dashes a keyboard may "correct" the hyphen into: hyphen, non-breaking hyphen, figure, en and em dashes, minus.
_DASHES = str.maketrans(dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2212"))


def new_code() -> str:
    """A fresh code in canonical form (80 bits from the system's secure random source)."""
    return grouped("".join(secrets.choice(ALPHABET) for _ in range(SYMBOLS)))


def grouped(symbols: str) -> str:
    return SEPARATOR.join(symbols[start : start + GROUP_LENGTH] for start in range(0, len(symbols), GROUP_LENGTH))


def canonical_code(typed: str) -> str | None:
    """The canonical form of a typed code (`k7qf 9mzt 4hxa w2rd` → `K7QF-9MZT-4HXA-W2RD`), or None when what was
    typed cannot be a code of this kind (an earlier code, a typo that drops or adds a symbol)."""
    compact = "".join((typed or "").split()).translate(_DASHES).upper().translate(_LOOK_ALIKES)
    if len(compact) != SYMBOLS or not set(compact) <= set(ALPHABET):
        return None
    return grouped(compact)
