"""A served export is one zip download named after the participant and the day, holding every
file the dialog ticked (issue 31): a browser blocks a page's second and later downloads."""

from __future__ import annotations

import io
import re
import zipfile

from framework_advisor.exports import EXPORTS, export_file_name

from ..tui.room_client import Served
from .test_room_browser import Drawn

STEM = "Bea-Müller"
"""The participant's session, named after them: their file, their exports."""


def answer(page, question: str, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the question has the keyboard, then type or press each key."""
    page.wait_for_selector(f'body[data-ready="question:{question}"]', state="attached")
    for key in keys:
        if key in ("Enter", "ArrowDown"):
            page.keyboard.press(key)
        else:
            page.keyboard.type(key)


def test_a_served_export_is_one_zip_of_the_ticked_files(room: Served, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1100, "height": 760}, accept_downloads=True)
    drawn = Drawn(page)
    downloads: list = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(room.url)
    page.fill("#code", room.code)
    page.fill("#name", "Bea Müller")
    page.click("#join")
    page.click("#start")
    drawn.wait_for("Question 1 of")
    page.wait_for_selector('body[data-ready="question:organisation"]', state="attached")
    answer(page, "organisation", "Bea Corp", "Enter")
    answer(page, "headcount", "42", "Enter")
    answer(page, "stage", "Enter")  # optional, and known from the headcount
    answer(page, "function", "ArrowDown", "Enter")  # the first option: the whole company
    answer(page, "needs", "ArrowDown", " ", "Enter")  # the first need
    page.wait_for_selector('body[data-ready="question:compensation_linked"]', state="attached")
    page.keyboard.press("Control+r")
    drawn.wait_for("Review your answers")
    drawn.settled()
    page.keyboard.press("Control+e")
    drawn.wait_for("one zip download")
    drawn.settled()
    with page.expect_download(timeout=60_000) as caught:
        page.keyboard.press("Enter")  # the Export button has the focus
    download = caught.value
    drawn.settled(quiet=1.0)
    assert len(downloads) == 1, [d.suggested_filename for d in downloads]
    name = download.suggested_filename
    assert re.fullmatch(r"Bea-Müller-\d{4}-\d{2}-\d{2}\.zip", name), name  # who, and the day
    with open(download.path(), "rb") as stream:
        archive = zipfile.ZipFile(io.BytesIO(stream.read()))
    ticked = [e for e in EXPORTS if e.ticked]  # the dialog's ticks, untouched
    named = [export_file_name(STEM, e) for e in ticked if e.document != "templates"]
    assert set(named) <= set(archive.namelist()), archive.namelist()
    if any(e.document == "templates" for e in ticked):
        assert any(n.endswith(".xlsx") for n in archive.namelist()), archive.namelist()
    answers = next(e for e in ticked if e.document == "answers")
    assert b"Bea Corp" in archive.read(export_file_name(STEM, answers))
