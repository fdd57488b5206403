"""The author's own verb, metric and target, for an honest rewrite (placeholders for the rest)."""

from __future__ import annotations

import re

from framework_advisor.engine.goals.text import (
    Reading,
)

_FILLER = {
    "better",
    "improved",
    "more",
    "higher",
    "greater",
    "a",
    "an",
    "the",
    "our",
    "great",
    "good",
}
CHANGE_VERBS = {
    "increase": "Increase",
    "grow": "Increase",
    "raise": "Increase",
    "improve": "Increase",
    "boost": "Increase",
    "lift": "Increase",
    "reach": "Increase",
    "achieve": "Increase",
    "reduce": "Reduce",
    "cut": "Reduce",
    "lower": "Reduce",
    "decrease": "Reduce",
    "shorten": "Reduce",
    "halve": "Reduce",
    "minimise": "Reduce",
    "minimize": "Reduce",
}


def rewrite_fields(reading: Reading) -> dict[str, str] | None:
    """The author's metric (the words after a change verb, without numbers or dates) and any
    target they gave; None when no metric can be named honestly from their words."""

    words = reading.text.split()
    verb = CHANGE_VERBS.get(words[0].lower().strip(",.:"), "") if words else ""
    rest = words[1:] if verb else words
    metric_words: list[str] = []
    for word in rest:
        bare = word.lower().strip(",.;:")
        if bare in {
            "by",
            "from",
            "to",
            "in",
            "within",
            "under",
            "below",
            "above",
            "over",
        } or re.search(r"\d|[+%$£€]", word):
            break
        metric_words.append(word.strip(",.;:"))
    while metric_words and metric_words[0].lower() in _FILLER:
        metric_words = metric_words[1:]
    if metric_words and not metric_words[0].isupper():
        metric_words[0] = metric_words[0][:1].lower() + metric_words[0][1:]
    metric = " ".join(metric_words).strip()
    if not metric or len(metric_words) > 8:
        return None
    stated = re.search(
        r"\b(?:to|under|below|above|over|of|at least|at most)\s+([$£€¥]?\d[\d,.]*\s*(?:%|k|m|million|hours|days)?)",
        reading.text,
        re.IGNORECASE,
    )
    target = stated.group(1).strip() if stated else "[target]"
    return {"verb": verb or "Increase", "metric": metric, "target": target}
