"""The whole validated knowledge base, as the engine and front ends see it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from msgspec import Struct, field

from framework_advisor.domain.brand import Brand
from framework_advisor.domain.examples import ExampleSet
from framework_advisor.domain.framework import Framework
from framework_advisor.domain.need import Need, Pairing
from framework_advisor.domain.question import Question
from framework_advisor.domain.report_layout import ReportLayout
from framework_advisor.domain.rule import Rule
from framework_advisor.domain.template import Template


class GlossaryEntry(Struct, frozen=True, forbid_unknown_fields=True):
    term: str
    definition: str
    see_also: list[str] = []
    frameworks: list[str] = []


class ForbiddenPhrase(Struct, frozen=True, forbid_unknown_fields=True):
    """Words that belong in a source or a note, never in text a client reads (wording.yaml)."""

    phrase: str
    why: str
    """What the phrase gives away, and where the fact belongs instead."""


class Settings(Struct, frozen=True, forbid_unknown_fields=True):
    mix_min_fit: int = 40
    """A framework serving a stated need joins the mix only at or above this fit."""
    mix_member_cost: int = 10
    """Each framework beyond the first must add at least this much need coverage (in
    ``need_weights`` points) to join: fewer frameworks win when they cover the same."""
    pairing_bonus: int = 20
    """What a recognised pairing (pairings.yaml) in a mix is worth, in need coverage points."""
    partner_min_fit: int = 60
    """A framework no stated need asks for joins beside a recognised partner, or fills a layer a
    rule asks for, only at or above this fit."""
    keep_current_margin: int = 10
    """A framework already in use keeps its layer if within this many points of the best."""
    max_frameworks: dict[str, int] = field(
        default_factory=lambda: {"startup": 3, "scaleup": 4, "growth": 5, "enterprise": 5}
    )
    """Most distinct frameworks in a mix, by stage: more is a burden a small team cannot carry."""
    meeting_budget_minutes: dict[str, int] = field(
        default_factory=lambda: {"low": 180, "medium": 360, "high": 960}
    )
    """Monthly meeting minutes leaders can give, by answer to ``leadership_time``."""
    need_weights: dict[str, int] = field(
        default_factory=lambda: {"built_for": 40, "serves": 20, "supports": 10}
    )
    """The fit a stated need gives each framework, by how strongly the framework serves it."""
    ritual_names: dict[str, str] = {}
    """The name of a ritual id when one meeting serves several frameworks."""


class PayPolicy(Struct, frozen=True, forbid_unknown_fields=True):
    """Where the objectives that decide pay live when goals feed pay, and what paying for
    targets does (kb.yaml ``policies.pay``)."""

    homes: list[str] = []
    """Frameworks that can carry the objectives that decide pay, best first."""
    never: list[str] = []
    """Frameworks whose own sources keep them out of pay: never the home of pay objectives."""
    carried_by: dict[str, str] = {}
    """Framework -> the plan's sentence naming it as the home of the pay objectives."""
    no_home: str = ""
    """The sentence when no framework in the plan can carry them."""
    caution: str = ""
    """What paying for targets does, shown whenever goals feed pay, whatever is in play."""
    sources: list[str] = []


class InUsePolicy(Struct, frozen=True, forbid_unknown_fields=True):
    """What happens to frameworks a client already runs (kb.yaml ``policies.in_use``)."""

    kept: str = ""
    """Appended to the why of a framework in use that stays."""
    not_working: str = ""
    """A retirement's why for a framework the client says is not working; {why} and {source}
    come from the framework's ``if_not_working``."""
    not_working_plain: str = ""
    """The same for a framework whose sources name no replacement."""
    size_limit: str = ""
    """A retirement's why when the mix's size limit leaves no room; {limit} frameworks."""
    replaces: str = ""
    """Appended to the why of a framework that replaces one not working; {name} is the latter."""
    conflict: str = ""
    """A retirement's why when {other}, in the plan, does its job (a clash or the same layer)."""
    outclassed: str = ""
    """A retirement's why when {other} serves the stated need {need} far better."""
    aid: str = ""
    """A retirement's why when it lives on inside {other} (SMART inside MBO)."""
    outgrown: str = ""
    """A retirement's why for a framework in use beyond its ``size_range``; {why} and {source}
    come from that range."""
    keep_running: str = ""
    """The first rollout step of a framework in use that stays: it starts nothing new."""
    sources: list[str] = []


class CapacityBand(Struct, frozen=True, forbid_unknown_fields=True):
    """How many new frameworks phase one may start at once below a headcount."""

    most: int
    below: int | None = None
    """The band holds organisations under this headcount; None: every size above the last."""


class StaggerPolicy(Struct, frozen=True, forbid_unknown_fields=True):
    """Phase-one frameworks start one after another where ``when`` holds (low maturity or
    little time): the first runs ``weeks`` weeks, with its signal, before the next starts."""

    when_any: dict[str, list[str]]
    """Question id -> answers: staggered where the answer to any of them is one of these."""
    weeks: int
    first: str
    """Why the first starts first; {name}, {job}."""
    next: str
    """When and on what signal each next one starts; {name}, {week}, {previous}, {weeks}."""
    sources: list[str] = []

    def applies(self, view: dict[str, Any]) -> bool:
        return any(view.get(qid) in answers for qid, answers in self.when_any.items())


class CapacityPolicy(Struct, frozen=True, forbid_unknown_fields=True):
    """How many frameworks phase one may start at once, by size and goal-setting maturity
    (kb.yaml ``policies.capacity``)."""

    new_at_once: list[CapacityBand] = []
    """By headcount, smallest band first; the first band the headcount is under applies."""
    no_formal_goals: int = 1
    """A team with no formal goals starts this many (plus a few health metrics)."""
    stagger: StaggerPolicy | None = None
    sources: list[str] = []

    def most_new(self, headcount: int | None) -> int | None:
        """The most new frameworks phase one starts at once for an organisation this size."""
        if headcount is None or not self.new_at_once:
            return None
        for band in self.new_at_once:
            if band.below is None or headcount < band.below:
                return band.most
        return self.new_at_once[-1].most


class BudgetPolicy(Struct, frozen=True, forbid_unknown_fields=True):
    """The sentence stating phase one's meeting time against the leaders' (kb.yaml
    ``policies.budget``): the whole merged calendar, meetings already held included."""

    unknown: str = ""
    """{minutes}; no time was given."""
    fits: str = ""
    """{minutes}, {budget}."""
    fits_held: str = ""
    """{minutes}, {budget}, {held}, {running}: part of it is held today."""
    over: str = ""
    """{minutes}, {budget}, {over}: more than leaders can give."""
    held_over: str = ""
    """{minutes}, {running}, {budget}, {over}: the meetings already held exceed it on their own;
    the plan keeps them and adds nothing new."""
    lighter: str = ""
    """{variants}: the lighter documented forms the plan uses to fit."""
    lighter_over: str = ""
    """{variants}: the lighter forms used, when even they do not fit."""
    left_out: str = ""
    """Why a stated need waits: {name} serves it, but its meetings would pass {budget}."""
    left_out_in_use: str = ""
    """The same when {name} is in use today (and so retired from this plan)."""
    sources: list[str] = []


class ChoicePolicy(Struct, frozen=True, forbid_unknown_fields=True):
    """The sentence saying why the mix beat its runner-up (kb.yaml ``policies.choice``), one
    per criterion that can decide it; {chosen}, {other}, {a}, {b} (the two sides' figures),
    {stated}, {names}."""

    because: dict[str, str] = {}
    sentence: str = ""
    """{chosen}, {other}, {because}."""
    superset: str = ""
    """The chosen set is the runner-up plus {names}: {chosen}, {other}, {why}."""
    subset: str = ""
    """The chosen set is the runner-up without {names}: {chosen}."""


class BuiltForPolicy(Struct, frozen=True, forbid_unknown_fields=True):
    """Why a framework built for a stated need is not in the plan while one merely supporting
    it covers the need (kb.yaml ``policies.built_for``)."""

    sentence: str = ""
    """{name}, {reason}."""
    later: str = ""
    """{name}, {phase}: it comes in a later phase."""
    reasons: dict[str, str] = {}
    """not_working, poor_fit ({fit}), conflict and same_job ({other}, {need}), budget
    ({budget}), capacity and capacity_new ({limit}), other."""


class Policies(Struct, frozen=True, forbid_unknown_fields=True):
    pay: PayPolicy = PayPolicy()
    in_use: InUsePolicy = InUsePolicy()
    capacity: CapacityPolicy = CapacityPolicy()
    budget: BudgetPolicy = BudgetPolicy()
    choice: ChoicePolicy = ChoicePolicy()
    built_for: BuiltForPolicy = BuiltForPolicy()


class PackInfo(Struct, frozen=True):
    name: str
    version: str
    hash: str
    path: str


class KnowledgeBase(Struct, frozen=True, dict=True):
    name: str
    version: str
    settings: Settings
    frameworks: dict[str, Framework]
    questions: list[Question]
    rules: list[Rule]
    needs: list[Need]
    pairings: list[Pairing]
    glossary: list[GlossaryEntry]
    packs: list[PackInfo] = []
    examples: dict[str, ExampleSet] = {}
    """Example OKRs and KPIs, keyed "function:<id>" or "industry:<id>"."""
    templates: dict[str, Template] = {}
    """Starter templates by id, in file-name order of the embedded base, then packs' new ones."""
    forbidden_phrases: list[ForbiddenPhrase] = []
    """Source-keeping phrases no client text may contain (``domain.client_text``)."""
    brand: Brand = Brand()
    policies: Policies = Policies()
    """The reports' name and colours, from kb.yaml and the packs (the last one setting each)."""
    report: ReportLayout = ReportLayout()
    """The report's sections, tables and fixed sentences (report.yaml)."""

    def in_question_order(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The answers to this questionnaire's questions, in its order (as answers files are
        written, so that what is read back draws the same); other keys are left out."""
        return {q.id: answers[q.id] for q in self.questions if q.id in answers}

    def question(self, question_id: str) -> Question | None:
        return self.question_map.get(question_id)

    @cached_property
    def question_map(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}
