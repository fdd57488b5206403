"""A recommendation of facts and messages said in a catalogue's words: each prose field
(``why``, ``signal``, ``text``, ``summary``, ``mix_choice``) filled from its ``*_message``.
The one step where the engine's facts become sentences; pure, no I/O."""

from collections.abc import Callable

from msgspec.structs import replace

from framework_advisor.domain.recommendation import (
    Caution,
    FrameworkStart,
    MeetingTime,
    MixLayer,
    NeedCoverage,
    PayPlan,
    Phase,
    RankedFramework,
    Reason,
    Recommendation,
    Retirement,
    Sensitivity,
)
from framework_advisor.domain.text import Catalogue, Message, message

_Say = Callable[[Message | None, str], str]
"""A message said, or the text already there when there is none."""

CLAMP = "clamp"
"""The rule id of the reason for a fit held to 0-100: worded here from its effect's sign."""
BASE = "base"
"""The rule id of a framework's starting fit: worded here with the framework's name."""
_BASE: dict[str, Message] = {}
"""The starting fit's message by framework name, made once (``Catalogue.say`` remembers it)."""


def in_words(rec: Recommendation, catalogue: Catalogue) -> Recommendation:
    """``rec`` with every prose field said from its message (a field with no message keeps
    its text: the knowledge base's own words, such as a rule's reason)."""
    say = catalogue.say
    memo: dict[int, tuple[Reason, Reason]] = catalogue.memo("reasons")

    def text(said: Message | None, default: str) -> str:
        return say(said) if said is not None else default

    return replace(
        rec,
        ranking=[ranked_in_words(r, catalogue, memo) for r in rec.ranking],
        mix=[_layer(layer, text) for layer in rec.mix],
        needs=[_need(need, text) for need in rec.needs],
        retire=[_retirement(r, text) for r in rec.retire],
        cautions=[_caution(c, text) for c in rec.cautions],
        phases=[_phase(p, text) for p in rec.phases],
        sensitivity=[_sensitivity(s, text) for s in rec.sensitivity],
        meeting_time=_time(rec.meeting_time, text) if rec.meeting_time is not None else None,
        pay=_pay(rec.pay, text) if rec.pay is not None else None,
        summary=text(rec.summary_message, rec.summary),
        mix_choice=text(rec.mix_choice_message, rec.mix_choice),
    )


def ranked_in_words(
    ranked: RankedFramework,
    catalogue: Catalogue,
    memo: dict[int, tuple[Reason, Reason]] | None = None,
) -> RankedFramework:
    """A ranked framework with its reasons said: its starting fit, a fit held to 0-100, and
    the answers behind each rule's reason (``memo``: the catalogue's memo of said reasons,
    when the caller already holds it)."""
    if memo is None:
        memo = catalogue.memo("reasons")
    reasons = []
    for reason in ranked.reasons:  # the engine reuses a reason for the same answers
        known = memo.get(id(reason))
        if known is None or known[0] is not reason:
            known = memo[id(reason)] = (reason, _reason(reason, ranked.name, catalogue))
        reasons.append(known[1])
    return replace(ranked, reasons=reasons)


def _reason(reason: Reason, name: str, catalogue: Catalogue) -> Reason:
    if reason.because_message is not None:  # memoised by the engine: said once
        return replace(reason, because=catalogue.remembered(reason.because_message))
    if reason.text:
        return reason
    if reason.rule == BASE:
        said = _BASE.get(name)
        if said is None:
            said = _BASE[name] = message("reason.base", name=name)
        return replace(reason, text=catalogue.remembered(said))
    if reason.rule == CLAMP:
        bound = "reason.clamp_high" if reason.effect < 0 else "reason.clamp_low"
        return replace(reason, text=catalogue.say(message(bound)))
    return reason


def _layer(layer: MixLayer, text: _Say) -> MixLayer:
    return replace(layer, why=text(layer.why_message, layer.why))


def _need(need: NeedCoverage, text: _Say) -> NeedCoverage:
    return replace(need, why=text(need.why_message, need.why))


def _retirement(retirement: Retirement, text: _Say) -> Retirement:
    if retirement.why_message is None:
        return retirement
    return replace(retirement, why=text(retirement.why_message, retirement.why))


def _caution(caution: Caution, text: _Say) -> Caution:
    if caution.text_message is None and caution.because_message is None:
        return caution
    return replace(
        caution,
        text=text(caution.text_message, caution.text),
        because=text(caution.because_message, caution.because),
    )


def _phase(phase: Phase, text: _Say) -> Phase:
    return replace(
        phase,
        why=text(phase.why_message, phase.why),
        signal=text(phase.signal_message, phase.signal),
        starts=[_start(start, text) for start in phase.starts],
    )


def _start(start: FrameworkStart, text: _Say) -> FrameworkStart:
    if start.why_message is None:
        return start
    return replace(start, why=text(start.why_message, start.why))


def _sensitivity(item: Sensitivity, text: _Say) -> Sensitivity:
    return replace(item, text=text(item.text_message, item.text))


def _pay(pay: PayPlan, text: _Say) -> PayPlan:
    if pay.text_message is None:
        return pay
    return replace(pay, text=text(pay.text_message, pay.text))


def _time(time: MeetingTime, text: _Say) -> MeetingTime:
    return replace(time, text=text(time.text_message, time.text))
