"""The report as PDF: the HTML report, laid out by WeasyPrint with its print stylesheet (A4).

WeasyPrint is imported only here, when a PDF is asked for. It needs the Pango system library;
where that is missing, the user gets exit code 3 and what to install, never a traceback."""

from __future__ import annotations

from datetime import date
from typing import Any

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.errors import MissingDependencyError

INSTALL_HINT = (
    "PDF reports need the Pango library. Install it: on Debian or Ubuntu "
    "`apt-get install libpango-1.0-0 libpangoft2-1.0-0`; on macOS `brew install pango`; "
    "on Windows see https://doc.courtbouillon.org/weasyprint/stable/first_steps.html. "
    "Or write the report as HTML (--format html) and print it to PDF from a browser."
)
_LIBRARY_WORDS = ("library", "lib", "pango", "gobject", "harfbuzz", "fontconfig", "cairo", ".so")


def pdf(
    rec: Recommendation,
    kb: KnowledgeBase,
    *,
    answers: dict[str, Any] | None = None,
    brand: str = "",
    today: date | None = None,
    **_: Any,
) -> bytes:
    from framework_advisor.render.report.templated import html

    return html_to_pdf(html(rec, kb, answers=answers, brand=brand, today=today))


def html_to_pdf(document: str) -> bytes:
    """Lay out a self-contained HTML document as PDF. Nothing is fetched: the report has no
    external resources, and any URL that slipped in is refused."""
    try:
        import weasyprint
    except OSError as exc:
        raise _missing(exc) from None
    except ImportError:
        raise MissingDependencyError(
            "PDF reports need the Python package weasyprint: pip install weasyprint"
        ) from None
    try:
        result = weasyprint.HTML(string=document, url_fetcher=_refuse_urls).write_pdf()
    except OSError as exc:
        if _names_a_library(exc):
            raise _missing(exc) from None
        raise
    assert isinstance(result, bytes)
    return result


def _refuse_urls(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the report fetches nothing: refused {url[:80]}")


def _names_a_library(exc: OSError) -> bool:
    text = str(exc).lower()
    return any(word in text for word in _LIBRARY_WORDS)


def _missing(exc: OSError) -> MissingDependencyError:
    detail = " ".join(str(exc).split())
    cut = detail.find(". Additionally")  # cffi adds a long second sentence
    detail = detail[:cut] if cut > 0 else detail
    return MissingDependencyError(f"{INSTALL_HINT} ({detail[:200]})")
