"""File names from people's names: readable, safe, and never shared by two different names."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from framework_advisor.participants import MAX_BYTES, allocate_stem, name_key, safe_stem


def test_readable_unicode_is_kept() -> None:
    assert safe_stem("王芳") == "王芳"
    assert safe_stem("Иван") == "Иван"
    assert safe_stem("Ελένη") == "Ελένη"
    assert safe_stem("王芳") != safe_stem("李伟")


def test_what_a_file_system_forbids_is_made_safe() -> None:
    assert safe_stem("../../etc/passwd") == "etc-passwd"
    assert safe_stem('a<b>c:d"e|f?g*h\\i') == "a-b-c-d-e-f-g-h-i"
    assert safe_stem("..") == safe_stem("-") == "session"
    assert safe_stem("Tab\there\x00") == "Tab-here"


def test_device_names_are_made_safe() -> None:
    for name in ("CON", "nul", "Com1", "LPT9", "aux.txt"):
        stem = safe_stem(name)
        assert stem.split(".")[0].upper() not in {"CON", "NUL", "COM1", "LPT9", "AUX"}, stem
    assert safe_stem("Connor") == "Connor"


def test_long_names_sharing_a_prefix_get_different_files() -> None:
    a, b = "x" * 200 + "a", "x" * 200 + "b"
    assert safe_stem(a) != safe_stem(b)
    assert len(safe_stem("王" * 200).encode()) <= MAX_BYTES


def test_names_compare_after_nfc_and_case_folding() -> None:
    decomposed = unicodedata.normalize("NFD", "José")
    assert name_key(decomposed) == name_key("JOSÉ")
    assert safe_stem(decomposed) == safe_stem("José")
    assert name_key("Straße") == name_key("STRASSE")


def test_allocation_keeps_case_folded_names_apart() -> None:
    assert allocate_stem("Sam", []) == "Sam"
    assert allocate_stem("Sam", ["Sam"]) == "Sam-2"
    assert allocate_stem("sam", ["Sam", "Sam-2"]) == "sam-3"
    assert allocate_stem("Alice", ["alice"]) == "Alice-2"
    assert allocate_stem("Alice!", ["Alice"]) == "Alice-2"


def test_allocated_stems_are_stable_even_for_long_names() -> None:
    name = "Ж" * 200
    taken = [allocate_stem(name, [])]
    for _ in range(3):
        taken.append(allocate_stem(name, taken))
    assert len(set(taken)) == 4
    assert all(safe_stem(stem) == stem for stem in taken)


@given(st.text(min_size=0, max_size=300))
def test_a_stem_is_safe_and_stable(name: str) -> None:
    stem = safe_stem(name)
    assert stem and "/" not in stem and "\\" not in stem and "\x00" not in stem
    assert not stem.startswith(".")
    assert len(stem.encode()) <= MAX_BYTES
    assert safe_stem(stem) == stem
