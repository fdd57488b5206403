"""The whole validated knowledge base, as the engine and front ends see it."""

from functools import cached_property
from typing import Any, ClassVar

from msgspec import Struct, field

from framework_advisor.domain.brand import Brand
from framework_advisor.domain.examples import ExampleSet
from framework_advisor.domain.framework import Framework
from framework_advisor.domain.need import Need, Pairing
from framework_advisor.domain.question import Question
from framework_advisor.domain.report_layout import ReportLayout
from framework_advisor.domain.rule import Rule
from framework_advisor.domain.template import Template
from framework_advisor.domain.text import Catalogue


class GlossaryEntry(Struct, frozen=True, forbid_unknown_fields=True):
    READ: ClassVar[tuple[str, ...]] = ("term", "definition")
    """The fields readers see (the no-ids walk, `domain.client_text.read_fields`)."""

    term: str
    definition: str
    see_also: list[str] = []
    frameworks: list[str] = []


class HelpEntry(Struct, frozen=True, forbid_unknown_fields=True):
    """A part of the app's help (help.yaml): what one screen is for and where its keys work,
    or a heading of the help itself."""

    READ: ClassVar[tuple[str, ...]] = ("title", "text")

    id: str
    title: str
    text: str = ""


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
    sources: list[str] = []


class InUsePolicy(Struct, frozen=True, forbid_unknown_fields=True):
    """The sources of what happens to frameworks a client already runs (kb.yaml
    ``policies.in_use``); its sentences are knowledge/text/en.yaml's ``in_use.*``."""

    sources: list[str] = []


class CapacityBand(Struct, frozen=True, forbid_unknown_fields=True):
    """How many new frameworks phase one may start at once below a headcount."""

    most: int
    below: int | None = None
    """The band holds organisations under this headcount; None: every size above the last."""


class StaggerPolicy(Struct, frozen=True, forbid_unknown_fields=True):
    """Phase-one frameworks start one after another where ``when`` holds (low maturity or
    little time): the first runs ``weeks`` weeks, with its signal, before the next starts
    (its sentences: knowledge/text/en.yaml, ``stagger.*``)."""

    when_any: dict[str, list[str]]
    """Question id -> answers: staggered where the answer to any of them is one of these."""
    weeks: int
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
    """The sources of phase one's meeting time against the leaders' (kb.yaml
    ``policies.budget``); its sentences are knowledge/text/en.yaml's ``budget.*``."""

    sources: list[str] = []


class Policies(Struct, frozen=True, forbid_unknown_fields=True):
    pay: PayPolicy = PayPolicy()
    in_use: InUsePolicy = InUsePolicy()
    capacity: CapacityPolicy = CapacityPolicy()
    budget: BudgetPolicy = BudgetPolicy()


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
    help: list[HelpEntry] = []
    """The app's help, in file order (``help_entry``)."""
    brand: Brand = Brand()
    policies: Policies = Policies()
    """The reports' name and colours, from kb.yaml and the packs (the last one setting each)."""
    text: Catalogue = Catalogue()
    """Every sentence the engine's messages are said in (knowledge/text/en.yaml)."""
    report: ReportLayout = ReportLayout()
    """The report's sections, tables and fixed sentences (report.yaml)."""

    def in_question_order(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The answers to this questionnaire's questions, in its order (as answers files are
        written, so that what is read back draws the same); other keys are left out."""
        return {q.id: answers[q.id] for q in self.questions if q.id in answers}

    def help_entry(self, entry_id: str) -> HelpEntry | None:
        return next((entry for entry in self.help if entry.id == entry_id), None)

    def question(self, question_id: str) -> Question | None:
        return self.question_map.get(question_id)

    @cached_property
    def question_map(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}
