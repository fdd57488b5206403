"""Example OKRs and KPIs by function and by industry, to prefill templates and reports, and
examples written for one framework's role (a WIG and its lead measures, a scorecard objective,
an MBO objective, a North Star and its inputs) that the starter templates draw on by role."""

from typing import TYPE_CHECKING, Annotated, Literal

from msgspec import Meta, Struct

from framework_advisor.domain.condition import Condition, Leaf
from framework_advisor.domain.framework import Source

if TYPE_CHECKING:
    pass

Text = Annotated[str, Meta(min_length=1)]
Provenance = Literal["seed", "common_practice"]
Metric = Annotated[str, Meta(pattern=r"^[a-z0-9_]+$")]
"""A stable id for what is measured (`net_promoter_score`): one metric appears once in a
template, whatever its name in each example set."""
Number = int | float


class ExampleOKR(Struct, frozen=True, forbid_unknown_fields=True):
    objective: Text
    key_results: Annotated[list[Text], Meta(min_length=2, max_length=5)]
    type: Literal["committed", "aspirational", "learning"] = "committed"
    source: Provenance = "common_practice"
    growth_models: list[str] = []
    """Options of ``growth_model`` this example is written for; empty: any (kept for packs;
    ``when: {growth_model: [...]}`` says the same)."""
    when: Condition | None = None
    """Where it fits, in the rules' condition language (parsed at load); None: everywhere."""


class ExampleKPI(Struct, frozen=True, forbid_unknown_fields=True):
    name: Text
    definition: Text
    indicator: Literal["leading", "lagging"]
    level: Literal["strategic", "operational"]
    target: Text
    frequency: Literal["daily", "weekly", "monthly", "quarterly", "annual"]
    unit: str = ""
    source: Provenance = "common_practice"
    metric: Metric | Literal[""] = ""
    """Empty in a file: the loader fills in the name's slug."""
    growth_models: list[str] = []
    """Options of ``growth_model`` this example is written for; empty: any."""
    when: Condition | None = None
    """Where it fits, in the rules' condition language (parsed at load); None: everywhere."""


class RoleExample(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="role"):
    metric: Metric
    source: Provenance = "common_practice"
    when: Condition | None = None
    """Where it fits, in the rules' condition language (parsed at load); None: everywhere."""


class Wig(RoleExample, frozen=True, tag="wig"):
    """A 4DX Wildly Important Goal: a lag measure from X to Y by a date (McChesney et al.)."""

    goal: Text
    lag: Text
    """The lag measure: the result the goal is judged by."""
    start: Number
    target: Number
    unit: str = ""
    delivers: str = ""
    """The KPI (its metric) this WIG delivers, where one measures the same result: the plan
    then says so, so that one number has one owner."""


class LeadMeasure(RoleExample, frozen=True, tag="lead_measure"):
    """A 4DX lead measure: an action the team controls, counted every week, that predicts the
    lag measure it `drives`."""

    name: Text
    definition: Text
    weekly_target: Annotated[int, Meta(gt=0)] | Annotated[float, Meta(gt=0)]
    owner: Text
    """Who does it: the team whose weekly action it is."""
    drives: Metric
    """The metric of the lag measure (a WIG's) it predicts."""
    cadence: Literal["weekly"] = "weekly"
    unit: str = ""


Perspective = Literal["financial", "customer", "internal_process", "learning_growth"]
PERSPECTIVE_LABELS: dict[str, str] = {
    "financial": "Financial",
    "customer": "Customer",
    "internal_process": "Internal Process",
    "learning_growth": "Learning & Growth",
}


class ScorecardObjective(RoleExample, frozen=True, tag="bsc_objective"):
    """A Balanced Scorecard row: a strategic objective in one perspective, its measure, target
    and the initiative that moves it (Kaplan & Norton)."""

    perspective: Perspective
    objective: Text
    measure: Text
    target: Text
    initiative: Text
    owner: str = ""


class MboObjective(RoleExample, frozen=True, tag="mbo_objective"):
    """An individual objective agreed with a manager, committed (it must be met) and weighted
    (Drucker): never an aspirational or learning OKR."""

    objective: Text
    measure: Text
    target: Text
    weight: Annotated[int, Meta(ge=1, le=100)]
    """Its relative weight; the template scales the chosen objectives' weights to 100%."""
    owner: str = ""


class NorthStar(RoleExample, frozen=True, tag="north_star"):
    """A North Star Metric with what the canvas asks (Amplitude's North Star Playbook)."""

    name: Text
    value: Text
    """The value customers get, in their words."""
    game: Literal["attention", "transaction", "productivity"]
    definition: Text
    why: Text
    """Why a rise in it leads to revenue later."""
    current_target: Text
    counter_metrics: Text
    owner: Text


class InputMetric(RoleExample, frozen=True, tag="input_metric"):
    """An input that moves a North Star, of one kind: breadth, depth, frequency or efficiency."""

    name: Text
    kind: Literal["breadth", "depth", "frequency", "efficiency"]
    drives: Metric
    levers: Text
    owner: str = ""


class Rock(RoleExample, frozen=True, tag="rock"):
    """An EOS Rock: a 90-day priority with one owner, done or not done at the quarter's end
    (Wickman, *Traction*)."""

    rock: Text
    done_when: Text
    """What makes it done: Rocks are judged done or not done, never by percent."""
    owner: Text


class Measurable(RoleExample, frozen=True, tag="measurable"):
    """An EOS Scorecard measurable: a number one person owns, with a weekly goal, reviewed in
    the weekly Level 10 meeting (Wickman, *Traction*)."""

    name: Text
    weekly_goal: Text
    """The goal as the scorecard states it (a threshold or a range), e.g. "at least 20"."""
    owner: Text
    definition: str = ""


class V2momMethod(RoleExample, frozen=True, tag="v2mom_method"):
    """A V2MOM method: an action that delivers the vision, in priority order, with the
    obstacle in its way (Benioff & Adler, *Behind the Cloud*)."""

    method: Text
    priority: Annotated[int, Meta(ge=1, le=20)]
    obstacle: Text
    owner: str = ""


class V2momMeasure(RoleExample, frozen=True, tag="v2mom_measure"):
    """A V2MOM measure: the result that shows a method worked, with its target."""

    measure: Text
    target: Text
    drives: Metric
    """The metric of the method (a v2mom_method's) it measures."""
    owner: str = ""


class SmartGoal(RoleExample, frozen=True, tag="smart_goal"):
    """A goal written the SMART way: specific, measurable, achievable, relevant, time-bound
    (Doran, 1981, in its modern wording)."""

    goal: Text
    specific: Text
    measurable: Text
    achievable: Text
    relevant: Text
    deadline: Text
    """When, in words ("by the end of the quarter"): the template's date column stays typed."""
    owner: Text
    statement: Text


class BreakthroughObjective(RoleExample, frozen=True, tag="breakthrough_objective"):
    """A Hoshin Kanri breakthrough objective: a three-to-five-year change the organisation
    cannot reach by doing more of the same (Akao, *Hoshin Kanri*)."""

    objective: Text
    measure: Text
    target: Text
    owner: Text


class AnnualObjective(RoleExample, frozen=True, tag="annual_objective"):
    """A Hoshin Kanri annual objective: this year's step towards a breakthrough objective."""

    objective: Text
    measure: Text
    target: Text
    owner: Text
    drives: Metric
    """The metric of the breakthrough objective this year's step serves."""


class ImprovementPriority(RoleExample, frozen=True, tag="improvement_priority"):
    """A Hoshin Kanri improvement priority: a team's project, agreed in catchball, that
    delivers an annual objective."""

    priority: Text
    measure: Text
    target: Text
    owner: Text
    drives: Metric
    """The metric of the annual objective it delivers."""


RaciLetter = Literal["R", "A", "C", "I", "A/R", ""]


class RaciActivity(RoleExample, frozen=True, tag="raci_activity"):
    """A RACI row: an activity or decision and who is Responsible, Accountable (exactly one),
    Consulted and Informed (PMI, *PMBOK Guide*), by the roles of the template's columns."""

    activity: Text
    sponsor: RaciLetter = ""
    project_lead: RaciLetter = ""
    hr: RaciLetter = ""
    finance: RaciLetter = ""
    line_managers: RaciLetter = ""
    staff: RaciLetter = ""


Role = (
    Wig | LeadMeasure | ScorecardObjective | MboObjective | NorthStar | InputMetric | Rock
    | Measurable | V2momMethod | V2momMeasure | SmartGoal | BreakthroughObjective
    | AnnualObjective | ImprovementPriority | RaciActivity
)  # fmt: skip
LINKED_ROLES = (LeadMeasure, InputMetric, V2momMeasure, AnnualObjective, ImprovementPriority)
"""The roles whose `drives` names another example's metric (checked at load)."""


class ExampleSet(Struct, frozen=True, forbid_unknown_fields=True):
    area: str
    kind: Literal["function", "industry"]
    title: Text
    okrs: Annotated[list[ExampleOKR], Meta(min_length=1)]
    kpis: Annotated[list[ExampleKPI], Meta(min_length=1)]
    notes: str = ""
    roles: list[Role] = []
    """Examples written for one framework's role, each tagged with it (`role: lead_measure`)."""
    sources: list[Source] = []
    """Where the role examples' practice comes from (the book or playbook each role follows)."""
    when: Condition | None = None
    """Where every entry of the file fits (each entry's own ``when`` narrows it further); an
    industry's file fits that industry only, without saying so."""

    def of_role(self, role: str) -> list[Role]:
        return [entry for entry in self.roles if role_of(entry) == role]


class RoleExamples(Struct, frozen=True, forbid_unknown_fields=True):
    """A file of role examples only (`examples/roles/<name>.yaml`), for frameworks whose role
    no function or industry set has yet: they join the company-wide set's roles."""

    title: Text
    roles: Annotated[list[Role], Meta(min_length=1)]
    sources: Annotated[list[Source], Meta(min_length=1)]
    """The published work each role here follows."""
    notes: str = ""


Example = ExampleOKR | ExampleKPI | Role


class ExampleSelection(Struct, frozen=True):
    """The examples chosen for an organisation (``engine.examples.select_examples``): the one
    selection the report shows and every starter template is prefilled from."""

    okrs: list[ExampleOKR]
    kpis: list[ExampleKPI]
    """Each metric once."""
    areas: list[str]
    """The example sets used, e.g. ["industry:saas", "function:sales"]."""
    roles: list[Role] = []
    """Role examples, each metric once per role: content written for the client's industry
    first, then the function's, then the company-wide set's for a role neither has."""
    missing_industry: str = ""
    """The client's industry when the library has no examples written for it."""
    waiting: list[str] = []
    """Unanswered questions that examples of these sets were written for (`education_setting`,
    `growth_model`): answered, they bring examples that fit better. In questionnaire order."""

    def of_role(self, role: str) -> list[Role]:
        return [entry for entry in self.roles if role_of(entry) == role]


def role_of(entry: Role) -> str:
    return str(type(entry).__struct_config__.tag)


def metric_key(name: str) -> str:
    """A metric's name as a key, for an example without a metric id: "Net Promoter Score
    (NPS)" and "net promoter score" are one metric."""
    words = "".join(c if c.isalnum() else " " for c in name.split("(")[0].lower())
    return " ".join(words.split())


def unique_by_metric(kpis: list[ExampleKPI]) -> list[ExampleKPI]:
    """The KPIs in order, each metric once (the first example of it: the function's before
    the industry's), so no report or template shows one metric with two targets."""
    seen: set[str] = set()
    unique: list[ExampleKPI] = []
    for kpi in kpis:
        key = kpi.metric or metric_key(kpi.name)
        if key not in seen:
            seen.add(key)
            unique.append(kpi)
    return unique


def condition_of(example: ExampleSet, entry: Example) -> list[Condition]:
    """Every condition an entry must meet: its file's, its own, its growth models and an
    industry file's industry."""
    parts = [c for c in (example.when, entry.when) if c is not None]
    if example.kind == "industry":
        parts.append(Leaf(question="industry", op="eq", value=example.area))
    models = getattr(entry, "growth_models", [])
    if models:
        parts.append(Leaf(question="growth_model", op="in", value=list(models)))
    return parts
