"""The HTML report's charts in a real browser (Debian's chromium, driven by Playwright): both
render, are images with an accessible name, load nothing, and every text fits its box."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES

from .test_room_browser import ARGS, CHROMIUM, SCREENSHOTS

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium installed (Debian: apt-get install chromium)"
)

OVERFLOW = """svg => {
  const out = [];
  const box = svg.viewBox.baseVal;
  for (const text of svg.querySelectorAll('text')) {
    const b = text.getBBox();
    if (b.x < -0.5 || b.x + b.width > box.width + 0.5) out.push(['outside', text.textContent]);
    const chip = text.parentElement.tagName === 'g' ? text.parentElement.querySelector('rect') : null;
    if (chip) {
      const c = chip.getBBox();
      if (b.x + b.width > c.x + c.width + 0.5) out.push(['beyond its meeting', text.textContent]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("sample", ["startup", "sales-led", "manufacturer"])
def test_the_report_charts_render_as_accessible_images(
    run_cli, tmp_path: Path, sample: str
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    report = tmp_path / "report.html"
    result = run_cli("report", "--answers", SAMPLES / f"{sample}.yaml", "--format", "html",
                     "-o", report)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(report.as_uri())
            assert requests == [report.as_uri()]  # nothing else is loaded
            for name in ("Fit of every framework, 0 to 100",
                         "Phase one's meetings: a month at a glance"):  # fmt: skip
                chart = page.get_by_role("img", name=name)
                assert chart.count() == 1
                box = chart.bounding_box()
                assert box is not None and box["width"] >= 600 and box["height"] >= 100
                assert chart.evaluate(OVERFLOW) == []
            bars = page.locator("figure.chart svg rect:has(title)")
            assert bars.count() >= 14 and bars.first.bounding_box()["width"] > 50  # type: ignore[index]
            SCREENSHOTS.mkdir(exist_ok=True)
            for index, figure in enumerate(page.locator("figure.chart").all()):
                figure.screenshot(path=str(SCREENSHOTS / f"report-{sample}-chart-{index}.png"))
        finally:
            browser.close()
