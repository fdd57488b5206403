"""The nine starter templates, as data (see `model` for the classes and the formula patterns).

The templates follow the seeds' list (an OKR planning sheet, a KPI dashboard, an MBO tracker with
bonus weighting, a SMART goal worksheet, a Balanced Scorecard, a V2MOM planner, a 4DX tracker, a
North Star Metric discovery canvas and an EOS Vision/Traction Organizer) and the sources the
knowledge base names for each framework (Doerr and Wodtke for OKR confidence and grading, Kaplan
& Norton's four questions, McChesney et al.'s "from X to Y by when", Amplitude's North Star
Playbook, Wickman's V/TO). Worked examples are invented, and never start with = + - @."""

from __future__ import annotations

from framework_advisor.render.starter.model import (
    HIGHER,
    LOWER,
    PERSPECTIVES,
    STATUSES,
    Column,
    Formula,
    Highlight,
    Prefill,
    RelativeDate,
    Section,
    Sheet,
    Template,
    Validation,
    row,
)

WEEKS = 13
QUARTER_END = RelativeDate()
YEAR_END = RelativeDate(unit="year")


def _status_highlights(column: str, good: str = "On track", warn: str = "At risk",
                       bad: str = "Off track") -> tuple[Highlight, ...]:  # fmt: skip
    return (
        Highlight(columns=(column,), tone="good", equals=good),
        Highlight(columns=(column,), tone="warn", equals=warn),
        Highlight(columns=(column,), tone="bad", equals=bad),
    )


def _weeks(prefix: str, header: str, validation: Validation, note: str) -> tuple[Column, ...]:
    return tuple(
        Column(
            key=f"{prefix}{week}",
            header=f"{header} {week}",
            short=f"W{week}",
            width=6,
            type="number",
            number_format="0",
            validation=validation,
            note=note if week == 1 else "",
        )
        for week in range(1, WEEKS + 1)
    )


def _progress(start: str, target: str, current: str) -> str:
    """(current - start) / (target - start), kept between 0 and 1; empty until all are typed."""
    return (
        f'=IF(OR({{{start}}}="",{{{target}}}="",{{{current}}}="",{{{target}}}={{{start}}}),"",'
        f"MAX(0,MIN(1,({{{current}}}-{{{start}}})/({{{target}}}-{{{start}}}))))"
    )


PROGRESS_EXPLAIN = (
    "(current - start) / (target - start), kept between 0% and 100%; it works for targets below "
    "the start too (cutting a cost from 10 to 6)."
)

# -- 1. OKR planning sheet -------------------------------------------------------------------

OKR_TYPES = ("Committed", "Aspirational", "Learning")
_CONFIDENCE = Validation(
    kind="whole", minimum=1, maximum=10, message="Confidence from 1 (no chance) to 10 (certain)"
)
_KR_WEEKS = tuple(f"w{week}" for week in range(1, WEEKS + 1))

OKR_SHEET = Template(
    id="okr-planning-sheet",
    title="OKR planning sheet",
    frameworks=("okr", "okr_kpi_hybrid"),
    summary="Quarterly objectives and key results, with progress, weekly confidence and grades.",
    guidance=(
        "Write three to five objectives for the quarter on the Objectives sheet: qualitative, "
        "inspiring, each with an ID (O1, O2, ...) and a type. Committed objectives must be met; "
        "aspirational ones are a stretch where 0.7 is a good result; learning objectives find "
        "out what is possible.",
        "Give every objective two to five key results on the Key results sheet: measurable "
        "outcomes, not tasks, written 'from X to Y'. Fill in start, target and current: progress "
        "is calculated, and the objective's progress is the average of its key results.",
        "Each week, record how confident the owner is (1-10) that the key result will be met. "
        "At the end of the quarter, grade each key result from 0.0 to 1.0; the objective's grade "
        "is their average. Grade honestly: OKRs are not tied to pay.",
    ),
    sheets=(
        Sheet(
            id="objectives",
            title="Objectives",
            note="One row per objective. Key results point at an objective by its ID.",
            columns=(
                Column(key="id", header="ID", width=6, note="Key results use this ID."),
                Column(
                    key="objective",
                    header="Objective",
                    width=46,
                    note="What you want to achieve, in words: qualitative and inspiring.",
                ),
                Column(
                    key="type",
                    header="Type",
                    width=14,
                    type="choice",
                    options=OKR_TYPES,
                    note="Committed: must be met. Aspirational: a stretch, 0.7 is good. "
                    "Learning: to find out what is possible.",
                ),
                Column(key="owner", header="Owner", width=18),
                Column(key="quarter_end", header="Quarter ends", width=13, type="date"),
                Column(
                    key="krs",
                    header="Key results",
                    width=11,
                    type="number",
                    number_format="0",
                    formula='=IF(OR({id}="",{objective}=""),"",COUNTIF({key_results.objective:all},{id}))',
                    explain="How many key results point at the objective: two to five "
                    "(highlighted otherwise).",
                ),
                Column(
                    key="progress",
                    header="Progress",
                    width=11,
                    type="percent",
                    formula='=IF(OR({id}="",{objective}=""),"",IFERROR(AVERAGEIF({key_results.objective:all},{id},'
                    '{key_results.progress:all}),""))',
                    explain="The average progress of the objective's key results.",
                ),
                Column(
                    key="grade",
                    header="Grade (0.0-1.0)",
                    width=13,
                    type="number",
                    number_format="0.00",
                    formula='=IF(OR({id}="",{objective}=""),"",IFERROR(AVERAGEIF({key_results.objective:all},{id},'
                    '{key_results.grade:all}),""))',
                    explain="The average end-of-quarter grade of the objective's key results.",
                ),
                Column(key="notes", header="Notes", width=32),
            ),
            sections=(
                Section(
                    rows=tuple(row(id=f"O{number}") for number in range(1, 7)),
                    example=(
                        row(
                            objective="Make onboarding a delight for new customers",
                            type="Aspirational",
                            owner="Head of Customer Success",
                            quarter_end=QUARTER_END,
                        ),
                    ),
                    prefill=Prefill(
                        source="okrs", fields={"objective": "objective", "type": "type"}, limit=5
                    ),
                ),
            ),
            highlights=(
                Highlight(
                    columns=("krs",),
                    tone="bad",
                    formula='AND({objective}<>"",ISNUMBER({self}),OR({self}<2,{self}>5))',
                ),
                Highlight(
                    columns=("progress",), tone="good", formula="AND(ISNUMBER({self}),{self}>=0.7)"
                ),
                Highlight(
                    columns=("grade",), tone="good", formula="AND(ISNUMBER({self}),{self}>=0.7)"
                ),
            ),
            freeze_columns=2,
        ),
        Sheet(
            id="key_results",
            title="Key results",
            note="Two to five key results per objective: outcomes, not tasks. Progress is "
            "calculated; confidence each week (1-10); a grade (0.0-1.0) at the quarter's end.",
            columns=(
                Column(
                    key="objective",
                    header="Objective ID",
                    width=11,
                    type="choice",
                    validation=Validation(
                        kind="list",
                        source="{objectives.id:all}",
                        message="Use an ID from the Objectives sheet",
                    ),
                    note="The ID of the objective this key result measures (O1, O2, ...).",
                ),
                Column(
                    key="objective_text",
                    header="Objective",
                    width=28,
                    formula='=IF({objective}="","",IFERROR(INDEX({objectives.objective:all},'
                    'MATCH({objective},{objectives.id:all},0)),""))',
                    explain="Looked up from the Objectives sheet by its ID.",
                ),
                Column(
                    key="key_result",
                    header="Key result",
                    width=44,
                    note="A measurable outcome, written 'from X to Y'.",
                ),
                Column(key="owner", header="Owner", width=14),
                Column(key="start", header="Start", width=9, type="number"),
                Column(key="target", header="Target", width=9, type="number"),
                Column(key="current", header="Current", width=9, type="number"),
                Column(
                    key="progress",
                    header="Progress",
                    width=10,
                    type="percent",
                    formula=_progress("start", "target", "current"),
                    explain=PROGRESS_EXPLAIN,
                ),
                *_weeks(
                    "w",
                    "Conf. wk",
                    _CONFIDENCE,
                    "Each week: how confident is the owner, 1-10, that this key result will be "
                    "met? Start around 5.",
                ),
                Column(
                    key="grade",
                    header="Grade (0.0-1.0)",
                    width=13,
                    type="number",
                    number_format="0.0",
                    validation=Validation(
                        kind="decimal", minimum=0, maximum=1, message="A grade from 0.0 to 1.0"
                    ),
                    note="At the end of the quarter: 0.0 to 1.0. For aspirational key results "
                    "0.7 is a good result.",
                ),
                Column(key="notes", header="Notes", width=30),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            objective="O1",
                            key_result="Raise the activation rate from 35% to 50%",
                            owner="Onboarding lead",
                            start=35,
                            target=50,
                            current=41,
                            w1=5,
                            w2=6,
                            w3=6,
                        ),
                        row(
                            objective="O1",
                            key_result="Cut the time to first value from 5 days to 2 days",
                            owner="Product manager",
                            start=5,
                            target=2,
                            current=4,
                            w1=5,
                            w2=5,
                            w3=4,
                        ),
                        row(
                            objective="O1",
                            key_result="Lift onboarding satisfaction from 4.1 to 4.5 out of 5",
                            owner="Support lead",
                            start=4.1,
                            target=4.5,
                            current=4.3,
                            w1=6,
                            w2=7,
                            w3=7,
                        ),
                    ),
                    prefill=Prefill(
                        source="key_results",
                        fields={
                            "objective": "objective_id",
                            "key_result": "key_result",
                            "start": "start",
                            "target": "target",
                        },
                        limit=5,
                    ),
                    min_rows=20,
                ),
            ),
            highlights=(
                Highlight(
                    columns=_KR_WEEKS, tone="good", formula="AND(ISNUMBER({self}),{self}>=7)"
                ),
                Highlight(
                    columns=_KR_WEEKS,
                    tone="warn",
                    formula="AND(ISNUMBER({self}),{self}>=4,{self}<7)",
                ),
                Highlight(columns=_KR_WEEKS, tone="bad", formula="AND(ISNUMBER({self}),{self}<4)"),
                Highlight(
                    columns=("grade",), tone="good", formula="AND(ISNUMBER({self}),{self}>=0.7)"
                ),
                Highlight(
                    columns=("grade",), tone="bad", formula="AND(ISNUMBER({self}),{self}<0.4)"
                ),
            ),
            freeze_columns=3,
        ),
    ),
)

# -- 2. KPI dashboard ------------------------------------------------------------------------

KPI_STATUS = (
    '=IF(OR({target}="",{actual}=""),"",IF({direction}="Lower is better",'
    'IF({actual}<={target},"On track",IF({actual}<={target}+ABS({target})*{band},"At risk",'
    '"Off track")),IF({actual}>={target},"On track",IF({actual}>={target}-ABS({target})*{band},'
    '"At risk","Off track"))))'
)

KPI_DASHBOARD = Template(
    id="kpi-dashboard",
    title="KPI dashboard",
    frameworks=("kpi", "okr_kpi_hybrid"),
    summary="Key performance indicators with owners, targets, actuals and a calculated status.",
    guidance=(
        "One row per KPI: a metric that shows the health of the business, with one owner. Tag "
        "it leading (it predicts results and you can act on it) or lagging (it reports results), "
        "strategic or operational, and say how often it is reviewed.",
        "Type the target and the latest actual as numbers, and say whether higher or lower is "
        "better. The status is calculated: On track when the target is met, At risk within the "
        "at-risk band (10% of the target unless you change it), Off track beyond it.",
        "Keep the dashboard short: the few numbers leaders review every week or month. KPIs "
        "watch what must stay healthy; use OKRs for what must change.",
    ),
    sheets=(
        Sheet(
            id="kpis",
            title="KPIs",
            note="Numbers in Target and Actual drive the status; the target as written is for "
            "people.",
            columns=(
                Column(key="kpi", header="KPI", width=28),
                Column(key="definition", header="Definition", width=40),
                Column(key="owner", header="Owner", width=16),
                Column(
                    key="indicator",
                    header="Leading or lagging",
                    width=12,
                    type="choice",
                    options=("Leading", "Lagging"),
                    note="Leading: predicts results and can be acted on. Lagging: reports them.",
                ),
                Column(
                    key="level",
                    header="Level",
                    width=12,
                    type="choice",
                    options=("Strategic", "Operational"),
                ),
                Column(
                    key="frequency",
                    header="Review",
                    width=11,
                    type="choice",
                    options=("Daily", "Weekly", "Monthly", "Quarterly", "Annual"),
                ),
                Column(
                    key="direction",
                    header="Direction",
                    width=16,
                    type="choice",
                    options=(HIGHER, LOWER),
                    note="Empty counts as higher is better.",
                ),
                Column(key="target_text", header="Target (as written)", width=20),
                Column(
                    key="target",
                    header="Target",
                    width=10,
                    type="number",
                    note="The target as a number, for the status.",
                ),
                Column(key="actual", header="Actual", width=10, type="number"),
                Column(
                    key="band",
                    header="At-risk band",
                    width=10,
                    type="percent",
                    default=0.1,
                    validation=Validation(
                        kind="decimal", minimum=0, maximum=1, message="A share from 0% to 100%"
                    ),
                    note="How far from the target still counts as At risk rather than Off track.",
                ),
                Column(
                    key="status",
                    header="Status",
                    width=11,
                    formula=KPI_STATUS,
                    explain="On track when the actual meets the target (at or above it, or at "
                    "or below it when lower is better); At risk when it misses by no more than "
                    "the at-risk band; Off track otherwise.",
                ),
                Column(key="updated", header="Last updated", width=12, type="date"),
                Column(key="notes", header="Notes", width=30),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            kpi="Net revenue retention (%)",
                            definition="Revenue this month from customers who were paying a "
                            "year ago, as a share of their revenue then",
                            owner="CFO",
                            indicator="Lagging",
                            level="Strategic",
                            frequency="Monthly",
                            direction=HIGHER,
                            target_text="105% or more",
                            target=105,
                            actual=107,
                            updated=QUARTER_END,
                        ),
                        row(
                            kpi="First response time (hours)",
                            definition="Median hours from a support request to the first reply",
                            owner="Support lead",
                            indicator="Leading",
                            level="Operational",
                            frequency="Weekly",
                            direction=LOWER,
                            target_text="4 hours or less",
                            target=4,
                            actual=4.3,
                            updated=QUARTER_END,
                        ),
                        row(
                            kpi="Weekly active accounts",
                            definition="Accounts with at least one user active in the week",
                            owner="Head of Product",
                            indicator="Leading",
                            level="Strategic",
                            frequency="Weekly",
                            direction=HIGHER,
                            target_text="500 or more",
                            target=500,
                            actual=410,
                            updated=QUARTER_END,
                        ),
                    ),
                    prefill=Prefill(
                        source="kpis",
                        fields={
                            "kpi": "name",
                            "definition": "definition",
                            "indicator": "indicator",
                            "level": "level",
                            "frequency": "frequency",
                            "direction": "direction",
                            "target_text": "target",
                        },
                        limit=15,
                    ),
                    min_rows=15,
                ),
            ),
            highlights=_status_highlights("status"),
            freeze_columns=1,
        ),
    ),
)

# -- 3. MBO tracker --------------------------------------------------------------------------

MBO_TRACKER = Template(
    id="mbo-tracker",
    title="MBO tracker",
    frameworks=("mbo",),
    summary="Individual objectives agreed with a manager, weighted, scored and linked to a bonus.",
    guidance=(
        "Agree three to six objectives with the employee at the start of the period, each with "
        "how it is measured and a target. Give each a weight: the weights must total 100% (the "
        "Summary sheet checks).",
        "At review time, record achievement against each target (100% = target met; up to "
        "200% for overachievement). The weighted score and the bonus payout (target bonus x "
        "weighted score) are calculated.",
        "Keep the conversation about the objectives, not only the payout: Drucker's MBO is "
        "management by objectives and self-control. Add a threshold or a cap on the Summary "
        "sheet if your bonus plan has one.",
    ),
    sheets=(
        Sheet(
            id="objectives",
            title="Objectives",
            note="Weights must total 100%; achievement is typed at review time (100% = target "
            "met).",
            columns=(
                Column(key="objective", header="Objective", width=40),
                Column(key="measure", header="How it is measured", width=30),
                Column(key="target", header="Target", width=18),
                Column(
                    key="weight",
                    header="Weight",
                    width=9,
                    type="percent",
                    validation=Validation(
                        kind="decimal",
                        minimum=0,
                        maximum=1,
                        message="A weight from 0% to 100%; all weights total 100%",
                    ),
                    note="Share of the bonus this objective carries; the weights total 100%.",
                ),
                Column(
                    key="achievement",
                    header="Achievement",
                    width=12,
                    type="percent",
                    validation=Validation(
                        kind="decimal",
                        minimum=0,
                        maximum=2,
                        message="Achievement from 0% to 200% (100% = target met)",
                    ),
                    note="At review: 100% = target met, up to 200% for overachievement.",
                ),
                Column(
                    key="weighted",
                    header="Weighted score",
                    width=13,
                    type="percent",
                    formula='=IF(OR({weight}="",{achievement}=""),"",{weight}*{achievement})',
                    explain="Weight x achievement.",
                ),
                Column(key="evidence", header="Evidence and review notes", width=36),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            objective="Win new business in the northern region",
                            measure="New annual contract value signed",
                            target="600,000",
                            weight=0.4,
                            achievement=1.1,
                        ),
                        row(
                            objective="Make the sales forecast dependable",
                            measure="Forecast accuracy at the start of each month",
                            target="90% or better",
                            weight=0.3,
                            achievement=0.9,
                        ),
                        row(
                            objective="Bring two new account executives up to speed",
                            measure="New hires reaching full quota within 6 months",
                            target="2 of 2",
                            weight=0.3,
                            achievement=1.0,
                        ),
                    ),
                    prefill=Prefill(
                        source="okrs",
                        fields={
                            "objective": "objective",
                            "measure": "first_kr",
                            "weight": "weight",
                        },
                        limit=4,
                    ),
                    min_rows=6,
                ),
            ),
            highlights=(
                Highlight(
                    columns=("achievement",), tone="good", formula="AND(ISNUMBER({self}),{self}>=1)"
                ),
            ),
            freeze_columns=1,
        ),
        Sheet(
            id="summary",
            title="Summary",
            note="Type the names, the period and the target bonus; the rest is calculated.",
            columns=(
                Column(key="item", header="Item", width=22),
                Column(key="value", header="Value", width=26),
                Column(key="about", header="About", width=64),
            ),
            sections=(
                Section(
                    rows=(
                        row("employee", item="Employee"),
                        row("manager", item="Manager"),
                        row("period_end", {"value": "yyyy-mm-dd"}, item="Period ends"),
                        row(
                            "target_bonus",
                            {"value": "#,##0"},
                            item="Target bonus",
                            about="The bonus paid when the weighted score is 100% (any currency).",
                        ),
                        row(
                            "total_weight",
                            {"value": "0%"},
                            item="Total weight",
                            value=Formula("=SUM({objectives.weight:all})"),
                            about="The sum of the objectives' weights: it must be 100%.",
                        ),
                        row(
                            "weights_check",
                            item="Weights check",
                            value=Formula(
                                '=IF(ROUND({value@total_weight},4)=1,"OK: weights total 100%",'
                                '"Weights total "&ROUND({value@total_weight}*100,1)&"%: make '
                                'them 100%")'
                            ),
                            about="OK when the weights total 100%.",
                        ),
                        row(
                            "weighted_score",
                            {"value": "0%"},
                            item="Weighted score",
                            value=Formula("=SUM({objectives.weighted:all})"),
                            about="The sum of weight x achievement over the objectives.",
                        ),
                        row(
                            "payout",
                            {"value": "#,##0"},
                            item="Bonus payout",
                            value=Formula(
                                '=IF({value@target_bonus}="","",'
                                "{value@target_bonus}*{value@weighted_score})"
                            ),
                            about="Target bonus x weighted score. Add a threshold or a cap "
                            "here if your bonus plan has one.",
                        ),
                    ),
                    example=(
                        row(value="Sam Rivera"),
                        row(value="Alex Chen"),
                        row(value=YEAR_END),
                        row(value=10000),
                    ),
                ),
            ),
            highlights=(
                Highlight(
                    columns=("value",),
                    row="weights_check",
                    tone="good",
                    formula='LEFT({self},2)="OK"',
                ),
                Highlight(
                    columns=("value",),
                    row="weights_check",
                    tone="bad",
                    formula='LEFT({self},2)<>"OK"',
                ),
            ),
        ),
    ),
)

# -- 4. SMART goal worksheet -----------------------------------------------------------------

SMART_CHECK = (
    '=IF({goal}="","",IF(COUNTA({specific}:{deadline})=5,"SMART",'
    '"Missing "&(5-COUNTA({specific}:{deadline}))&" of 5"))'
)

SMART_WORKSHEET = Template(
    id="smart-worksheet",
    title="SMART goal worksheet",
    frameworks=("smart",),
    summary="Turn a rough goal into one that is specific, measurable, achievable, relevant and "
    "time-bound.",
    guidance=(
        "Write the goal as you would say it, then answer the five questions on its row: what "
        "exactly (Specific), how you will know (Measurable), why it is within reach "
        "(Achievable), what it serves (Relevant) and by when (Time-bound).",
        "The SMART check counts the five answers. When all five are there, rewrite the goal as "
        "one sentence in the last column: that is the goal you share.",
        "SMART makes a goal clear; it does not make it ambitious or aligned. Check that the goal "
        "serves a team or company objective, and set a stretch where it matters.",
    ),
    sheets=(
        Sheet(
            id="goals",
            title="Goals",
            note="One goal per row; the check shows what is still missing.",
            columns=(
                Column(key="goal", header="Goal (first draft)", width=30),
                Column(
                    key="specific",
                    header="Specific: what exactly, who",
                    width=30,
                    note="What exactly will be achieved, and who is involved?",
                ),
                Column(
                    key="measurable",
                    header="Measurable: metric, from X to Y",
                    width=30,
                    note="Which number shows it is done: its value now and the target.",
                ),
                Column(
                    key="achievable",
                    header="Achievable: why within reach",
                    width=26,
                    note="The people, time and budget that make it possible.",
                ),
                Column(
                    key="relevant",
                    header="Relevant: what it serves",
                    width=26,
                    note="The team or company objective it supports.",
                ),
                Column(key="deadline", header="Time-bound: deadline", width=13, type="date"),
                Column(key="owner", header="Owner", width=14),
                Column(
                    key="check",
                    header="SMART check",
                    width=13,
                    formula=SMART_CHECK,
                    explain="SMART when all five answers are filled in; otherwise how many are "
                    "missing.",
                ),
                Column(key="statement", header="SMART goal (final wording)", width=50),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            goal="Improve customer onboarding",
                            specific="Shorten set-up for new self-serve accounts with a guided "
                            "checklist",
                            measurable="Median days from sign-up to first report: from 5 to 2",
                            achievable="Two engineers for six weeks; the checklist is already "
                            "prototyped",
                            relevant="Serves this year's goal of raising net revenue retention",
                            deadline=QUARTER_END,
                            owner="Product manager",
                            statement="By the end of the quarter, new self-serve accounts reach "
                            "their first report in 2 days (median), down from 5, thanks to a "
                            "guided set-up checklist.",
                        ),
                    ),
                    prefill=Prefill(
                        source="okrs",
                        fields={"goal": "objective", "measurable": "first_kr"},
                        limit=5,
                    ),
                    min_rows=8,
                ),
            ),
            highlights=(
                Highlight(columns=("check",), tone="good", equals="SMART"),
                Highlight(columns=("check",), tone="warn", formula='LEFT({self},7)="Missing"'),
            ),
            freeze_columns=1,
        ),
        Sheet(
            id="guide",
            title="Guide",
            note="What each letter asks, with a weak and a strong answer.",
            columns=(
                Column(key="letter", header="Letter", width=8),
                Column(key="means", header="Means", width=14),
                Column(key="ask", header="Ask yourself", width=46),
                Column(key="weak", header="Weak", width=30),
                Column(key="strong", header="Strong", width=44),
            ),
            sections=(
                Section(
                    rows=(
                        row(
                            letter="S",
                            means="Specific",
                            ask="What exactly will be achieved, by whom, where?",
                            weak="Improve onboarding",
                            strong="Shorten set-up for new self-serve accounts",
                        ),
                        row(
                            letter="M",
                            means="Measurable",
                            ask="Which number shows progress, and what is it now?",
                            weak="Faster onboarding",
                            strong="Median days to first report: from 5 to 2",
                        ),
                        row(
                            letter="A",
                            means="Achievable",
                            ask="Do we have the people, time and budget?",
                            weak="We will work harder",
                            strong="Two engineers for six weeks; prototype exists",
                        ),
                        row(
                            letter="R",
                            means="Relevant",
                            ask="Which objective does it serve? Why now?",
                            weak="Because onboarding matters",
                            strong="Raises net revenue retention, this year's goal",
                        ),
                        row(
                            letter="T",
                            means="Time-bound",
                            ask="By when? When do we check progress?",
                            weak="Soon",
                            strong="By the end of the quarter, checked every two weeks",
                        ),
                    )
                ),
            ),
        ),
    ),
)

# -- 5. Balanced Scorecard -------------------------------------------------------------------

_BSC_EXAMPLE = {
    "Financial": row(
        objective="Grow recurring revenue profitably",
        measure="Annual recurring revenue growth",
        target="30% year on year",
        initiative="Launch the annual plan with a discount",
        owner="CFO",
        status="On track",
    ),
    "Customer": row(
        objective="Be the easiest supplier to work with",
        measure="Net Promoter Score",
        target="50 or more",
        initiative="Named account manager for the top 50 accounts",
        owner="Head of Customer Success",
        status="At risk",
    ),
    "Internal Process": row(
        objective="Deliver orders right first time",
        measure="Orders shipped without errors",
        target="99% or more",
        initiative="Barcode scanning at packing",
        owner="Head of Operations",
        status="On track",
    ),
    "Learning & Growth": row(
        objective="Build the skills our strategy needs",
        measure="Staff certified in the new platform",
        target="80% by year end",
        initiative="Certification programme with protected learning time",
        owner="Head of People",
        status="Off track",
    ),
}

BALANCED_SCORECARD = Template(
    id="balanced-scorecard",
    title="Balanced Scorecard",
    frameworks=("bsc",),
    summary="Strategy in four perspectives: objectives, measures, targets and initiatives.",
    guidance=(
        "Work top-down through the four perspectives (Kaplan & Norton): what the owners expect "
        "(Financial), what customers must experience (Customer), the processes you must excel "
        "at (Internal Process), and the people, skills and systems that make it possible "
        "(Learning & Growth).",
        "For each perspective choose two to four strategic objectives, one measure per "
        "objective with a target, and the initiative that will move it. Link them: learning "
        "enables processes, processes serve customers, customers drive the financials.",
        "Review the scorecard monthly or quarterly with the leadership team and set each row's "
        "status. Prefilled measures are placed in a suggested perspective: move them if needed.",
    ),
    sheets=(
        Sheet(
            id="scorecard",
            title="Scorecard",
            note="Two to four objectives per perspective, each with a measure, a target and an "
            "initiative.",
            columns=(
                Column(
                    key="perspective",
                    header="Perspective",
                    width=18,
                    type="choice",
                    options=PERSPECTIVES,
                ),
                Column(key="objective", header="Strategic objective", width=34),
                Column(key="measure", header="Measure", width=30),
                Column(key="target", header="Target", width=18),
                Column(key="initiative", header="Initiative", width=36),
                Column(key="owner", header="Owner", width=18),
                Column(key="status", header="Status", width=11, type="choice", options=STATUSES),
                Column(key="notes", header="Notes", width=28),
            ),
            sections=tuple(
                Section(
                    name=name,
                    example=(_BSC_EXAMPLE[name],),
                    prefill=Prefill(
                        source="kpis",
                        fields={"measure": "name", "target": "target"},
                        where={"perspective": name},
                        limit=4,
                    ),
                    min_rows=3,
                )
                for name in PERSPECTIVES
            ),
            section_column="perspective",
            highlights=_status_highlights("status"),
            freeze_columns=2,
        ),
        Sheet(
            id="perspectives",
            title="Perspectives",
            note="The question each perspective answers (Kaplan & Norton, 1996) and typical "
            "measures.",
            columns=(
                Column(key="perspective", header="Perspective", width=18),
                Column(key="question", header="The question it answers", width=60),
                Column(key="measures", header="Typical measures", width=60),
            ),
            sections=(
                Section(
                    rows=(
                        row(
                            perspective="Financial",
                            question="To succeed financially, how should we appear to our "
                            "shareholders?",
                            measures="Revenue growth, gross margin, operating cash flow, return "
                            "on capital",
                        ),
                        row(
                            perspective="Customer",
                            question="To achieve our vision, how should we appear to our "
                            "customers?",
                            measures="Net Promoter Score, retention, share of wallet, on-time "
                            "delivery",
                        ),
                        row(
                            perspective="Internal Process",
                            question="To satisfy our shareholders and customers, what business "
                            "processes must we excel at?",
                            measures="Cycle time, first-time quality, cost per unit, "
                            "time to market",
                        ),
                        row(
                            perspective="Learning & Growth",
                            question="To achieve our vision, how will we sustain our ability to "
                            "change and improve?",
                            measures="Skills coverage, employee engagement, key-role retention, "
                            "systems availability",
                        ),
                    )
                ),
            ),
        ),
    ),
)

# -- 6. V2MOM planner ------------------------------------------------------------------------

_V2MOM_SECTIONS = (
    ("Vision", 1, "What do you want to achieve? One or two sentences."),
    ("Values", 3, "The principles and beliefs that guide the way there, most important first."),
    ("Methods", 4, "The actions and steps that get you there, in priority order."),
    ("Obstacles", 3, "What could stop you, and which method it threatens."),
    ("Measures", 4, "How you will know you succeeded: a number and a target per method."),
)
_V2MOM_EXAMPLE = {
    "Vision": (
        row(item="Be the reporting tool mid-sized retailers recommend to their peers", owner="CEO"),
    ),
    "Values": (
        row(item="Customers first: every decision starts with their problem"),
        row(item="Ship small, learn fast"),
        row(item="Say what you think, with care"),
    ),
    "Methods": (
        row(item="Make set-up self-serve in one afternoon", owner="Head of Product"),
        row(item="Build a partner channel with retail consultants", owner="Head of Sales"),
        row(item="Publish a benchmark report every quarter", owner="Head of Marketing"),
    ),
    "Obstacles": (
        row(item="Data imports break on unusual shop systems", method=1),
        row(item="Partners expect a margin we have not priced in", method=2),
    ),
    "Measures": (
        row(item="Median set-up time under 4 hours", method=1, due="Q2"),
        row(item="20 active partners bringing 25% of new customers", method=2, due="Q4"),
        row(item="5,000 downloads per benchmark report", method=3, due="Each quarter"),
    ),
}
_V2MOM_PREFILL = {
    "Methods": Prefill(source="okrs", fields={"item": "objective"}, limit=4),
    "Measures": Prefill(source="kpis", fields={"item": "name_target"}, limit=4),
}

V2MOM_PLANNER = Template(
    id="v2mom-planner",
    title="V2MOM planner",
    frameworks=("v2mom",),
    summary="Vision, values, methods, obstacles and measures for the year, and the quarterly "
    "commitments that carry them out.",
    guidance=(
        "Write the annual V2MOM top-down (Benioff's order): the vision, the values that guide "
        "it, the methods in priority order, the obstacles in the way, and a measure for each "
        "method. Obstacles and measures name the method (#) they belong to.",
        "Share it: at Salesforce every V2MOM is visible to everyone, and each team writes its "
        "own aligned to the one above.",
        "Each quarter, turn the methods into commitments on the Quarterly sheet with a measure, "
        "a target and a status, and revisit the annual V2MOM if the world has changed.",
    ),
    sheets=(
        Sheet(
            id="annual",
            title="Annual",
            note="Top-down: vision, values, methods (in priority order), obstacles, measures.",
            columns=(
                Column(
                    key="section",
                    header="Part",
                    width=11,
                    type="choice",
                    options=tuple(name for name, _, _ in _V2MOM_SECTIONS),
                ),
                Column(key="number", header="#", width=5, type="number", number_format="0"),
                Column(key="item", header="Entry", width=60),
                Column(
                    key="method",
                    header="For method #",
                    width=10,
                    type="number",
                    number_format="0",
                    note="For obstacles and measures: the number of the method they concern.",
                ),
                Column(key="owner", header="Owner", width=18),
                Column(key="due", header="Target or due", width=16),
                Column(key="prompt", header="Guidance", width=48),
            ),
            sections=tuple(
                Section(
                    name=name,
                    rows=tuple(
                        row(number=number, prompt=prompt if number == 1 else "")
                        for number in range(1, count + 1)
                    ),
                    example=_V2MOM_EXAMPLE[name],
                    prefill=_V2MOM_PREFILL.get(name),
                )
                for name, count, prompt in _V2MOM_SECTIONS
            ),
            section_column="section",
            freeze_columns=2,
        ),
        Sheet(
            id="quarterly",
            title="Quarterly",
            note="Each quarter: what you commit to for each method, with a measure and a target.",
            columns=(
                Column(
                    key="quarter",
                    header="Quarter",
                    width=9,
                    type="choice",
                    options=("Q1", "Q2", "Q3", "Q4"),
                ),
                Column(key="method", header="Method #", width=9, type="number", number_format="0"),
                Column(key="commitment", header="Commitment", width=44),
                Column(key="measure", header="Measure", width=30),
                Column(key="owner", header="Owner", width=16),
                Column(key="target", header="Target", width=10, type="number"),
                Column(key="actual", header="Actual", width=10, type="number"),
                Column(
                    key="progress",
                    header="Progress",
                    width=10,
                    type="percent",
                    formula='=IF(OR({target}="",{actual}="",{target}=0),"",{actual}/{target})',
                    explain="Actual / target.",
                ),
                Column(key="status", header="Status", width=11, type="choice", options=STATUSES),
            ),
            sections=tuple(
                Section(
                    name=quarter,
                    example=(
                        (
                            row(
                                method=1,
                                commitment="Ship the guided set-up checklist",
                                measure="Median set-up time (hours)",
                                owner="Head of Product",
                                target=6,
                                actual=5,
                                status="On track",
                            ),
                            row(
                                method=2,
                                commitment="Sign the first five retail consultants",
                                measure="Partners signed",
                                owner="Head of Sales",
                                target=5,
                                actual=3,
                                status="At risk",
                            ),
                        )
                        if quarter == "Q1"
                        else ()
                    ),
                    min_rows=3,
                )
                for quarter in ("Q1", "Q2", "Q3", "Q4")
            ),
            section_column="quarter",
            highlights=_status_highlights("status"),
            freeze_columns=1,
        ),
    ),
)

# -- 7. 4DX tracker --------------------------------------------------------------------------

WIG_STATEMENT = (
    '=IF(OR({wig}="",{from}="",{to}="",{by_when}=""),"",{wig}&": from "&{from}&" to "&{to}'
    '&" by "&YEAR({by_when})&"-"&TEXT(MONTH({by_when}),"00")&"-"&TEXT(DAY({by_when}),"00"))'
)
_SCORE_WEEKS = tuple(f"w{week}" for week in range(1, WEEKS + 1))
_MET = 'COUNTIF({w1}:{w13},">="&{weekly_target})'

FOUR_DX_TRACKER = Template(
    id="4dx-tracker",
    title="4DX tracker",
    frameworks=("4dx",),
    summary="A Wildly Important Goal, the lead measures that drive it, a weekly scoreboard and "
    "the team's weekly commitments.",
    guidance=(
        "Discipline 1: choose one Wildly Important Goal (at most two per team) and write it "
        "'from X to Y by when' on the WIG sheet. Its lag measure is the result you want.",
        "Discipline 2: pick two or three lead measures: actions the team controls that predict "
        "the lag measure. Give each a weekly target on the Scoreboard sheet.",
        "Discipline 3: keep the scoreboard: type each week's result; cells turn green when the "
        "weekly target is met, and the hit rate shows how often it was.",
        "Discipline 4: hold a 20-30 minute WIG session every week: each person reports last "
        "week's commitments, reviews the scoreboard and makes one or two new commitments "
        "(Commitments sheet).",
    ),
    sheets=(
        Sheet(
            id="wig",
            title="WIG",
            note="One Wildly Important Goal, two at most: from X to Y by when.",
            columns=(
                Column(key="id", header="ID", width=6),
                Column(key="wig", header="Wildly Important Goal", width=34),
                Column(key="lag", header="Lag measure", width=28),
                Column(key="from", header="From (X)", width=10, type="number"),
                Column(key="to", header="To (Y)", width=10, type="number"),
                Column(key="by_when", header="By when", width=12, type="date"),
                Column(key="current", header="Current", width=10, type="number"),
                Column(
                    key="progress",
                    header="Progress",
                    width=10,
                    type="percent",
                    formula=_progress("from", "to", "current"),
                    explain=PROGRESS_EXPLAIN.replace("start", "X").replace("target", "Y"),
                ),
                Column(
                    key="statement",
                    header="From X to Y by when",
                    width=56,
                    formula=WIG_STATEMENT,
                    explain="The goal written the 4DX way, from the cells on its row.",
                ),
                Column(key="owner", header="Owner", width=16),
            ),
            sections=(
                Section(
                    rows=(row(id="W1"), row(id="W2")),
                    example=(
                        row(
                            wig="Raise the repeat purchase rate",
                            lag="Customers buying again within 90 days (%)",
                            **{"from": 22, "to": 30},
                            by_when=RelativeDate(offset=1),
                            current=25,
                            owner="Head of E-commerce",
                        ),
                    ),
                    prefill=Prefill(
                        source="okrs",
                        fields={
                            "wig": "objective",
                            "lag": "first_kr",
                            "from": "first_start",
                            "to": "first_target",
                        },
                        limit=1,
                    ),
                ),
            ),
        ),
        Sheet(
            id="scoreboard",
            title="Scoreboard",
            note="Lead measures with a weekly target; type each week's result (13 weeks).",
            columns=(
                Column(
                    key="wig",
                    header="WIG",
                    width=6,
                    type="choice",
                    validation=Validation(
                        kind="list", source="{wig.id:all}", message="Use an ID from the WIG sheet"
                    ),
                ),
                Column(
                    key="lead",
                    header="Lead measure",
                    width=36,
                    note="An action the team controls that predicts the lag measure.",
                ),
                Column(key="owner", header="Owner", width=14),
                Column(key="weekly_target", header="Weekly target", width=10, type="number"),
                *_weeks(
                    "w",
                    "Wk",
                    Validation(kind="decimal", minimum=0, message="A number, 0 or more"),
                    "This week's result; green when it meets the weekly target.",
                ),
                Column(
                    key="met",
                    header="Weeks met",
                    width=9,
                    type="number",
                    number_format="0",
                    formula=f'=IF(OR({{lead}}="",{{weekly_target}}=""),"",{_MET})',
                    explain="Weeks whose result reached the weekly target.",
                ),
                Column(
                    key="hit_rate",
                    header="Hit rate",
                    width=9,
                    type="percent",
                    formula=f'=IF(OR({{weekly_target}}="",COUNT({{w1}}:{{w13}})=0),"",'
                    f"{_MET}/COUNT({{w1}}:{{w13}}))",
                    explain="Weeks met / weeks with a result.",
                ),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            wig="W1",
                            lead="Personal follow-up calls to first-time buyers",
                            owner="Service team",
                            weekly_target=40,
                            w1=42,
                            w2=35,
                            w3=44,
                        ),
                        row(
                            wig="W1",
                            lead="Tailored reorder reminders sent",
                            owner="Marketing",
                            weekly_target=200,
                            w1=180,
                            w2=210,
                            w3=230,
                        ),
                    ),
                    prefill=Prefill(
                        source="kpis",
                        fields={"lead": "name"},
                        where={"indicator": "Leading"},
                        constants={"wig": "W1"},
                        limit=4,
                    ),
                    min_rows=6,
                ),
            ),
            highlights=(
                Highlight(
                    columns=_SCORE_WEEKS,
                    tone="good",
                    formula='AND(ISNUMBER({self}),{weekly_target}<>"",{self}>={weekly_target})',
                ),
                Highlight(
                    columns=_SCORE_WEEKS,
                    tone="bad",
                    formula='AND(ISNUMBER({self}),{weekly_target}<>"",{self}<{weekly_target})',
                ),
            ),
            freeze_columns=2,
        ),
        Sheet(
            id="commitments",
            title="Commitments",
            note="The weekly WIG session: each person's one or two commitments, and whether "
            "they were kept.",
            columns=(
                Column(
                    key="week",
                    header="Week",
                    width=7,
                    type="number",
                    number_format="0",
                    validation=Validation(
                        kind="whole", minimum=1, maximum=WEEKS, message=f"A week from 1 to {WEEKS}"
                    ),
                ),
                Column(key="person", header="Person", width=16),
                Column(key="commitment", header="Commitment for the week", width=48),
                Column(key="lead", header="Lead measure it moves", width=30),
                Column(
                    key="done",
                    header="Kept?",
                    width=8,
                    type="choice",
                    options=("Yes", "Partly", "No"),
                ),
                Column(key="notes", header="Notes", width=30),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            week=1,
                            person="Jo",
                            commitment="Call the 15 first-time buyers from the weekend sale",
                            lead="Personal follow-up calls to first-time buyers",
                            done="Yes",
                        ),
                        row(
                            week=1,
                            person="Priya",
                            commitment="Set up the reorder reminder for pet food buyers",
                            lead="Tailored reorder reminders sent",
                            done="Partly",
                        ),
                    ),
                    min_rows=15,
                ),
            ),
            highlights=_status_highlights("done", good="Yes", warn="Partly", bad="No"),
        ),
    ),
)

# -- 8. North Star Metric discovery canvas ---------------------------------------------------

_CANVAS = (
    (
        "Customer value",
        "What do customers come to the product for? Finish: customers come to us to ...",
        "See their shop's numbers in one place and act on them without building reports",
    ),
    (
        "The game",
        "Which game is the product playing: attention (time spent), transaction (purchases) or "
        "productivity (work done well and fast)?",
        "Productivity: customers win when they spend less time on reporting",
    ),
    (
        "North Star Metric",
        "The one number that best captures the value customers get.",
        "Weekly active teams that share at least one report",
    ),
    (
        "Definition",
        "How it is counted exactly: which accounts, which event, which time window.",
        "Paying accounts where 2 or more people opened a shared report in the last 7 days",
    ),
    (
        "Why it predicts revenue",
        "Why a rise in this number leads to revenue and retention later.",
        "Teams that share reports renew at twice the rate of single users",
    ),
    (
        "Current and target",
        "Where it stands now, and where you want it, by when.",
        "1,200 teams now; 2,000 by the end of next quarter",
    ),
    (
        "Counter-metrics",
        "What must not get worse while you push it (quality, churn, support load).",
        "Report errors per 1,000 reports; support tickets per active team",
    ),
    (
        "Owner and review",
        "Who owns it, and which meeting reviews it how often.",
        "Head of Product; the weekly product review and the monthly leadership meeting",
    ),
)
_CRITERIA = (
    ("value", "Expresses customer value"),
    ("predicts", "Predicts revenue"),
    ("measurable", "Measurable today"),
    ("actionable", "Teams can move it"),
    ("not_vanity", "Not a vanity metric"),
)
_SCORE_1_5 = Validation(kind="whole", minimum=1, maximum=5, message="A score from 1 to 5")

NORTH_STAR_CANVAS = Template(
    id="north-star-canvas",
    title="North Star Metric discovery canvas",
    frameworks=("north_star",),
    summary="Find the one metric that captures the value customers get, and the inputs that "
    "move it.",
    guidance=(
        "Start with the value customers get and the game the product plays (Amplitude's North "
        "Star Playbook: attention, transaction or productivity). Then list candidate metrics on "
        "the Candidates sheet and score each from 1 to 5 on five tests: the highest total is "
        "your first choice.",
        "Write the chosen metric on the Canvas with its exact definition, why it predicts "
        "revenue, and the counter-metrics that must not suffer.",
        "Break the North Star into three to five input metrics the teams can move (breadth, "
        "depth, frequency, efficiency) and give each an owner. Review the North Star weekly, "
        "and revisit the choice once a year.",
    ),
    sheets=(
        Sheet(
            id="canvas",
            title="Canvas",
            note="Answer each prompt in the Answer column.",
            columns=(
                Column(key="part", header="Part", width=22),
                Column(key="prompt", header="Prompt", width=56),
                Column(key="answer", header="Answer", width=64),
            ),
            sections=(
                Section(
                    rows=tuple(row(part=part, prompt=prompt) for part, prompt, _ in _CANVAS),
                    example=tuple(row(answer=answer) for _, _, answer in _CANVAS),
                ),
            ),
        ),
        Sheet(
            id="candidates",
            title="Candidates",
            note="Score each candidate from 1 (poor) to 5 (strong) on the five tests.",
            columns=(
                Column(key="candidate", header="Candidate metric", width=36),
                *(
                    Column(
                        key=key,
                        header=header,
                        width=12,
                        type="number",
                        number_format="0",
                        validation=_SCORE_1_5,
                    )
                    for key, header in _CRITERIA
                ),
                Column(
                    key="score",
                    header="Score (of 25)",
                    width=10,
                    type="number",
                    number_format="0",
                    formula='=IF({candidate}="","",IF(COUNT({value}:{not_vanity})=0,"",'
                    "SUM({value}:{not_vanity})))",
                    explain="The sum of the five scores, out of 25.",
                ),
                Column(
                    key="rank",
                    header="Rank",
                    width=7,
                    type="number",
                    number_format="0",
                    formula='=IF(ISNUMBER({score}),RANK({score},{score:all}),"")',
                    explain="1 is the strongest candidate.",
                ),
                Column(key="notes", header="Notes", width=30),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            candidate="Weekly active teams sharing a report",
                            value=5,
                            predicts=5,
                            measurable=4,
                            actionable=4,
                            not_vanity=5,
                        ),
                        row(
                            candidate="Sign-ups",
                            value=2,
                            predicts=2,
                            measurable=5,
                            actionable=4,
                            not_vanity=1,
                        ),
                        row(
                            candidate="Monthly recurring revenue",
                            value=3,
                            predicts=2,
                            measurable=5,
                            actionable=2,
                            not_vanity=4,
                        ),
                    ),
                    prefill=Prefill(source="kpis", fields={"candidate": "name"}, limit=8),
                    min_rows=8,
                ),
            ),
            highlights=(Highlight(columns=("rank",), tone="good", formula="{self}=1"),),
            freeze_columns=1,
        ),
        Sheet(
            id="inputs",
            title="Input metrics",
            note="Three to five inputs that move the North Star, each with an owner.",
            columns=(
                Column(key="metric", header="Input metric", width=36),
                Column(
                    key="kind",
                    header="Kind",
                    width=12,
                    type="choice",
                    options=("Breadth", "Depth", "Frequency", "Efficiency"),
                    note="Breadth: how many; depth: how much; frequency: how often; "
                    "efficiency: how fast.",
                ),
                Column(key="owner", header="Owner", width=16),
                Column(key="current", header="Current", width=10, type="number"),
                Column(key="target", header="Target", width=10, type="number"),
                Column(key="levers", header="Levers and experiments", width=44),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            metric="New teams activated per week",
                            kind="Breadth",
                            owner="Growth lead",
                            current=60,
                            target=90,
                            levers="Invite teammates during set-up",
                        ),
                        row(
                            metric="Reports shared per active team per week",
                            kind="Depth",
                            owner="Product manager",
                            current=3.2,
                            target=4,
                            levers="Share to chat tools in one click",
                        ),
                        row(
                            metric="Teams active 3 or more days a week (%)",
                            kind="Frequency",
                            owner="Product manager",
                            current=38,
                            target=45,
                            levers="Monday digest e-mail",
                        ),
                        row(
                            metric="Median minutes to the first shared report",
                            kind="Efficiency",
                            owner="Onboarding lead",
                            current=48,
                            target=20,
                            levers="Report templates by industry",
                        ),
                    ),
                    prefill=Prefill(
                        source="kpis",
                        fields={"metric": "name"},
                        where={"indicator": "Leading"},
                        limit=5,
                    ),
                    min_rows=5,
                ),
            ),
            freeze_columns=1,
        ),
    ),
)

# -- 9. EOS Vision/Traction Organizer --------------------------------------------------------

_VISION = (
    (
        "Core Values",
        ("Core value 1", "Core value 2", "Core value 3", "Core value 4", "Core value 5"),
    ),
    ("Core Focus", ("Purpose / cause / passion", "Niche")),
    ("10-Year Target", ("Target",)),
    (
        "Marketing Strategy",
        (
            "Target market (the list)",
            "Unique 1",
            "Unique 2",
            "Unique 3",
            "Proven process",
            "Guarantee",
        ),
    ),
    ("3-Year Picture", ("Future date", "Revenue", "Profit", "Measurables", "What it looks like")),
)
_VISION_EXAMPLE = {
    "Core Values": ("Do the right thing for the client", "Own the outcome", "Keep learning"),
    "Core Focus": ("Help small retailers see their numbers clearly", "Reporting for online shops"),
    "10-Year Target": ("10,000 paying customers",),
    "Marketing Strategy": (
        "Online retailers with 20 to 200 staff in Europe",
        "Set up in an afternoon",
        "Retail benchmarks built in",
        "A named adviser for every customer",
        "Sign up, guided set-up, first report the same day",
        "First report within 24 hours or the first month is free",
    ),
    "3-Year Picture": (
        RelativeDate(unit="year", offset=3),
        "12 million",
        "2 million",
        "3,000 customers; net revenue retention 110%",
        "Three offices, a partner network, the market's reference benchmark",
    ),
}
_TRACTION = (
    ("1-Year Plan", ("Future date", "Revenue", "Profit")),
    ("Measurables", ("Measurable 1", "Measurable 2", "Measurable 3")),
    ("Goals for the Year", ("Goal 1", "Goal 2", "Goal 3", "Goal 4", "Goal 5")),
)
_TRACTION_EXAMPLE = {
    "1-Year Plan": (YEAR_END, "5 million", "600,000"),
    "Measurables": (
        "1,400 customers",
        "Net revenue retention 105%",
        "Median set-up time under 4 hours",
    ),
    "Goals for the Year": (
        "Launch the partner programme",
        "Make set-up self-serve",
        "Hire a head of customer success",
    ),
}
_TRACTION_PREFILL = {
    "Measurables": Prefill(source="kpis", fields={"answer": "name_target"}, limit=3),
    "Goals for the Year": Prefill(source="okrs", fields={"answer": "objective"}, limit=5),
}


def _organizer_sheet(
    sheet_id: str,
    title: str,
    note: str,
    parts: tuple[tuple[str, tuple[str, ...]], ...],
    example: dict,
    prefill: dict[str, Prefill],
) -> Sheet:
    return Sheet(
        id=sheet_id,
        title=title,
        note=note,
        columns=(
            Column(key="section", header="Section", width=20),
            Column(key="item", header="Item", width=28),
            Column(key="answer", header="Answer", width=70),
        ),
        sections=tuple(
            Section(
                name=name,
                rows=tuple(row(item=item) for item in items),
                example=tuple(row(answer=answer) for answer in example.get(name, ())),
                prefill=prefill.get(name),
            )
            for name, items in parts
        ),
        section_column="section",
    )


EOS_VTO = Template(
    id="eos-vto",
    title="EOS Vision/Traction Organizer",
    frameworks=("eos",),
    summary="The vision on one page (values, focus, targets, marketing strategy, 3-year "
    "picture) and the traction to get there (1-year plan, rocks, issues).",
    guidance=(
        "The leadership team fills in the Vision sheet together (Wickman, Traction): three to "
        "seven core values, the core focus, a 10-year target, the marketing strategy and a "
        "3-year picture.",
        "The Traction sheet sets the 1-year plan: revenue, profit, measurables and three to "
        "seven goals. Each quarter, choose three to seven Rocks (90-day priorities, one owner "
        "each) on the Rocks sheet.",
        "Keep the Issues list live: in the weekly Level 10 meeting, pick the top three issues and "
        "Identify, Discuss, Solve them. Review the whole V/TO every quarter.",
    ),
    sheets=(
        _organizer_sheet(
            "vision",
            "Vision",
            "The vision side of the V/TO: agreed by the leadership team, reviewed each quarter.",
            _VISION,
            _VISION_EXAMPLE,
            {},
        ),
        _organizer_sheet(
            "traction",
            "Traction",
            "The traction side: the plan for the next year.",
            _TRACTION,
            _TRACTION_EXAMPLE,
            _TRACTION_PREFILL,
        ),
        Sheet(
            id="rocks",
            title="Rocks",
            note="Three to seven Rocks a quarter: 90-day priorities, one owner each.",
            columns=(
                Column(key="rock", header="Rock", width=44),
                Column(key="owner", header="Owner", width=16),
                Column(key="due", header="Due", width=12, type="date"),
                Column(
                    key="status",
                    header="Status",
                    width=11,
                    type="choice",
                    options=("On track", "Off track", "Done"),
                ),
                Column(key="notes", header="Notes", width=36),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            rock="Sign the first five partner agencies",
                            owner="Head of Sales",
                            due=QUARTER_END,
                            status="On track",
                        ),
                        row(
                            rock="Ship the guided set-up checklist",
                            owner="Head of Product",
                            due=QUARTER_END,
                            status="Off track",
                        ),
                        row(
                            rock="Hire the head of customer success",
                            owner="CEO",
                            due=QUARTER_END,
                            status="Done",
                        ),
                    ),
                    prefill=Prefill(source="okrs", fields={"rock": "first_kr"}, limit=5),
                    min_rows=7,
                ),
            ),
            highlights=(
                Highlight(columns=("status",), tone="good", equals="On track"),
                Highlight(columns=("status",), tone="good", equals="Done"),
                Highlight(columns=("status",), tone="bad", equals="Off track"),
            ),
        ),
        Sheet(
            id="issues",
            title="Issues",
            note="Everything in the way; in the weekly meeting pick the top three and "
            "Identify, Discuss, Solve.",
            columns=(
                Column(key="issue", header="Issue", width=48),
                Column(key="raised_by", header="Raised by", width=16),
                Column(
                    key="priority",
                    header="Priority",
                    width=9,
                    type="choice",
                    options=("1", "2", "3"),
                ),
                Column(
                    key="status",
                    header="Status",
                    width=11,
                    type="choice",
                    options=("Open", "Solved"),
                ),
                Column(key="solution", header="Solution and to-dos", width=44),
            ),
            sections=(
                Section(
                    example=(
                        row(
                            issue="Imports from one shop system keep failing",
                            raised_by="Head of Product",
                            priority="1",
                            status="Open",
                        ),
                        row(
                            issue="No one owns the partner contract template",
                            raised_by="Head of Sales",
                            priority="2",
                            status="Solved",
                            solution="Legal drafts it by Friday; Sales owns it from then on",
                        ),
                    ),
                    min_rows=10,
                ),
            ),
            highlights=(Highlight(columns=("status",), tone="good", equals="Solved"),),
        ),
    ),
)

# -- the catalog -----------------------------------------------------------------------------

TEMPLATES: dict[str, Template] = {
    template.id: template
    for template in (
        OKR_SHEET,
        KPI_DASHBOARD,
        MBO_TRACKER,
        SMART_WORKSHEET,
        BALANCED_SCORECARD,
        V2MOM_PLANNER,
        FOUR_DX_TRACKER,
        NORTH_STAR_CANVAS,
        EOS_VTO,
    )
}


def templates_for(framework_id: str) -> list[str]:
    """The templates that serve a framework (none for RACI, 7S, FAST, Hoshin Kanri)."""
    return [tid for tid, template in TEMPLATES.items() if framework_id in template.frameworks]
