"""The recommendation report's layout as data (``knowledge/report.yaml``): its sections in
order, each table's columns and each fixed sentence, written once and drawn by every format.

Which builder fills a section is named here by id; the builders live with the report's
document step (``render.report.document``), which checks at test time that it has one for
every name in ``SECTION_BUILDERS``."""

from typing import Literal

from msgspec import Struct

from framework_advisor.domain.text import Catalogue, fill_in

ColumnKind = Literal["text", "strong", "number", "fit", "list"]
"""How a cell is drawn: plain text, bold text, a right-aligned number, a fit bar (0-100) with
its number, or a list of short lines."""

COLUMN_KINDS: tuple[str, ...] = ("text", "strong", "number", "fit", "list")

SECTION_BUILDERS: tuple[str, ...] = (
    "overview",
    "mix",
    "comparison",
    "pitfalls",
    "rollout",
    "examples",
    "changes",
    "ranking",
    "glossary",
    "answers",
    "goals",
    "sentences",
)
"""The builders a section may name: each fills a section from the report's data; ``sentences``
shows the section's own ``paragraphs`` (a section of fixed text needs no code); ``goals``
is drawn only when the team's goals were given (``report --goals FILE``)."""

REQUIRED_TABLES: tuple[str, ...] = (
    "phases",
    "first_weeks",
    "mix",
    "comparison",
    "pitfalls",
    "rollout",
    "cadence",
    "kpis",
    "sensitivity",
    "ranking",
    "reasons",
    "glossary",
    "answers",
    "goal_findings",
)
"""The tables the builders draw: the loader refuses a layout without one."""
REQUIRED_TEXT: tuple[str, ...] = (
    "contents",
    "first_weeks",
    "no_mix",
    "later",
    "retire",
    "cautions",
    "cadence",
    "examples_for",
    "kpis",
    "unanswered",
    "unanswered_intro",
    "all_answered",
    "sensitivity",
    "ranking_intro",
    "fit_heading",
    "glossary_intro",
    "page_of",
    "goals_intro",
    "goals_summary",
    "goals_none",
    "goals_line",
    "goals_file",
    "goals_rewrite",
    "severity_error",
    "severity_warning",
    "severity_info",
    "title",
    "your_organisation",
    "provenance",
    "provenance_packs",
    "provenance_by",
    "provenance_by_packs",
    "examples_none",
    "examples_no_industry",
    "examples_waiting",
    "examples_brackets",
    "examples_targets",
    "objectives_title",
    "starting_fit_only",
    "phase_now",
    "phase_number",
    "job_individual",
    "job_structure",
    "job_diagnosis",
    "job_strategy",
    "job_execution",
    "job_health",
    "job_direction",
    "job_focus",
    "from_headcount",
    "no_answer",
    "rank_above",
    "top_three_reorder",
    "month_weeks",
    "later_start",
    "later_first_month_one",
    "later_first_month_other",
    "later_title",
    "rollout_one_starts",
    "rollout_all_start",
    "rollout_later",
    "rollout_weekly",
    "no_rollout",
    "calendar_note",
    "okrs_title",
    "wig_statement",
    "lag_measure",
    "delivers_kpi",
    "lead_measure",
    "measure_target",
    "initiative",
    "examples_no_perspective",
    "now_and_next",
    "input_metric",
    "done_when",
    "owner",
    "weekly_goal",
    "obstacle",
    "target",
    "smart_specific",
    "smart_measurable",
    "smart_achievable",
    "smart_relevant",
    "smart_time_bound",
    "accountable",
    "raci_sponsor",
    "raci_project_lead",
    "raci_hr",
    "raci_finance",
    "raci_line_managers",
    "raci_staff",
    "title_4dx",
    "title_bsc",
    "title_mbo",
    "title_north_star",
    "title_eos",
    "title_v2mom",
    "title_smart",
    "title_hoshin_kanri",
    "title_raci",
    "later_phase",
    "for_needs",
    "date",
    "chart_ranking_title",
    "legend_mix",
    "legend_later",
    "legend_not_advised",
    "bar_mix",
    "bar_later",
    "bar_not_advised",
    "chart_ranking_alt",
    "chart_calendar_title",
    "day_short_1",
    "day_short_2",
    "day_short_3",
    "day_short_4",
    "day_short_5",
    "day_1",
    "day_2",
    "day_3",
    "day_4",
    "day_5",
    "week_label",
    "minutes_short",
    "how_often_daily",
    "how_often_weekly",
    "how_often_biweekly",
    "how_often_monthly",
    "how_often_quarterly",
    "how_often_annual",
    "calendar_quarterly_note",
    "calendar_not_shown",
    "meeting_words",
    "every_weekday",
    "every_day",
    "and",
    "on_day_of_week",
    "chart_calendar_alt",
)
"""The fixed sentences the builders and writers say."""


class Column(Struct, frozen=True, forbid_unknown_fields=True):
    header: str
    kind: ColumnKind
    width: int
    """Percent of the table's width; a table's columns add up to 100."""
    field: str
    """The row's field the cell shows (its name in the report's data, ``ReportData``)."""


class TableLayout(Struct, frozen=True, forbid_unknown_fields=True):
    columns: list[Column]
    compact: bool = False
    """Set in a smaller size (wide tables of many short cells)."""
    split: bool = False
    """A long table may break anywhere across pages; otherwise the PDF keeps its last rows
    together and a short one whole."""


class SectionLayout(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    """The section's anchor (``#mix``) and, unless ``builder`` says otherwise, its builder."""
    title: str
    builder: str = ""
    """The builder that fills it (``SECTION_BUILDERS``); empty: the one named like the id."""
    new_page: bool = False
    """It starts on a page of its own in the PDF and in Word."""
    print_break: bool = False
    """The HTML page, printed, starts it on a new page too."""
    paragraphs: list[str] = []
    """For the ``sentences`` builder: the section's text, one paragraph each."""

    @property
    def filled_by(self) -> str:
        return self.builder or self.id


class ReportLayout(Struct, frozen=True, forbid_unknown_fields=True):
    sections: list[SectionLayout] = []
    tables: dict[str, TableLayout] = {}
    """Each table by id, with its columns: what every format draws."""
    text: dict[str, str] = {}
    """Each fixed sentence and subheading by id; some take {placeholders}."""

    def sentence(self, key: str, words: Catalogue | None = None, /, **params: object) -> str:
        """The sentence ``key`` with its {placeholders} filled in by the catalogue's own
        substitution (``domain.text.fill_in``): plain names, never ``str.format``; the words
        of its formats (a date's month) from ``words``."""
        return fill_in(self.text[key], words, **params)
