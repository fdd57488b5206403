"""Every message id the code says, with the parameters it gives: the contract between the code
and the catalogue (knowledge/text/en.yaml). The loader refuses a catalogue missing one of these
ids, using a placeholder the code does not give, or naming an id the code does not use;
``domain.text.message`` refuses code giving other parameters. Ids are an API for packs: a
rename is a ``schema_version`` bump (knowledge/README.md, **Words**)."""

from __future__ import annotations

from framework_advisor.domain.framework import LAYERS

_FIXED: dict[str, tuple[str, ...]] = {
    # words the catalogue itself uses
    "words.sentences": ("sentences",),
    "words.and": (),
    # the summary paragraph (Recommendation.summary)
    "summary.all_not_working": (),
    "summary.nothing_fits": (),
    "summary.job_need": ("name", "need"),
    "summary.job_layer": ("name", "job"),
    "summary.layer_other": ("layer",),
    "summary.run": ("jobs",),
    "summary.none_covered": (),
    "summary.run_covering": ("jobs", "members", "covered", "stated"),
    "summary.run_covering_all": ("jobs",),
    "summary.top_over_budget": ("name", "minutes", "budget"),
    "summary.top_over_budget_later": ("name", "minutes", "budget", "phase"),
    "summary.top_later": ("name", "phase"),
    "summary.first_weeks": ("first",),
    "summary.first_weeks_then": ("first", "then"),
    "summary.next": ("names", "previous"),
    # phases (Phase.why, Phase.signal, FrameworkStart.why)
    "phase.why.now": (),
    "phase.why.no_goals_yet": (),
    "phase.why.more_time": ("budget",),
    "phase.why.capacity": ("most", "names"),
    "phase.signal.now": (),
    "phase.signal.later": ("previous",),
    "stagger.first": ("name", "job"),
    "stagger.next": ("name", "week", "previous", "weeks"),
    # phase one's meeting time (MeetingTime.text) and needs it leaves out
    "budget.unknown": ("minutes",),
    "budget.fits": ("minutes", "budget"),
    "budget.fits_held": ("minutes", "budget", "held", "running"),
    "budget.over": ("minutes", "budget", "over"),
    "budget.held_over": ("minutes", "running", "budget", "over"),
    "budget.lighter": ("variants",),
    "budget.lighter_over": ("variants",),
    "budget.left_out": ("name", "budget"),
    "budget.left_out_in_use": ("name", "budget"),
    # stated needs (NeedCoverage.why)
    "need.strength.built_for": ("name",),
    "need.strength.serves": ("name",),
    "need.strength.supports": ("name",),
    "need.waiting": ("need", "name", "phase", "why"),
    "need.left_out": ("need", "because"),
    "left_out.poor_fit": ("name",),
    "left_out.not_working": (),
    "left_out.no_server": (),
    "left_out.clash_in_use": ("name", "other"),
    "left_out.clash": ("name", "other"),
    "left_out.at_limit_in_use": ("name", "limit"),
    "left_out.at_limit": ("name", "limit"),
    "built_for.sentence": ("name", "reason"),
    "built_for.later": ("name", "phase"),
    "built_for.not_working": (),
    "built_for.poor_fit": ("fit",),
    "built_for.budget": ("budget",),
    "built_for.conflict": ("other", "need"),
    "built_for.same_job": ("other", "need"),
    "built_for.capacity": ("limit",),
    "built_for.capacity_new": ("limit",),
    "built_for.other": (),
    # the mix (MixLayer.why) and why it beat its runner-up (Recommendation.mix_choice)
    "mix.beside": ("name", "partner", "why"),
    "mix.fills_layer": ("name", "layer"),
    "mix.hybrid_kept": (),
    "choice.sentence": ("chosen", "other", "because"),
    "choice.superset": ("chosen", "other", "why"),
    "choice.subset": ("chosen", "names"),
    "choice.because.strong": ("a", "b", "c", "d", "stated"),
    "choice.because.covered": ("a", "b", "stated"),
    "choice.because.kept": ("a", "b"),
    "choice.because.paid": (),
    "choice.because.built": ("a", "b"),
    "choice.because.weights": (),
    "choice.because.fewer": ("a", "b"),
    "choice.because.pairs": (),
    "choice.because.fit": ("a", "b"),
    "choice.because.rank": (),
    "choice.because.hybrid": (),
    # what one changed answer would do (Sensitivity.text)
    "change.option": ("option", "question"),
    "change.yes_no": ("answer", "question"),
    "change.number": ("noun", "value"),
    "change.number_instead": ("noun", "value", "current"),
    "change.take_out": ("option", "question"),
    "change.add": ("option", "question"),
    "change.place.1": (),
    "change.place.2": (),
    "change.place.3": (),
    "change.moves_above": ("change", "name", "other", "place"),
    "change.moves_up": ("change", "name", "place"),
    "change.reorders": ("change",),
    # a fit held to 0-100 (Reason.text of rule 'clamp')
    "reason.clamp_high": (),
    "reason.clamp_low": (),
}

MESSAGES: dict[str, tuple[str, ...]] = {
    **_FIXED,
    **{f"summary.layer.{layer}": () for layer in LAYERS},
    **{f"stagger.layer.{layer}": () for layer in LAYERS},
}
"""Message id -> the parameters the code gives it, the whole list."""
