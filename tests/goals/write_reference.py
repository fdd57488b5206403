"""Write docs/goal-checks.md from knowledge/checks.yaml (tests/unit/test_goal_checks.py checks
that the committed page matches)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "goal-checks.md"


def text() -> str:
    from framework_advisor.engine.goals.check import REASON_IDS
    from framework_advisor.engine.goals.rules import rule_ids
    from framework_advisor.kb.checks import load_checks
    from framework_advisor.render.checks_reference import reference

    return reference(load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    PAGE.parent.mkdir(exist_ok=True)
    PAGE.write_text(text(), encoding="utf-8", newline="\n")
    print(f"wrote {PAGE}")
