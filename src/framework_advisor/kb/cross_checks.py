"""Pass 2 of loading knowledge: cross-references between entries (ids, options, conditions,
the fixed contract), every problem collected before failing."""

from __future__ import annotations

from typing import Any

import msgspec

from framework_advisor.domain.brand import Brand
from framework_advisor.domain.condition import Condition
from framework_advisor.domain.contract import FIXED_QUESTIONS, FRAMEWORK_IDS, STAGES
from framework_advisor.domain.framework import Framework
from framework_advisor.domain.knowledge import KnowledgeBase, PackInfo, Policies, Settings
from framework_advisor.domain.need import Need, Pairing
from framework_advisor.domain.question import Option, Question
from framework_advisor.domain.report_layout import ReportLayout
from framework_advisor.domain.rule import CautionEffect, Effect, LayerEffect, Rule, WeightEffect
from framework_advisor.domain.template import Template
from framework_advisor.domain.text import Message, message
from framework_advisor.errors import KnowledgeBaseError
from framework_advisor.kb.conditions import ConditionParser
from framework_advisor.kb.example_checks import (
    check_examples,
    with_conditions,
    with_role_examples,
)
from framework_advisor.kb.kinds import KINDS, named
from framework_advisor.kb.policy_checks import check_policies, check_replacements, resolve_steps
from framework_advisor.kb.schema import (
    Located,
    RawEffect,
    RawRule,
)
from framework_advisor.kb.templates import TemplateChecks
from framework_advisor.kb.text import RULE as TEXT_RULE
from framework_advisor.kb.text import TextBuilder
from framework_advisor.problems import ProblemCollector, did_you_mean, one_of, worded
from framework_advisor.sources.yaml_lines import KeyPath, YamlDocument


class CrossChecks:
    """Pass 2 of the loader: the cross-references between entries, checked once every entry
    has its shape. Mixed into the loader's builder, whose pass 1 fills these tables."""

    problems: ProblemCollector
    name: str
    version: str
    settings: Settings
    settings_at: Located | None
    policies_at: Located | None
    frameworks: dict[str, Located]
    questions: dict[str, Located]
    rules: dict[str, Located]
    needs: dict[str, Located]
    pairings: dict[str, Located]
    examples: dict[str, Located]
    role_examples: dict[str, Located]
    templates: dict[str, Located]
    packs: list[PackInfo]
    brand: Brand
    text: TextBuilder
    report: ReportLayout

    def refused(self) -> KnowledgeBaseError:
        """Every problem found, said in the words of the catalogue read so far (the packs'
        over ours: a broken entry is left out, and a problem it would say is said plainly)."""
        words = self.text.words()
        return KnowledgeBaseError(worded(self.problems.problems, words), words)

    def cross_check(self) -> KnowledgeBase:
        problems = self.problems
        problems.rule = "kb-consistency"  # pass 2: entries that do not fit together
        with problems.checking("kb-contract"):
            self._check_contract()
        if problems:  # a broken contract makes every later check fail for the same reason
            raise self.refused()
        self._check_references()
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
        with problems.checking("kb-policy"):
            check_replacements(problems, self.frameworks)
            check_policies(problems, self.policies_at, self.frameworks, self.text)
        frameworks = {
            fid: resolve_steps(problems, located, parser_questions)
            for fid, located in self.frameworks.items()
        }
        growth = parser_questions.get("growth_model")
        models = {o.value for o in growth.options} if growth is not None else set()
        for key, located in self.examples.items():
            for group in ("okrs", "kpis"):
                for index, example in enumerate(getattr(located.value, group)):
                    for position, model in enumerate(example.growth_models):
                        if model not in models:
                            problems.add(
                                located.doc,
                                (group, index, "growth_models", position),
                                did_you_mean(
                                    message(
                                        "kb.not_an_option_of", value=model, question="growth_model"
                                    ),
                                    model,
                                    sorted(models),
                                ),
                            )
            kind, area = key.split(":")
            area_question = parser_questions.get(kind)
            if area_question is not None and area not in {o.value for o in area_question.options}:
                problems.add(
                    located.doc,
                    ("area",),
                    did_you_mean(
                        message("kb.not_an_option_of", value=area, question=kind),
                        area,
                        [o.value for o in area_question.options],
                    ),
                )
        with problems.checking("kb-example"):
            roles = check_examples(
                problems, [*self.examples.values(), *self.role_examples.values()]
            )
            examples = {
                key: with_conditions(problems, self.examples[key], parser_questions)
                for key in sorted(self.examples)
            }
        for located in self.templates.values():
            TemplateChecks(problems, located.doc, located.value, self.frameworks, roles).run()
        with problems.checking(TEXT_RULE):
            catalogue = self.text.build(problems)
        if problems:
            raise self.refused()
        order = [f for f in FRAMEWORK_IDS if f in self.frameworks]
        order += sorted(f for f in self.frameworks if f not in FRAMEWORK_IDS)
        return KnowledgeBase(
            name=self.name,
            version=self.version,
            settings=self.settings,
            frameworks={fid: frameworks[fid] for fid in order},
            questions=resolved,
            rules=rules,
            needs=needs,
            pairings=self._resolve_pairings(parser_questions),
            packs=self.packs,
            examples=with_role_examples(
                examples, [self.role_examples[name].value for name in sorted(self.role_examples)]
            ),
            templates=self._ordered_templates(order),
            **self._plain_kinds(),
            brand=self.brand,
            report=self.report,
            policies=self.policies_at.value if self.policies_at is not None else Policies(),
            text=catalogue,
        )

    def _plain_kinds(self) -> dict[str, Any]:
        """Every plain kind's entries, by the knowledge base's field (`kinds.KINDS`)."""
        return {k.table: k.entries(getattr(self, k.table)) for k in KINDS if k.plain}

    def _ordered_templates(self, framework_order: list[str]) -> dict[str, Template]:
        """In the order of the first framework each serves (the OKR sheet first), then by id."""
        rank = {fid: n for n, fid in enumerate(framework_order)}

        def key(tid: str) -> tuple[int, str]:
            template: Template = self.templates[tid].value
            return min(
                (rank.get(f, len(rank)) for f in template.frameworks), default=len(rank)
            ), tid

        return {tid: self.templates[tid].value for tid in sorted(self.templates, key=key)}

    def _check_contract(self) -> None:
        for fid in FRAMEWORK_IDS:
            if fid not in self.frameworks:
                self.problems.add(
                    "knowledge/frameworks", (), message("kb.contract.no_framework", framework=fid)
                )
        for qid, (qtype, options) in FIXED_QUESTIONS.items():
            located = self.questions.get(qid)
            if located is None:
                self.problems.add(
                    "knowledge/questions.yaml", (), message("kb.contract.no_question", question=qid)
                )
                continue
            question: Question = located.value
            if question.type != qtype:
                self.problems.add(
                    located.doc,
                    (*located.path, "type"),
                    message("kb.contract.type", question=qid, type=qtype),
                )
            have = {o.value for o in question.options}
            missing = [o for o in options if o not in have]
            if missing:
                self.problems.add(
                    located.doc,
                    (*located.path, "options"),
                    message("kb.contract.fixed_options", options=one_of(missing)),
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
            source = question.options_from
            if source is not None:
                if question.type != "multiple" and question.type != "single":
                    self.problems.add(
                        located.doc,
                        (*path, "options_from"),
                        message("kb.question.options_from_choice"),
                    )
                options = self._options_from(located, source, resolved, framework_options)
                question = msgspec.structs.replace(question, options=options)
            if question.type in ("single", "multiple") and not question.options:
                self.problems.add(
                    located.doc, path, message("kb.question.needs_options", type=question.type)
                )
            if question.type not in ("single", "multiple") and question.options:
                self.problems.add(
                    located.doc,
                    (*path, "options"),
                    message("kb.question.no_options", type=question.type),
                )
            values = [o.value for o in question.options]
            for index, value in enumerate(values):
                if value in values[:index]:
                    self.problems.add(
                        located.doc,
                        (*path, "options", index),
                        message("kb.question.option_twice", option=value),
                    )
            if question.type != "number" and (question.min is not None or question.max is not None):
                self.problems.add(located.doc, path, message("kb.question.min_max_number"))
            if (
                question.min is not None
                and question.max is not None
                and question.min > question.max
            ):
                self.problems.add(located.doc, (*path, "min"), message("kb.question.min_above_max"))
            if (
                question.required_unless is not None
                and question.required_unless not in self.questions
            ):
                self.problems.known(
                    located.doc,
                    (*path, "required_unless"),
                    question.required_unless,
                    self.questions,
                    message("kb.no_question", name=question.required_unless),
                )
            resolved.append(question)
        return resolved

    def _options_from(
        self, located: Located, source: str, earlier: list[Question], frameworks: list[Option]
    ) -> list[Option]:
        """``options_from: frameworks`` (one option per framework) or an earlier multiple-choice
        question's id (the options offered are those chosen in its answer)."""
        if source == "frameworks":
            return frameworks
        before = {q.id: q for q in earlier}
        other = before.get(source)
        if other is None or other.type != "multiple":
            self.problems.add(
                located.doc,
                (*located.path, "options_from"),
                did_you_mean(
                    message("kb.question.options_from", source=source),
                    source,
                    ["frameworks", *before],
                ),
            )
            return []
        return list(other.options)

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
            self.problems.add(
                located.doc, (*located.path, "effects"), message("kb.rule.no_effects")
            )
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
                message("kb.rule.effect_kind"),
            )
            return None
        strays = {
            "framework": ("about", "unless_advised"),
            "caution": ("weight", "reason"),
            "layer": ("weight", "reason", "about", "unless_advised"),
        }[kinds[0]]
        stray = [key for key in strays if getattr(effect, key) is not None]
        if stray:
            self.problems.add(
                doc, (*path, stray[0]), message("kb.rule.stray", key=stray[0], kind=kinds[0])
            )
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
                self.problems.known(doc, (*path, key, i), fid, self.frameworks, _no_framework(fid))
            if not effect.caution.strip():
                self.problems.add(doc, (*path, "caution"), message("kb.rule.caution_text"))
                return None
            return None if unknown else CautionEffect(effect.caution, about, unless)
        ok = True
        fid = effect.framework or ""
        said = _no_framework(fid)
        if not self.problems.known(doc, (*path, "framework"), fid, self.frameworks, said):
            ok = False
        if effect.weight is None or not -100 <= effect.weight <= 100 or effect.weight == 0:
            self.problems.add(
                doc,
                (*path, "weight"),
                message("kb.rule.weight"),
            )
            ok = False
        if not (effect.reason or "").strip():
            self.problems.add(
                doc,
                path,
                message("kb.rule.reason"),
            )
            ok = False
        if not ok or effect.weight is None or effect.reason is None:
            return None
        return WeightEffect(fid, effect.weight, effect.reason)

    def _check_references(self) -> None:
        """The one unknown-reference check over every kind's references (`kinds.KINDS`)."""
        known = {"framework": self.frameworks}
        for kind in KINDS:
            for field, what in kind.references:
                table: dict[str, Located] = getattr(self, kind.table)
                for located in table.values():
                    for path, name in named(located.value, field):
                        said = message(f"kb.no_{what}", name=name)
                        self.problems.known(
                            located.doc, (*located.path, *path), name, known[what], said
                        )

    def _resolve_pairings(self, questions: dict[str, Question]) -> list[Pairing]:
        pairings: list[Pairing] = []
        for located in self.pairings.values():
            unknown = [fid for fid in located.value.frameworks if fid not in self.frameworks]
            pairing = located.value
            if located.raw_when is not None:
                parser = ConditionParser(questions, self.problems, located.doc)
                when = parser.parse(located.raw_when, (*located.path, "when"))
                pairing = msgspec.structs.replace(pairing, when=when)
            if not unknown:
                pairings.append(pairing)
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
                    did_you_mean(
                        message("kb.not_an_option_of", value=value, question="needs"),
                        value,
                        options,
                    ),
                )
                ok = False
            seen: set[str] = set()
            for index, entry in enumerate(need.frameworks):
                where = (*located.path, "frameworks", index)
                if entry.framework not in self.frameworks:
                    self.problems.known(
                        located.doc,
                        (*where, "framework"),
                        entry.framework,
                        self.frameworks,
                        _no_framework(entry.framework),
                    )
                    ok = False
                elif entry.framework in seen:
                    self.problems.add(
                        located.doc,
                        (*where, "framework"),
                        message("kb.need.listed_twice", framework=entry.framework),
                    )
                    ok = False
                seen.add(entry.framework)
                if not entry.why.strip():
                    self.problems.add(located.doc, (*where, "why"), message("kb.need.why"))
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
                            did_you_mean(
                                message("kb.framework.not_an_option", name=name), name, expected
                            ),
                        )
                missing = [e for e in expected if e not in table]
                if missing:
                    self.problems.add(
                        doc, (key,), message("kb.framework.missing", names=one_of(missing))
                    )
            for key in ("complements", "conflicts"):
                for index, other in enumerate(getattr(framework, key)):
                    known = self.problems.known(
                        doc, (key, index), other, self.frameworks, _no_framework(other)
                    )
                    if known and other == fid:
                        self.problems.add(doc, (key, index), message("kb.framework.itself"))
            for index, pitfall in enumerate(framework.pitfalls):
                named_frameworks = [("uses", n, o) for n, o in enumerate(pitfall.uses)]
                named_frameworks += [("about", n, o) for n, o in enumerate(pitfall.about)]
                for field, position, other in named_frameworks:
                    self.problems.known(
                        doc,
                        ("pitfalls", index, field, position),
                        other,
                        self.frameworks,
                        _no_framework(other),
                    )
            both = set(framework.complements) & set(framework.conflicts)
            if both:
                self.problems.add(
                    doc, ("conflicts",), message("kb.framework.both", names=one_of(sorted(both)))
                )
            weeks = [step.week for step in framework.rollout]
            if weeks != sorted(weeks):
                self.problems.add(doc, ("rollout",), message("kb.framework.week_order"))
            ritual_ids = [r.id for r in framework.rituals]
            if len(set(ritual_ids)) != len(ritual_ids):
                self.problems.add(doc, ("rituals",), message("kb.framework.ritual_twice"))
            for r, ritual in enumerate(framework.rituals):
                before = ritual.minutes_a_month
                for v, variant in enumerate(ritual.lighter):
                    if variant.minutes_a_month >= before:
                        self.problems.add(
                            doc,
                            ("rituals", r, "lighter", v),
                            message(
                                "kb.framework.lighter",
                                name=variant.name,
                                minutes=round(variant.minutes_a_month),
                                before=round(before),
                            ),
                        )
                    before = variant.minutes_a_month
            if not framework.layers:
                self.problems.add(doc, ("layers",), message("kb.framework.no_layer"))

    def _check_settings(self) -> None:
        if self.settings_at is None:
            return
        for stage in self.settings.max_frameworks:
            if stage not in STAGES:
                self.problems.add(
                    self.settings_at.doc,
                    ("settings", "max_frameworks", stage),
                    did_you_mean(
                        message("kb.settings.not_a_stage", stages=one_of(STAGES)), stage, STAGES
                    ),
                )


def _no_framework(name: str) -> Message:
    return message("kb.no_framework", name=name)
