"""Which example OKRs and KPIs fit an organisation: its function's, then its industry's.

The selection is a lookup in the knowledge base's data, so it lives in the domain (renderers
use it too); this module keeps the engine's name for it."""

from __future__ import annotations

from framework_advisor.domain.examples import ExampleSelection, select_examples

__all__ = ["ExampleSelection", "select_examples"]
