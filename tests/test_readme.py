"""The README's snippets work as pasted: Python examples run, YAML parses, the CI workflow
and the pre-commit hook install the documented version, and SARIF upload skips forks."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT

import tqcheck

README = (ROOT / "README.md").read_text(encoding="utf-8")
yaml = pytest.importorskip("yaml", reason="PyYAML is in the test extra")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.DOTALL)


PYTHON = _blocks("python")


@pytest.mark.parametrize("code", PYTHON, ids=[f"python-{i}" for i in range(len(PYTHON))])
def test_python_examples_run(code, monkeypatch):
    if "Client(" in code:
        pytest.skip("needs a Dask cluster; tests/test_distributed.py runs the same calls on a local one")
    monkeypatch.chdir(ROOT)  # the examples name seeds/ as a reader in a checkout would
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})


def test_the_api_examples_show_check_texts_and_keyword_config():
    joined = "\n".join(PYTHON)
    assert "check_texts(" in joined and "fail_on=" in joined


def _yaml(marker: str) -> dict:
    docs = [yaml.safe_load(b) for b in _blocks("yaml")]
    found = [d for d in docs if isinstance(d, dict) and marker in d]
    assert found, f"no YAML snippet with {marker!r}"
    return found[0]


def test_every_yaml_snippet_parses():
    blocks = _blocks("yaml")
    assert len(blocks) >= 2
    for b in blocks:
        assert isinstance(yaml.safe_load(b), dict)
        assert "OWNER" not in b and "<" not in b  # no placeholder to fill in


def _workflow() -> tuple[dict, list[dict]]:
    wf = _yaml("jobs")
    (job,) = wf["jobs"].values()
    return job, job["steps"]


def test_workflow_installs_the_documented_version_and_its_commands_parse():
    from tqcheck.cli import parser

    job, steps = _workflow()
    runs = [s["run"] for s in steps if "run" in s]
    install = [r for r in runs if r.startswith("pip install")]
    assert install == [f'pip install "tqcheck=={tqcheck.__version__}"']
    for cmd in runs:
        if cmd.startswith("tqcheck"):
            args = parser().parse_args(shlex.split(cmd)[1:])  # exits on an unknown flag
            assert args.paths == ["."]
    for s in steps:
        if "uses" in s:
            assert re.search(r"@v\d+$", s["uses"]), s["uses"]  # a real tag, not a branch


def _github_if(expr: str, event: str, head: str, repo: str = "newsroom/articles") -> bool:
    """Evaluate the step's condition the way Actions would, for the few operators used."""
    py = (expr.replace("always()", "True").replace("&&", " and ").replace("||", " or ")
          .replace("github.event_name", repr(event))
          .replace("github.event.pull_request.head.repo.full_name", repr(head))
          .replace("github.repository", repr(repo)))
    assert re.fullmatch(r"[\sA-Za-z'/!=()._-]+", py), py  # nothing but what we substituted
    return bool(eval(py))  # noqa: S307 - a string from our README, checked above


def test_sarif_upload_needs_write_permission_and_skips_forks():
    job, steps = _workflow()
    assert job["permissions"]["security-events"] == "write"
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert "continue-on-error" not in upload
    cond = upload["if"]
    assert _github_if(cond, "push", "")
    assert _github_if(cond, "pull_request", "newsroom/articles")
    assert not _github_if(cond, "pull_request", "someone/articles")  # a fork
    sarif_step = next(s for s in steps if "sarif" in s.get("run", ""))
    assert "-o tqcheck.sarif" in sarif_step["run"] and upload["with"]["sarif_file"] == "tqcheck.sarif"


def test_pre_commit_hook_matches_the_published_hook_and_pins_the_version():
    cfg = _yaml("repos")
    (repo,) = cfg["repos"]
    (hook,) = repo["hooks"]
    published = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    ref = published[hook["id"]]
    for key in ("entry", "language", "args", "pass_filenames", "require_serial", "files"):
        assert hook[key] == ref[key], key
    if repo["repo"] == "local":
        assert hook["additional_dependencies"] == [f"tqcheck=={tqcheck.__version__}"]
    else:
        assert repo["rev"] == f"v{tqcheck.__version__}"
    # the rev the README names for a repo: entry is the tag of this version
    assert f"rev: v{tqcheck.__version__}" in README.replace("`", "")
    assert re.compile(hook["files"]).search("news/story.toml")
    assert re.compile(hook["files"]).search("news/report.ar.md")
