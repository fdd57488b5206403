"""The knowledge base ships inside the wheel: an installed copy works from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from framework_advisor.kb.load import load

pytestmark = [pytest.mark.slow, pytest.mark.subprocess]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = out.glob("framework_advisor-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "framework_advisor/knowledge/kb.yaml" in names
    assert "framework_advisor/knowledge/frameworks/okr.yaml" in names
    for font in ("SourceSansPro-Regular.otf", "SourceSansPro-BoldIt.otf", "OFL.txt"):
        assert f"framework_advisor/render/report/fonts/{font}" in names
    target = out / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return target


def _run(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(installed), FRAMEWORK_ADVISOR_CACHE_DIR=str(cwd / "c"))
    return subprocess.run(
        [sys.executable, "-m", "framework_advisor", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def test_installed_copy_uses_its_own_knowledge(installed: Path, tmp_path: Path) -> None:
    probe = _run(installed, tmp_path, "validate")
    assert probe.returncode == 0, probe.stderr
    code = "import framework_advisor.kb.locate as l; print(l.embedded_dir())"
    where = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(installed)),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed)


@pytest.mark.parametrize(
    "args",
    [
        ("frameworks",),
        ("show", "okr"),
        ("compare", "okr", "kpi"),
        ("questions", "--format", "yaml"),
        ("questions", "--format", "json"),
        ("check", "--kind", "key_result", "Raise NPS from 30 to 45 by 30 September"),  # checks.yaml
        ("--version",),
    ],
)
def test_every_command_works_from_any_directory(installed: Path, tmp_path: Path, args) -> None:
    result = _run(installed, tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_recommend_from_any_directory(installed: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text((ROOT / "samples" / "sales-led.yaml").read_text(), encoding="utf-8")
    result = _run(installed, tmp_path, "recommend", "--answers", "a.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["ranking"]) == len(load([], use_cache=False).frameworks)
    whatif = _run(installed, tmp_path, "whatif", "--answers", "a.yaml", "--set", "stage=startup")
    assert whatif.returncode == 0, whatif.stderr


def test_the_installed_copy_writes_a_pdf_report_from_its_own_template(
    installed: Path, tmp_path: Path
) -> None:
    assert (installed / "framework_advisor/render/document/typst/document.typ").is_file()
    assert (installed / "framework_advisor/render/document/styles/report.css").is_file()
    assert (installed / "framework_advisor/knowledge/report.yaml").is_file()
    assert (installed / "framework_advisor/render/workshop/templates/sheet.typ").is_file()
    answers = tmp_path / "a.yaml"
    answers.write_text((ROOT / "samples" / "startup.yaml").read_text(), encoding="utf-8")
    result = _run(installed, tmp_path, "report", "-a", "a.yaml", "-f", "pdf", "-o", "r.pdf")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
