"""Join and resume codes: 10 characters from an alphabet without look-alikes, shown grouped
(`K7HMW-3XRDP`).

The alphabet leaves out every character that reads or types like another (0 and O, 1, I and L,
2 and Z, 5 and S, 6 and G, 8 and B, U and V, Q), so a code read aloud or copied from a screen
survives; typing is case-insensitive and the dash and spaces are optional. Ten characters of
twenty are over 43 bits (SECURITY.md): with at most a few wrong guesses a minute, a code
cannot be found by trying.

Rooms made before this alphabet keep their codes: 8 characters of Crockford base32 (`K7QM-2XRD`),
where O is read as 0 and I and L as 1, are still accepted for them, and for resume codes given
then."""

from __future__ import annotations

import hmac
import secrets

ALPHABET = "3479ACDEFHJKMNPRTWXY"
LENGTH = 10
GROUP = 5

LEGACY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford base32: the codes of rooms made before the alphabet without look-alikes."""
LEGACY_LENGTH = 8
_LEGACY_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def grouped(code: str) -> str:
    half = GROUP if len(code) == LENGTH else len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def parse(text: str) -> str | None:
    """The code typed, in canonical form, or None if it cannot be a code."""
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) == LENGTH and all(c in ALPHABET for c in code):
        return code
    legacy = code.translate(_LEGACY_READ_AS)
    if len(legacy) == LEGACY_LENGTH and all(c in LEGACY_ALPHABET for c in legacy):
        return legacy
    return None


def matches(typed: str, code: str) -> bool:
    parsed = parse(typed)
    return parsed is not None and hmac.compare_digest(parsed, code)
