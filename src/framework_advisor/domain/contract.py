"""Ids and options that answers files, packs and reports rely on: packs cannot remove them."""

from typing import Any

FRAMEWORK_IDS: tuple[str, ...] = (
    "okr", "kpi", "mbo", "smart", "bsc", "hoshin_kanri", "4dx", "v2mom", "north_star", "eos",
    "mckinsey_7s", "raci", "okr_kpi_hybrid", "fast",
)  # fmt: skip

STAGES: tuple[str, ...] = ("startup", "scaleup", "growth", "enterprise")
STAGE_BANDS: tuple[tuple[str, int], ...] = (
    ("enterprise", 1000),
    ("growth", 250),
    ("scaleup", 50),
    ("startup", 1),
)
"""Half-open headcount bands, largest first: 1-49 startup, 50-249, 250-999, 1000+."""

FIXED_QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "headcount": ("number", ()),
    "stage": ("single", STAGES),
    "team_size": ("number", ()),
    "function": (
        "single",
        (
            "company", "leadership", "sales", "marketing", "product", "revops",
            "customer_success", "engineering", "hr", "finance", "operations",
        ),
    ),
    "needs": (
        "multiple",
        (
            "strategic_change", "operational_health", "individual_performance", "goal_clarity",
            "execution_discipline", "alignment", "product_focus", "long_term_transformation",
            "smb_operations", "role_clarity", "org_diagnosis",
        ),
    ),
    "compensation_linked": ("yes_no", ()),
    "current_frameworks": ("multiple", ()),
    "frameworks_not_working": ("multiple", ()),
    "industry": (
        "single",
        (
            "software", "saas", "ecommerce", "agency", "manufacturing", "education", "healthcare",
            "retail", "financial_services", "public_sector", "other",
        ),
    ),
    "maturity": ("single", ("none", "kpis_only", "some_okrs", "mature")),
    "change_under_way": ("single", ("none", "restructuring", "merger_integration", "turnaround")),
    "organisation": ("text", ()),
}  # fmt: skip


def stage_is_derived(answers: dict[str, Any]) -> bool:
    """True when the stage the rules see comes from the headcount, not from an answer."""
    return answers.get("stage") is None and isinstance(answers.get("headcount"), int)


def stage_for_headcount(headcount: int) -> str:
    """The company stage a headcount falls in (startup, scaleup, growth, enterprise)."""
    for stage, lower in STAGE_BANDS:
        if headcount >= lower:
            return stage
    return "startup"
