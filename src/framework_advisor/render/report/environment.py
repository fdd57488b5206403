"""Jinja environments for reports.

Our own templates (``templates/``) get a normal environment with StrictUndefined, so a misspelt
field fails loudly instead of printing nothing. HTML autoescapes everything; Markdown does not
autoescape (HTML escaping would garble it) and escapes text with the ``md`` filters instead,
which every text output of ``md.j2`` goes through.

A template that comes from a user's knowledge pack must never reach Python internals: render it
only in ``sandboxed_environment()``."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import BaseLoader, Environment, PackageLoader, StrictUndefined
from jinja2.bccache import BytecodeCache
from jinja2.sandbox import ImmutableSandboxedEnvironment

MARKUP_FORMATS = ("md", "html")


def md(value: Any) -> str:
    """Text safe in Markdown, on one line: Markdown syntax and inline HTML are escaped (so
    never a link, an image or HTML: `safe_text.markdown_literal`)."""
    from framework_advisor.safe_text import markdown_literal

    return markdown_literal(value)


def md_code(value: Any) -> str:
    """An inline code span; backslashes mean nothing inside, so only the fence must be safe."""
    text = " ".join(str(value).split())
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}".replace("|", "\\|")


def md_fence(value: Any) -> str:
    """A fence longer than any run of backticks in the block."""
    return "`" * max(3, max((len(run) for run in re.findall(r"`+", str(value))), default=0) + 1)


def signed(value: int) -> str:
    return f"{value:+d}"


def fit_bar(value: int) -> str:
    from framework_advisor.render.bars import fit_bar as bar

    return bar(value)


def _common(environment: Environment) -> Environment:
    environment.filters.update(md=md, md_code=md_code, md_fence=md_fence, signed=signed)
    environment.filters["fit_bar"] = fit_bar
    return environment


@cache
def report_environment(fmt: str, bytecode_cache: BytecodeCache | None = None) -> Environment:
    """The environment for our own report templates in ``fmt`` (md or html), built once per
    cache. The caller passes the compiled-template cache (``exports`` keeps one in the user
    cache folder); a renderer writes no file of its own."""
    if fmt not in MARKUP_FORMATS:
        raise ValueError(f"no report templates for {fmt!r}")
    return _common(
        Environment(
            loader=PackageLoader("framework_advisor.render.report", "templates"),
            undefined=StrictUndefined,
            autoescape=fmt == "html",
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
            bytecode_cache=bytecode_cache,
        )
    )


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
