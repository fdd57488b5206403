"""Pay as its own decision (kb.yaml ``policies.pay``): where the objectives that decide pay live
when goals feed pay, and the caution about what paying for targets does."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.messages import PAY_HOME
from framework_advisor.domain.recommendation import Caution, PayPlan
from framework_advisor.domain.text import message

PAY_CAUTION = "pay_targets"


def pay_plan(kb: KnowledgeBase, view: dict[str, Any], members: list[str]) -> PayPlan | None:
    """Goals feed pay: the first of the policy's homes in phase one carries the objectives that
    decide pay (a framework the policy keeps out of pay never does). None when goals do not
    feed pay or the question is unanswered: nothing is planned for pay then."""
    if view.get("compensation_linked") is not True:
        return None
    policy = kb.policies.pay
    no_home = PayPlan(None, "", text_message=message("pay.no_home"))
    if not homes_for(kb, view):  # the pay home in use is not working: pay moves to review talks
        return no_home
    for fid in policy.homes:
        if fid in members and fid not in policy.never:
            return PayPlan(fid, "", text_message=message(PAY_HOME + fid))
    return no_home


def homes_for(kb: KnowledgeBase, view: dict[str, Any]) -> tuple[str, ...]:
    """The frameworks that may carry the objectives that decide pay for this profile: none when
    goals do not feed pay, or when the client says a pay home it runs (annual, rating-based MBO)
    is not working, since what replaces it decides pay in conversation, not by a score."""
    if view.get("compensation_linked") is not True:
        return ()
    homes = tuple(kb.policies.pay.homes)
    failing = set(view.get("frameworks_not_working") or ()) & set(
        view.get("current_frameworks") or ()
    )
    return () if failing.intersection(homes) else homes


def pay_caution(kb: KnowledgeBase, view: dict[str, Any]) -> list[Caution]:
    """What paying for targets does: for every plan whose goals feed pay, whatever is in play
    (its words: knowledge/text/en.yaml, ``pay.caution``)."""
    del kb
    if view.get("compensation_linked") is not True:
        return []
    return [Caution(PAY_CAUTION, "", text_message=message("pay.caution"))]
