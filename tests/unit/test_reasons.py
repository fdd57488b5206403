"""Every reason is true of the framework it moves: it names that framework (its name, short name
or an alias), and every "because" reads as labels, never ids."""

from __future__ import annotations

import re

from framework_advisor import recommend
from framework_advisor.domain.framework import Framework, short_name
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.rule import WeightEffect
from framework_advisor.engine.index import index_for


def names_of(framework: Framework) -> list[str]:
    plain = re.sub(r"\s*\(.*?\)", "", framework.name)
    return [framework.name, plain, short_name(framework), *framework.aliases]


def test_every_weight_in_the_knowledge_base_gives_a_reason_that_names_its_own_framework(
    kb: KnowledgeBase,
) -> None:
    checked = 0
    for indexed in index_for(kb).rules:  # rules.yaml and the needs of needs.yaml
        for effect in indexed.rule.effects:
            if not isinstance(effect, WeightEffect):
                continue
            names = names_of(kb.frameworks[effect.framework])
            assert any(name.lower() in effect.reason.lower() for name in names), (
                f"{indexed.rule.id}: the reason for {effect.framework} names none of {names}: "
                f"{effect.reason!r}"
            )
            checked += 1
    assert checked >= 2 * len(kb.frameworks)


def test_because_reads_as_question_labels_and_option_labels(kb: KnowledgeBase) -> None:
    rec = recommend(
        kb,
        {
            "headcount": 12,
            "function": "company",
            "needs": ["strategic_change"],
            "compensation_linked": True,
            "maturity": "none",
        },
    )
    becauses = {r.because for item in rec.ranking for r in item.reasons if r.because}
    assert "Goals feed pay: Yes" in becauses
    assert "Goal-setting today: No formal goals yet" in becauses
    assert any(b.startswith("Stage: Startup") and "headcount of 12" in b for b in becauses)
    ids = {q.id for q in kb.questions} | {o.value for q in kb.questions for o in q.options}
    for because in becauses:
        for part in because.split("; "):
            assert part.split(":")[0] not in ids, because


def test_no_reason_points_at_a_document_instead_of_saying_why(kb: KnowledgeBase) -> None:
    for indexed in index_for(kb).rules:
        for effect in indexed.rule.effects:
            if isinstance(effect, WeightEffect):
                text = effect.reason.lower()
                assert "the chart" not in text and "the stage guide" not in text, effect.reason
                assert "judgement" not in text, effect.reason
