"""Text for Markdown (``md``), and the sandbox for a template that comes from a user's knowledge
pack: such a template must never reach Python internals, so it renders only in
``sandboxed_environment()``. (The report itself is drawn by the document writers,
``render.document``, without Jinja.)"""

from __future__ import annotations

from typing import Any

from jinja2 import BaseLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment


def md(value: Any) -> str:
    """Text safe in Markdown, on one line: Markdown syntax and inline HTML are escaped (so
    never a link, an image or HTML: `safe_text.markdown_literal`)."""
    from framework_advisor.safe_text import markdown_literal

    return markdown_literal(value)


def sandboxed_environment(loader: BaseLoader | None = None) -> ImmutableSandboxedEnvironment:
    """For templates from a knowledge pack: no access to private or internal attributes
    (``__class__``, ``mro``, function globals), no mutation of the data handed in, autoescaped,
    and strict about undefined names."""
    return ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
