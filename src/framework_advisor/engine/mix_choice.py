"""Why the mix beat its runner-up: the comparison's facts and the message written from them."""

from __future__ import annotations

from framework_advisor.domain.messages import MESSAGES
from framework_advisor.domain.recommendation import (
    ChoiceSide,
    MixComparison,
)
from framework_advisor.domain.text import Message, message
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.mix_search import (
    BUILT,
    COVERED,
    FIT,
    HYBRID,
    HYBRID_PARTS,
    KEPT,
    PAID,
    QUALITY,
    STRONG,
    Choice,
    Search,
)


def compare(
    search: Search, best: Choice | None, runner_up: Choice | None, stated: int
) -> MixComparison | None:
    """The mix against its runner-up as a record of the facts the search compared."""
    if best is None or runner_up is None or set(best.members) == set(runner_up.members):
        return None
    chosen, other = _side(search, best), _side(search, runner_up)
    hybrid = HYBRID in best.members and set(HYBRID_PARTS) <= set(runner_up.members)
    decided = "hybrid" if hybrid else _decided_by(best, runner_up)
    return MixComparison(chosen, other, stated, decided)


def _side(search: Search, choice: Choice) -> ChoiceSide:
    key = choice.key
    return ChoiceSide(
        members=list(choice.members),
        strong=_serving(choice),
        covered=key[COVERED],
        built=key[BUILT],
        kept=key[KEPT],
        paid=bool(key[PAID]),
        weights=choice.weights,
        pairs=choice.pairs,
        fits={m: search.fits[m] for m in choice.members},
        mean_fit=key[FIT],
        minutes=choice.cost,
    )


def _serving(choice: Choice) -> int:
    """The stated needs ``choice`` covers with a framework built for or serving them."""
    return choice.key[STRONG] - choice.key[COVERED] - choice.key[BUILT]


def _decided_by(best: Choice, other: Choice) -> str:
    """The first criterion of the search's score on which the two differ; where need strength,
    the number of frameworks and pairings were weighed together (``QUALITY``), the part of it
    that favours the chosen set."""
    if best.key[STRONG] != other.key[STRONG]:  # how strongly: say the part that is larger
        if _serving(best) > _serving(other):
            return "strong"
        return "covered" if best.key[COVERED] > other.key[COVERED] else "built"
    for index, name in enumerate(("covered", "kept", "paid"), start=COVERED):
        if best.key[index] != other.key[index]:
            return name
    if best.key[QUALITY] != other.key[QUALITY]:
        if best.weights > other.weights:
            return "weights"
        if len(best.members) < len(other.members):
            return "fewer"
        if best.pairs > other.pairs:
            return "pairs"
        return "weights" if best.weights == other.weights else "fewer"
    if best.key[BUILT] != other.key[BUILT]:
        return "built"
    if best.key[FIT] != other.key[FIT]:
        return "fit"
    if len(best.members) < len(other.members):
        return "fewer"
    return "rank"


def choice_sentence(
    index: EngineIndex, comparison: MixComparison | None, whys: dict[str, Message | None]
) -> Message | None:
    """Why the chosen set beat the runner-up, in one sentence written from ``comparison`` and
    stating only what it holds (``whys``: each member's why)."""
    if comparison is None:
        return None
    names = index.short_names
    chosen, other = comparison.chosen, comparison.runner_up
    winner = [names[m] for m in chosen.members]
    loser = [names[m] for m in other.members]
    added = [m for m in chosen.members if m not in other.members]
    dropped = [m for m in other.members if m not in chosen.members]
    decided = comparison.decided_by
    if decided == "hybrid":
        return message(
            "choice.sentence", chosen=winner, other=loser, because=message("choice.because.hybrid")
        )
    if not dropped and decided not in ("strong", "covered", "kept", "paid", "built"):
        first = whys.get(added[0])
        if first is not None:
            return message("choice.superset", chosen=winner, other=loser, why=first)
    if not added and chosen.covered == other.covered and chosen.strong == other.strong:
        return message("choice.subset", chosen=winner, names=[names[m] for m in dropped])
    figures = {
        "strong": (chosen.covered, other.covered),
        "covered": (chosen.covered, other.covered),
        "kept": (chosen.kept, other.kept),
        "built": (chosen.built, other.built),
        "fewer": (len(chosen.members), len(other.members)),
        "fit": (chosen.mean_fit, other.mean_fit),
    }
    a, b = figures.get(decided, (0, 0))
    given = {"a": a, "b": b, "c": chosen.strong, "d": other.strong, "stated": comparison.stated}
    because_id = f"choice.because.{decided}"
    because = message(because_id, **{k: given[k] for k in MESSAGES[because_id]})
    return message("choice.sentence", chosen=winner, other=loser, because=because)
