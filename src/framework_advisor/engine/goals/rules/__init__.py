"""The code behind each check of knowledge/checks.yaml, one function per check id, by area; importing
this package registers them all."""

from framework_advisor.engine.goals.rules import frameworks, kpi_smart, okr
from framework_advisor.engine.goals.rules.kpi_smart import smart_letters
from framework_advisor.engine.goals.rules.okr import is_activity, is_health_metric, is_task
from framework_advisor.engine.goals.rules.registry import (
    ITEM_RULES,
    SET_RULES,
    Context,
    Hit,
    item_rule,
    rule_ids,
    set_rule,
)

__all__ = [
    "ITEM_RULES",
    "SET_RULES",
    "Context",
    "Hit",
    "frameworks",
    "is_activity",
    "is_health_metric",
    "is_task",
    "item_rule",
    "kpi_smart",
    "okr",
    "rule_ids",
    "set_rule",
    "smart_letters",
]
