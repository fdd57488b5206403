"""The room's cookie: a participant's id and resume code, signed with the room's secret."""

from __future__ import annotations

import base64
import hashlib
import hmac

NAME = "framework_advisor_room"
MAX_AGE = 7 * 24 * 3600


def _mac(secret: bytes, payload: str) -> str:
    digest = hmac.new(secret, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign(secret: bytes, participant_id: str, resume_code: str) -> str:
    payload = f"{participant_id}.{resume_code}"
    return f"{payload}.{_mac(secret, payload)}"


def verify(secret: bytes, value: str | None) -> tuple[str, str] | None:
    """(participant id, resume code) from a cookie this room signed, else None."""
    if not value or value.count(".") != 2:
        return None
    participant_id, resume_code, mac = value.split(".")
    if not hmac.compare_digest(mac, _mac(secret, f"{participant_id}.{resume_code}")):
        return None
    return participant_id, resume_code
