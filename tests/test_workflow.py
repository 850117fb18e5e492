"""The GitHub Actions workflow: valid, least-privilege, pinned, and it does what the README promises."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "site.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    return workflow.get("on") or workflow[True]


def _steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(workflow["jobs"][job]["steps"])


def _uses(workflow: dict[str, Any]) -> list[str]:
    return [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]


def test_runs_on_every_push_and_pull_request_and_on_version_tags(workflow: dict[str, Any]) -> None:
    on = _triggers(workflow)
    assert on["push"]["branches"] == ["**"]
    assert on["push"]["tags"] == ["v*"]
    assert "pull_request" in on


def test_default_permissions_are_read_only(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"], "the build job must not widen permissions"


def test_deploy_job_uses_official_pages_actions_with_only_pages_permissions(workflow: dict[str, Any]) -> None:
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"]
    assert deploy["environment"]["name"] == "github-pages"
    assert any(u.startswith("actions/deploy-pages@") for u in (s.get("uses", "") for s in deploy["steps"]))
    build_uses = [s.get("uses", "") for s in _steps(workflow, "build")]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in build_uses)


def test_release_job_attaches_the_offline_bundle_on_tags(workflow: dict[str, Any]) -> None:
    release = workflow["jobs"]["release"]
    assert release["permissions"] == {"contents": "write"}
    assert "refs/tags/v" in release["if"]
    script = "\n".join(s.get("run", "") for s in release["steps"])
    assert "gh release upload" in script and "offline.zip" in script


def test_build_job_runs_the_readme_commands_and_keeps_the_bundle(workflow: dict[str, Any]) -> None:
    runs = "\n".join(s.get("run", "") for s in _steps(workflow, "build"))
    readme = (WORKFLOW.parents[2] / "README.md").read_text(encoding="utf-8")
    for command in ("python3 tasks.py test", "python3 tasks.py site"):
        assert command in runs
        assert command in readme
    assert "atlas bundle" in runs
    steps = _steps(workflow, "build")
    artifacts = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert any("offline.zip" in s["with"]["path"] for s in artifacts)


def test_concurrency_group_is_set(workflow: dict[str, Any]) -> None:
    assert "group" in workflow["concurrency"]
    # A Pages deployment is never cancelled half-way.
    assert workflow["jobs"]["deploy"]["concurrency"]["cancel-in-progress"] is False


def test_every_action_is_pinned_to_a_full_commit_sha(workflow: dict[str, Any]) -> None:
    uses = _uses(workflow)
    assert uses
    for ref in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), f"{ref} is not pinned to a commit SHA"


def test_zizmor_finds_nothing() -> None:
    """zizmor, a real workflow linter (offline audits), reports no finding."""
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    if not Path(zizmor).exists():
        pytest.fail("zizmor is not installed: it is a pinned test dependency in pyproject.toml")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", str(WORKFLOW)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
