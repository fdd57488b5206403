"""The room's parts that need no server: codes, wrong-code limits, cookies, saved state."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.tui.serve import codes, cookies
from framework_advisor.tui.serve.limits import WrongCodes
from framework_advisor.tui.serve.room import STATE_FILE, Room

LOOK_ALIKES = ["0O", "1IL", "2Z", "5S", "6G", "8B", "UV", "QO"]


def test_new_codes_have_no_look_alikes_and_at_least_40_bits() -> None:
    import math

    for group in LOOK_ALIKES:
        assert len(set(group) & set(codes.ALPHABET)) == 0, group
    code = codes.new_code()
    assert set(code) <= set(codes.ALPHABET)
    assert len(code) * math.log2(len(codes.ALPHABET)) >= 40
    shown = codes.grouped(code)
    assert shown.replace("-", "") == code and "-" in shown
    for typed in (shown, shown.lower(), f" {shown.replace('-', ' ')} ", code):
        assert codes.matches(typed, code), typed
    assert not codes.matches(shown[:-1], code)


def test_a_room_made_with_an_old_code_still_takes_it(tmp_path: Path) -> None:
    """Rooms kept before the new alphabet (8 Crockford characters) still open with their code."""
    (tmp_path / STATE_FILE).write_text(
        json.dumps({"join_code": "K7QM2XRD", "secret": "00" * 32, "participants": []})
    )
    room = Room.open(tmp_path)
    assert codes.grouped(room.join_code) == "K7QM-2XRD"
    assert codes.matches("k7qm-2xrd", room.join_code)
    assert codes.matches("K7QM-2XRD", room.join_code)


def test_old_crockford_codes_are_read_leniently() -> None:
    shown = codes.grouped("K7QM2XRD")
    assert shown == "K7QM-2XRD"
    for typed in ("K7QM-2XRD", "k7qm2xrd", " k7qm 2xrd ", "K7QM-2XRD"):
        assert codes.matches(typed, "K7QM2XRD"), typed
    assert codes.parse("0O1IL") is None  # too short
    assert codes.parse("ABCDEFGO") == "ABCDEFG0"  # O read as zero, I and L as one
    assert not codes.matches("K7QM-2XRE", "K7QM2XRD")
    assert not codes.matches("K7QM-2XRDX", "K7QM2XRD")
    assert len({codes.new_code() for _ in range(200)}) == 200


def test_wrong_codes_lock_a_client_for_a_minute(kb: KnowledgeBase) -> None:
    now = [0.0]
    limits = WrongCodes(clock=lambda: now[0])
    for _ in range(5):
        assert limits.refusal("a") is None
        limits.record("a")
    refusal = limits.refusal("a")
    assert refusal is not None and "from your device" in kb.text.say(refusal)
    assert limits.refusal("b") is None
    now[0] = 59.0
    assert limits.refusal("a") is not None
    now[0] = 60.5
    assert limits.refusal("a") is None


def test_wrong_codes_cap_the_whole_room(kb: KnowledgeBase) -> None:
    now = [0.0]
    limits = WrongCodes(clock=lambda: now[0])
    for n in range(30):
        limits.record(f"client-{n}")
    refusal = limits.refusal("newcomer")
    assert refusal is not None and "in this room" in kb.text.say(refusal)
    now[0] = 61
    assert limits.refusal("newcomer") is None


def test_cookies_are_signed() -> None:
    secret = b"s" * 32
    value = cookies.sign(secret, "abc", "K7QM2XRD")
    assert cookies.verify(secret, value) == ("abc", "K7QM2XRD")
    assert cookies.verify(b"t" * 32, value) is None
    assert cookies.verify(secret, value.replace("abc", "abd")) is None
    assert cookies.verify(secret, None) is None
    assert cookies.verify(secret, "garbage") is None


def test_the_room_is_kept_privately_and_resume_codes_only_as_hashes(tmp_path: Path) -> None:
    room = Room.open(tmp_path)
    sam, code = room.join("Sam")
    sam2, code2 = room.join("sam")
    assert (sam.stem, sam2.stem) == ("Sam", "sam-2")
    path = tmp_path / STATE_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert code not in text and code2 not in text
    again = Room.open(tmp_path)
    assert again.join_code == room.join_code and again.secret == room.secret
    assert again.by_resume_code(codes.grouped(code).lower()) == sam
    assert again.check(sam2.id, code2) == sam2
    assert again.check(sam2.id, code) is None
    assert again.by_resume_code("ZZZZ-ZZZZ") is None
    assert json.loads(text)["participants"][0]["name"] == "Sam"


def test_files_already_in_the_folder_are_never_reused(tmp_path: Path) -> None:
    (tmp_path / "Ana.yaml").write_text("organisation: Old\n")
    participant, _ = Room.open(tmp_path).join("ana")
    assert participant.stem == "ana-2"


@pytest.mark.parametrize("name", ["..", "-", "CON", "../../x"])
def test_odd_names_get_safe_files(tmp_path: Path, name: str) -> None:
    participant, _ = Room.open(tmp_path).join(name)
    assert "/" not in participant.stem and participant.stem not in (".", "..")
    assert participant.stem.upper() != "CON"
