"""Merge and validate knowledge: pass 1 checks the shape of every entry, pass 2 the
cross-references between them. Every problem is collected and reported at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from framework_advisor.domain.condition import Condition
from framework_advisor.domain.contract import FIXED_QUESTIONS, FRAMEWORK_IDS, STAGES
from framework_advisor.domain.examples import ExampleSet
from framework_advisor.domain.framework import Framework, Layer
from framework_advisor.domain.knowledge import GlossaryEntry, KnowledgeBase, PackInfo, Settings
from framework_advisor.domain.need import Need, Pairing
from framework_advisor.domain.question import Option, Question
from framework_advisor.domain.rule import CautionEffect, Effect, LayerEffect, Rule, WeightEffect
from framework_advisor.errors import KnowledgeBaseError
from framework_advisor.kb.conditions import ConditionParser
from framework_advisor.kb.files import SourceFiles
from framework_advisor.kb.yaml_source import KeyPath, YamlDocument, YamlSyntaxError, parse_yaml
from framework_advisor.problems import ProblemCollector, did_you_mean, one_of

SCHEMA_VERSION = 2
SCHEMA_CHANGES = (
    "schema 2 moved each rule's `reason` onto its framework effects (one reason per effect, "
    "written about that framework), gave every question a short `label`, and added needs.yaml; "
    'set `schema_version: 2` in pack.yaml once the pack follows it (README, "Knowledge packs")'
)


class KbFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str
    version: str
    schema_version: int = SCHEMA_VERSION
    settings: Settings = Settings()
    description: str = ""


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


class _Builder:
    def __init__(self) -> None:
        self.problems = ProblemCollector()
        self.name = ""
        self.version = ""
        self.settings = Settings()
        self.settings_at: Located | None = None
        self.frameworks: dict[str, Located] = {}
        self.questions: dict[str, Located] = {}
        self.rules: dict[str, Located] = {}
        self.glossary: dict[str, Located] = {}
        self.needs: dict[str, Located] = {}
        self.pairings: dict[str, Located] = {}
        self.examples: dict[str, Located] = {}
        self.packs: list[PackInfo] = []

    # pass 1 ----------------------------------------------------------------------------
    def doc(self, source: SourceFiles, name: str) -> YamlDocument | None:
        raw = source.texts.get(name)
        if raw is None:
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problems.add(source.display(name), (), f"not UTF-8 text ({exc.reason})")
            return None
        try:
            document = parse_yaml(text, source.display(name))
        except YamlSyntaxError as exc:
            self.problems.extend([exc.problem])
            return None
        self.problems.extend(document.duplicates)
        return document

    def add_source(self, source: SourceFiles) -> None:
        if source.is_pack:
            if not self._pack_header(source):
                return  # a pack for another schema: one error, not one per entry
        else:
            self._kb_header(source)
        self._entries(source, "questions.yaml", "questions", self.questions, self._question)
        self._entries(source, "rules.yaml", "rules", self.rules, self._rule)
        self._entries(source, "needs.yaml", "needs", self.needs, self._need)
        self._entries(source, "pairings.yaml", "pairings", self.pairings, self._pairing)
        self._entries(source, "glossary.yaml", "glossary", self.glossary, self._term)
        for name in sorted(n for n in source.texts if n.startswith("examples/")):
            self._examples(source, name)
        for name in sorted(n for n in source.texts if n.startswith("frameworks/")):
            doc = self.doc(source, name)
            if doc is None:
                continue
            framework = self.problems.convert(doc, (), doc.data, Framework)
            if framework is None:
                continue
            stem = Path(name).stem
            if framework.id != stem:
                self.problems.add(
                    doc, ("id",), f"'{framework.id}' differs from the file name '{stem}.yaml'"
                )
                continue
            self.frameworks[framework.id] = Located(framework, doc, ())

    def _examples(self, source: SourceFiles, name: str) -> None:
        doc = self.doc(source, name)
        if doc is None:
            return
        examples = self.problems.convert(doc, (), doc.data, ExampleSet)
        if examples is None:
            return
        stem = Path(name).stem
        kind = "function" if name.startswith("examples/functions/") else "industry"
        if examples.area != stem:
            self.problems.add(
                doc, ("area",), f"'{examples.area}' differs from the file name '{stem}.yaml'"
            )
        elif examples.kind != kind:
            self.problems.add(doc, ("kind",), f"expected '{kind}' for a file in examples/{kind}s/")
        else:
            self.examples[f"{kind}:{stem}"] = Located(examples, doc, ())

    def _kb_header(self, source: SourceFiles) -> None:
        doc = self.doc(source, "kb.yaml")
        if doc is None:
            return
        header = self.problems.convert(doc, (), doc.data, KbFile)
        if header is not None:
            self.name, self.version, self.settings = header.name, header.version, header.settings
            self.settings_at = Located(header.settings, doc, ("settings",))

    def _pack_header(self, source: SourceFiles) -> bool:
        doc = self.doc(source, "pack.yaml")
        if doc is None:
            return False
        header = self.problems.convert(doc, (), doc.data, PackFile)
        if header is None:
            return False
        if header.schema_version != SCHEMA_VERSION:
            written = (
                "no schema_version, so it was written for schema 1"
                if header.schema_version is None
                else f"schema_version {header.schema_version}"
            )
            self.problems.add(
                doc,
                ("schema_version",) if header.schema_version is not None else (),
                f"this pack has {written}; this version reads schema {SCHEMA_VERSION}: "
                + SCHEMA_CHANGES,
            )
            return False
        self.packs.append(
            PackInfo(header.name, header.version, source.digest()[:12], str(source.root))
        )
        removal = header.remove
        for kind, ids, table, fixed in (
            ("frameworks", removal.frameworks, self.frameworks, FRAMEWORK_IDS),
            ("questions", removal.questions, self.questions, tuple(FIXED_QUESTIONS)),
            ("rules", removal.rules, self.rules, ()),
        ):
            for index, entry_id in enumerate(ids):
                path = ("remove", kind, index)
                if entry_id in fixed:
                    self.problems.add(
                        doc, path, f"'{entry_id}' is a fixed id and cannot be removed"
                    )
                elif entry_id not in table:
                    self.problems.add(
                        doc,
                        path,
                        f"no {kind[:-1]} '{entry_id}' to remove." + did_you_mean(entry_id, table),
                    )
                else:
                    del table[entry_id]
        return True

    def _entries(self, source, name, key, table, convert) -> None:  # type: ignore[no-untyped-def]
        doc = self.doc(source, name)
        if doc is None:
            return
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            self.problems.add(doc, (), f"expected a mapping with a list under '{key}:'")
            return
        unknown = [k for k in data if k != key]
        for extra in unknown:
            self.problems.add(doc, (extra,), f"unknown top-level key; expected only '{key}'")
        seen: set[str] = set()
        for index, raw in enumerate(data[key]):
            path: KeyPath = (key, index)
            located = convert(doc, path, raw)
            if located is None:
                continue
            entry_id = _entry_id(located.value)
            if entry_id in seen:
                self.problems.add(doc, path, f"'{entry_id}' is defined twice in this file")
                continue
            seen.add(entry_id)
            table[entry_id] = located  # a pack entry with an existing id replaces it

    def _question(self, doc: YamlDocument, path: KeyPath, raw: Any) -> Located | None:
        if not isinstance(raw, dict):
            self.problems.add(doc, path, "expected a mapping describing a question")
            return None
        fields = dict(raw)
        raw_when = fields.pop("when", None)
        question = self.problems.convert(doc, path, fields, Question)
        return None if question is None else Located(question, doc, path, raw_when)

    def _rule(self, doc: YamlDocument, path: KeyPath, raw: Any) -> Located | None:
        if isinstance(raw, dict) and "reason" in raw:
            self.problems.add(
                doc,
                (*path, "reason"),
                "a rule-level reason is schema 1: write a `reason:` on each framework effect "
                "instead, about the framework it moves",
            )
            return None
        rule = self.problems.convert(doc, path, raw, RawRule)
        return None if rule is None else Located(rule, doc, path, rule.when)

    def _need(self, doc: YamlDocument, path: KeyPath, raw: Any) -> Located | None:
        need = self.problems.convert(doc, path, raw, Need)
        return None if need is None else Located(need, doc, path)

    def _pairing(self, doc: YamlDocument, path: KeyPath, raw: Any) -> Located | None:
        pairing = self.problems.convert(doc, path, raw, Pairing)
        if pairing is None:
            return None
        if len(pairing.frameworks) != 2 or len(set(pairing.frameworks)) != 2:
            self.problems.add(
                doc, (*path, "frameworks"), "a pairing names two different frameworks"
            )
            return None
        return Located(pairing, doc, path)

    def _term(self, doc: YamlDocument, path: KeyPath, raw: Any) -> Located | None:
        term = self.problems.convert(doc, path, raw, GlossaryEntry)
        return None if term is None else Located(term, doc, path)

    # pass 2 ----------------------------------------------------------------------------
    def cross_check(self) -> KnowledgeBase:
        problems = self.problems
        self._check_contract()
        if problems:  # a broken contract makes every later check fail for the same reason
            raise KnowledgeBaseError(problems.problems)
        questions = self._resolve_questions()
        parser_questions = {q.id: q for q in questions}
        resolved: list[Question] = []
        for question in questions:
            located = self.questions[question.id]
            if located.raw_when is not None:
                parser = ConditionParser(parser_questions, problems, located.doc)
                when = parser.parse(located.raw_when, (*located.path, "when"))
                question = msgspec.structs.replace(question, when=when)
            resolved.append(question)
        rules = self._resolve_rules(parser_questions)
        needs = self._resolve_needs(parser_questions)
        self._check_frameworks(parser_questions)
        self._check_settings()
        glossary = [entry.value for entry in self.glossary.values()]
        for key, located in self.examples.items():
            kind, area = key.split(":")
            question = parser_questions.get(kind)
            if question is not None and area not in {o.value for o in question.options}:
                problems.add(
                    located.doc,
                    ("area",),
                    f"'{area}' is not an option of question '{kind}'."
                    + did_you_mean(area, [o.value for o in question.options]),
                )
        for term in self.glossary.values():
            for index, fid in enumerate(term.value.frameworks):
                if fid not in self.frameworks:
                    problems.add(
                        term.doc,
                        (*term.path, "frameworks", index),
                        f"no framework '{fid}'." + did_you_mean(fid, self.frameworks),
                    )
        if problems:
            raise KnowledgeBaseError(problems.problems)
        order = [f for f in FRAMEWORK_IDS if f in self.frameworks]
        order += sorted(f for f in self.frameworks if f not in FRAMEWORK_IDS)
        return KnowledgeBase(
            name=self.name,
            version=self.version,
            settings=self.settings,
            frameworks={fid: self.frameworks[fid].value for fid in order},
            questions=resolved,
            rules=rules,
            needs=needs,
            pairings=self._resolve_pairings(),
            glossary=sorted(glossary, key=lambda g: g.term.lower()),
            packs=self.packs,
            examples={key: self.examples[key].value for key in sorted(self.examples)},
        )

    def _check_contract(self) -> None:
        for fid in FRAMEWORK_IDS:
            if fid not in self.frameworks:
                self.problems.add("knowledge/frameworks", (), f"missing framework '{fid}.yaml'")
        for qid, (qtype, options) in FIXED_QUESTIONS.items():
            located = self.questions.get(qid)
            if located is None:
                self.problems.add("knowledge/questions.yaml", (), f"missing question '{qid}'")
                continue
            question: Question = located.value
            if question.type != qtype:
                self.problems.add(
                    located.doc,
                    (*located.path, "type"),
                    f"question '{qid}' must stay of type '{qtype}'",
                )
            have = {o.value for o in question.options}
            missing = [o for o in options if o not in have]
            if missing:
                self.problems.add(
                    located.doc,
                    (*located.path, "options"),
                    f"fixed options cannot be removed: {one_of(missing)}",
                )

    def _resolve_questions(self) -> list[Question]:
        resolved: list[Question] = []
        framework_options = [
            Option(value=fid, label=located.value.name)
            for fid, located in self._ordered_frameworks()
        ]
        for located in self.questions.values():
            question: Question = located.value
            path = located.path
            if question.options_from == "frameworks":
                if question.type != "multiple" and question.type != "single":
                    self.problems.add(
                        located.doc, (*path, "options_from"), "only choice questions take options"
                    )
                question = msgspec.structs.replace(question, options=framework_options)
            if question.type in ("single", "multiple") and not question.options:
                self.problems.add(located.doc, path, f"{question.type} question needs options")
            if question.type not in ("single", "multiple") and question.options:
                self.problems.add(
                    located.doc, (*path, "options"), f"a {question.type} question takes no options"
                )
            values = [o.value for o in question.options]
            for index, value in enumerate(values):
                if value in values[:index]:
                    self.problems.add(
                        located.doc, (*path, "options", index), f"option '{value}' appears twice"
                    )
            if question.type != "number" and (question.min is not None or question.max is not None):
                self.problems.add(located.doc, path, "min and max apply to number questions only")
            if (
                question.min is not None
                and question.max is not None
                and question.min > question.max
            ):
                self.problems.add(located.doc, (*path, "min"), "min is greater than max")
            if (
                question.required_unless is not None
                and question.required_unless not in self.questions
            ):
                self.problems.add(
                    located.doc,
                    (*path, "required_unless"),
                    f"no question '{question.required_unless}'."
                    + did_you_mean(question.required_unless, self.questions),
                )
            resolved.append(question)
        return resolved

    def _ordered_frameworks(self) -> list[tuple[str, Located]]:
        order = [f for f in FRAMEWORK_IDS if f in self.frameworks]
        order += sorted(f for f in self.frameworks if f not in FRAMEWORK_IDS)
        return [(f, self.frameworks[f]) for f in order]

    def _resolve_rules(self, questions: dict[str, Question]) -> list[Rule]:
        rules: list[Rule] = []
        for located in self.rules.values():
            raw: RawRule = located.value
            parser = ConditionParser(questions, self.problems, located.doc)
            when: Condition | None = parser.parse(raw.when, (*located.path, "when"))
            effects = self._effects(raw, located)
            if when is not None and effects is not None:
                rules.append(Rule(id=raw.id, when=when, effects=effects, source=raw.source))
        return rules

    def _effects(self, raw: RawRule, located: Located) -> list[Effect] | None:
        if not raw.effects:
            self.problems.add(located.doc, (*located.path, "effects"), "a rule needs effects")
            return None
        effects: list[Effect] = []
        for index, effect in enumerate(raw.effects):
            converted = self._effect(effect, located.doc, (*located.path, "effects", index))
            if converted is not None:
                effects.append(converted)
        return effects if len(effects) == len(raw.effects) else None

    def _effect(self, effect: RawEffect, doc: YamlDocument, path: KeyPath) -> Effect | None:
        kinds = [k for k in ("framework", "caution", "layer") if getattr(effect, k) is not None]
        if len(kinds) != 1:
            self.problems.add(
                doc,
                path,
                "an effect is exactly one of {framework, weight, reason}, "
                "{caution, about, unless_advised} or {layer}",
            )
            return None
        strays = {
            "framework": ("about", "unless_advised"),
            "caution": ("weight", "reason"),
            "layer": ("weight", "reason", "about", "unless_advised"),
        }[kinds[0]]
        stray = [key for key in strays if getattr(effect, key) is not None]
        if stray:
            self.problems.add(doc, (*path, stray[0]), f"'{stray[0]}' does not go with {kinds[0]}")
            return None
        if effect.layer is not None:
            return LayerEffect(effect.layer)
        if effect.caution is not None:
            about = effect.about or []
            unless = effect.unless_advised or []
            unknown = [
                (key, i, fid)
                for key, ids in (("about", about), ("unless_advised", unless))
                for i, fid in enumerate(ids)
                if fid not in self.frameworks
            ]
            for key, i, fid in unknown:
                self.problems.add(
                    doc,
                    (*path, key, i),
                    f"no framework '{fid}'." + did_you_mean(fid, self.frameworks),
                )
            if not effect.caution.strip():
                self.problems.add(doc, (*path, "caution"), "a caution needs its text")
                return None
            return None if unknown else CautionEffect(effect.caution, about, unless)
        ok = True
        fid = effect.framework or ""
        if fid not in self.frameworks:
            self.problems.add(
                doc,
                (*path, "framework"),
                f"no framework '{fid}'." + did_you_mean(fid, self.frameworks),
            )
            ok = False
        if effect.weight is None or not -100 <= effect.weight <= 100 or effect.weight == 0:
            self.problems.add(
                doc,
                (*path, "weight"),
                "a framework effect needs a non-zero whole-number weight from -100 to 100",
            )
            ok = False
        if not (effect.reason or "").strip():
            self.problems.add(
                doc,
                path,
                "a framework effect needs a `reason`: what this framework does for this "
                "organisation (schema 2)",
            )
            ok = False
        return WeightEffect(fid, effect.weight, effect.reason) if ok else None  # type: ignore[arg-type]

    def _resolve_pairings(self) -> list[Pairing]:
        pairings: list[Pairing] = []
        for located in self.pairings.values():
            unknown = [
                (i, fid)
                for i, fid in enumerate(located.value.frameworks)
                if fid not in self.frameworks
            ]
            for i, fid in unknown:
                self.problems.add(
                    located.doc,
                    (*located.path, "frameworks", i),
                    f"no framework '{fid}'." + did_you_mean(fid, self.frameworks),
                )
            if not unknown:
                pairings.append(located.value)
        return pairings

    def _resolve_needs(self, questions: dict[str, Question]) -> list[Need]:
        question = questions.get("needs")
        options = [o.value for o in question.options] if question is not None else []
        needs: list[Need] = []
        for value, located in self.needs.items():
            need: Need = located.value
            ok = True
            if value not in options:
                self.problems.add(
                    located.doc,
                    (*located.path, "need"),
                    f"'{value}' is not an option of question 'needs'."
                    + did_you_mean(value, options),
                )
                ok = False
            seen: set[str] = set()
            for index, entry in enumerate(need.frameworks):
                where = (*located.path, "frameworks", index)
                if entry.framework not in self.frameworks:
                    self.problems.add(
                        located.doc,
                        (*where, "framework"),
                        f"no framework '{entry.framework}'."
                        + did_you_mean(entry.framework, self.frameworks),
                    )
                    ok = False
                elif entry.framework in seen:
                    self.problems.add(
                        located.doc, (*where, "framework"), f"'{entry.framework}' is listed twice"
                    )
                    ok = False
                seen.add(entry.framework)
                if not entry.why.strip():
                    self.problems.add(located.doc, (*where, "why"), "say why it serves this need")
                    ok = False
            if ok:
                needs.append(need)
        order = {value: i for i, value in enumerate(options)}
        return sorted(needs, key=lambda n: order.get(n.need, len(order)))

    def _check_frameworks(self, questions: dict[str, Question]) -> None:
        stages = [o.value for o in questions["stage"].options] if "stage" in questions else STAGES
        functions = (
            [o.value for o in questions["function"].options] if "function" in questions else []
        )
        for fid, located in self.frameworks.items():
            framework: Framework = located.value
            doc = located.doc
            for key, expected in (("fit_by_stage", stages), ("fit_by_function", functions)):
                table = getattr(framework, key)
                for name in table:
                    if name not in expected:
                        self.problems.add(
                            doc,
                            (key, name),
                            f"'{name}' is not an option." + did_you_mean(name, expected),
                        )
                missing = [e for e in expected if e not in table]
                if missing:
                    self.problems.add(doc, (key,), f"missing {one_of(missing)}")
            for key in ("complements", "conflicts"):
                for index, other in enumerate(getattr(framework, key)):
                    if other not in self.frameworks:
                        self.problems.add(
                            doc,
                            (key, index),
                            f"no framework '{other}'." + did_you_mean(other, self.frameworks),
                        )
                    elif other == fid:
                        self.problems.add(doc, (key, index), "a framework cannot list itself")
            both = set(framework.complements) & set(framework.conflicts)
            if both:
                self.problems.add(
                    doc, ("conflicts",), f"also listed as complements: {one_of(sorted(both))}"
                )
            weeks = [step.week for step in framework.rollout]
            if weeks != sorted(weeks):
                self.problems.add(doc, ("rollout",), "steps must be in week order")
            ritual_ids = [r.id for r in framework.rituals]
            if len(set(ritual_ids)) != len(ritual_ids):
                self.problems.add(doc, ("rituals",), "a ritual id appears twice")
            if not framework.layers:
                self.problems.add(doc, ("layers",), "a framework fills at least one mix layer")

    def _check_settings(self) -> None:
        if self.settings_at is None:
            return
        for stage in self.settings.max_frameworks:
            if stage not in STAGES:
                self.problems.add(
                    self.settings_at.doc,
                    ("settings", "max_frameworks", stage),
                    f"not a stage; expected one of {one_of(STAGES)}." + did_you_mean(stage, STAGES),
                )


def _entry_id(value: Any) -> str:
    if isinstance(value, GlossaryEntry):
        return value.term
    if isinstance(value, Pairing):
        return "+".join(sorted(value.frameworks))
    return value.need if isinstance(value, Need) else value.id


def build(sources: list[SourceFiles]) -> KnowledgeBase:
    builder = _Builder()
    for source in sources:
        builder.add_source(source)
    if builder.problems:
        raise KnowledgeBaseError(builder.problems.problems)
    return builder.cross_check()
