"""The README's GitHub Actions and GitLab CI jobs, as a team copies them: their `check` lines run
in a repository laid out as the README's settings file says, and what they write is what the
upload steps take (SARIF valid against the 2.1.0 schema, GitLab's Code Quality shape); exit 1
(findings) lets the upload report, exit 2 still fails the job."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from framework_advisor._version import __version__

README = Path("README.md").read_text(encoding="utf-8")


def _block_after(words: str) -> str:
    """The first fenced block after a README sentence."""
    start = README.index(words)
    match = re.compile(r"```[a-z]*\n(.*?)```", re.S).search(README, start)
    assert match, words
    return match.group(1)


def _jobs() -> dict[str, dict]:
    github = yaml.safe_load(_block_after("A GitHub Actions job"))
    gitlab = yaml.safe_load(_block_after("A GitLab CI job"))
    (github_job,) = github["jobs"].values()
    return {"github": github_job, "gitlab": gitlab["check-goals"]}


def _steps(job: dict) -> list[str]:
    """The job's shell lines, in order."""
    if "steps" in job:
        return [step["run"] for step in job["steps"] if "run" in step]
    return list(job["script"])


def _repository(tmp_path: Path) -> Path:
    """A team's repository laid out as the README's settings example says."""
    repo = tmp_path / "team"
    (repo / "goals").mkdir(parents=True)
    (repo / "okrs").mkdir()
    shutil.copy("samples/goals/goals.yaml", repo / "goals" / "goals.yaml")
    shutil.copy("samples/goals/team-okrs.md", repo / "okrs" / "team-okrs.md")
    settings = _block_after("A `.framework-advisor.yaml` at the repository's root")
    (repo / ".framework-advisor.yaml").write_text(settings, encoding="utf-8")
    return repo


def _run_checks(job: dict, repo: Path) -> list[subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    lines = [line for line in _steps(job) if line.startswith("framework-advisor")]
    assert lines, "the job runs the checker"
    return [
        subprocess.run(
            ["bash", "-e", "-c", line], cwd=repo, env=env, capture_output=True, text=True
        )
        for line in lines
    ]


def test_the_jobs_install_the_released_package_from_this_repository() -> None:
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    source = project["urls"]["Source"]
    for name, job in _jobs().items():
        (install,) = [line for line in _steps(job) if line.startswith("pip install")]
        assert f"git+{source}@v{__version__}" in install, name
    pre_commit = yaml.safe_load(_block_after("As a pre-commit hook"))
    (repo,) = pre_commit["repos"]
    assert repo["repo"] == source and repo["rev"] == f"v{__version__}"
    assert [hook["id"] for hook in repo["hooks"]] == ["framework-advisor-check"]


@pytest.mark.subprocess
def test_the_github_job_writes_the_sarif_its_upload_step_takes(tmp_path: Path) -> None:
    from tests.unit.test_check_code_review import _sarif_problems

    job = _jobs()["github"]
    assert job["permissions"]["security-events"] == "write"
    (upload,) = [s for s in job["steps"] if "upload-sarif" in s.get("uses", "")]
    repo = _repository(tmp_path)
    (run,) = _run_checks(job, repo)
    assert run.returncode == 0, run.stderr  # findings (exit 1) let the upload report them
    log = json.loads((repo / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert _sarif_problems(log) == []
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"goals/goals.yaml", "okrs/team-okrs.md"}  # relative to the repository
    assert "commitment-undeclared" not in {r["ruleId"] for r in results}  # the settings' ignore


@pytest.mark.subprocess
def test_the_gitlab_job_writes_the_code_quality_report_it_declares(tmp_path: Path) -> None:
    job = _jobs()["gitlab"]
    repo = _repository(tmp_path)
    (run,) = _run_checks(job, repo)
    assert run.returncode == 0, run.stderr
    report = repo / job["artifacts"]["reports"]["codequality"]
    issues = json.loads(report.read_text(encoding="utf-8"))
    assert issues and {i["location"]["path"] for i in issues} == {
        "goals/goals.yaml",
        "okrs/team-okrs.md",
    }
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}


@pytest.mark.subprocess
@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_a_broken_settings_file_still_fails_the_job(tmp_path: Path, ci: str) -> None:
    repo = _repository(tmp_path)
    (repo / ".framework-advisor.yaml").write_text("check:\n  profile: gogle\n", encoding="utf-8")
    (run,) = _run_checks(_jobs()[ci], repo)
    assert run.returncode != 0  # the job fails
    assert ".framework-advisor.yaml:2: error check-config" in run.stderr
