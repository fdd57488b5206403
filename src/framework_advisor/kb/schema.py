"""The raw shapes of knowledge files that have no domain model of their own (kb.yaml,
pack.yaml, rules before their conditions are parsed), and the schema version."""

from __future__ import annotations

from typing import Any

import msgspec

from framework_advisor.domain.brand import Brand
from framework_advisor.domain.framework import Layer
from framework_advisor.domain.knowledge import Policies, Settings
from framework_advisor.sources.yaml_lines import KeyPath, YamlDocument

SCHEMA_VERSION = 2


class KbFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str
    version: str
    schema_version: int = SCHEMA_VERSION
    settings: Settings = Settings()
    policies: Policies = Policies()
    description: str = ""
    brand: Brand = Brand()


class Removal(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    frameworks: list[str] = []
    questions: list[str] = []
    rules: list[str] = []


class PackFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str
    version: str
    schema_version: int | None = None
    description: str = ""
    remove: Removal = Removal()
    brand: Brand = Brand()
    """The name and colours of the reports made with this pack (a later pack's win)."""


class RawEffect(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    framework: str | None = None
    weight: int | None = None
    reason: str | None = None
    caution: str | None = None
    about: list[str] | None = None
    unless_advised: list[str] | None = None
    layer: Layer | None = None


class RawRule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    when: dict[str, Any]
    effects: list[RawEffect]
    source: str = ""
    note: str = ""


class Located(msgspec.Struct):
    """An entry together with where it was written."""

    value: Any
    doc: YamlDocument
    path: KeyPath
    raw_when: Any = None
