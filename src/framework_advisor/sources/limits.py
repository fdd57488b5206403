"""Bounds on every input, so that a hostile or careless file costs a one-line error, never a
hang, a crash or minutes of work."""

from __future__ import annotations

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Answers, session and knowledge files: regular files of at most 5 MB."""
MAX_DEPTH = 40
"""Nesting of mappings and lists (the knowledge base needs fewer than ten levels)."""
MAX_NODES = 250_000
"""Values one YAML document may expand to through aliases (knowledge files)."""
MAX_INT = 2**63 - 1
"""Integers beyond 64 bits are refused wherever they appear."""
MAX_INT_DIGITS = 4300
"""Python's own limit on converting digits to an integer."""
MAX_CONDITION_NUMBER = 10**15
"""Numbers in a rule's condition (thresholds on counts such as headcount)."""
MAX_ERRORS = 50
"""Error lines printed for one input: the first 50, then a count of the rest."""
