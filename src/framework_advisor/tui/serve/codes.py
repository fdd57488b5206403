"""Join and resume codes: 8 characters of Crockford base32, shown grouped (`K7QM-2XRD`).

Crockford's alphabet leaves out I, L, O and U, so a code read aloud or copied from a screen
survives: typing is case-insensitive, the dash and spaces are optional, and O, I and L are read
as 0, 1 and 1. Eight characters are 40 bits: with at most a few wrong guesses a minute, a code
cannot be found by trying."""

from __future__ import annotations

import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def grouped(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def parse(text: str) -> str | None:
    """The code typed, in canonical form, or None if it cannot be a code."""
    code = "".join(text.split()).replace("-", "").upper().translate(_READ_AS)
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def matches(typed: str, code: str) -> bool:
    parsed = parse(typed)
    return parsed is not None and hmac.compare_digest(parsed, code)
