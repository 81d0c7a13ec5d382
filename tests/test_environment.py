"""The three descriptions of the environment agree.

pyproject.toml (the source of truth: runtime + dev dependencies with their
specifiers), environment.yml (conda users: the same list under ``pip:``) and
constraints.txt (exact pins used by ``make``) must not drift apart.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from analysis import config

ROOT = config.ROOT
_REQ = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?P<spec>[^;#]*)")


def normalise_name(name: str) -> str:
    """PEP 503 normalised project name: lower case, runs of ``-_.`` become ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(line: str) -> tuple[str, str]:
    """``"PyYAML >= 6.0"`` -> ``("pyyaml", ">=6.0")``; specifiers sorted, spaces removed."""
    match = _REQ.match(line)
    if not match:
        raise ValueError(f"cannot parse requirement {line!r}")
    spec = ",".join(sorted(s.strip().replace(" ", "") for s in match["spec"].split(",") if s.strip()))
    return normalise_name(match["name"]), spec


def requirement_dict(lines: list[str], *, source: str) -> dict[str, str]:
    """Name -> specifier for a list of requirement strings; a name listed twice is an error."""
    out: dict[str, str] = {}
    for line in lines:
        name, spec = parse_requirement(line)
        if name in out:
            raise ValueError(f"{source}: {name} is listed twice")
        out[name] = spec
    return out


def diff_requirements(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """Human-readable differences between two name -> specifier maps (empty if equal)."""
    problems = []
    for name in sorted(a.keys() | b.keys()):
        if name not in b:
            problems.append(f"{name}{a[name]} only in the first")
        elif name not in a:
            problems.append(f"{name}{b[name]} only in the second")
        elif a[name] != b[name]:
            problems.append(f"{name}: {a[name]!r} != {b[name]!r}")
    return problems


def pyproject_requirements(path: Path = ROOT / "pyproject.toml") -> dict[str, str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    project = data["project"]
    lines = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    return requirement_dict(lines, source=path.name)


def environment_yml(path: Path = ROOT / "environment.yml") -> tuple[list[str], dict[str, str]]:
    """(conda dependencies, pip name -> specifier) of environment.yml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    conda, pip = [], []
    for dep in data["dependencies"]:
        if isinstance(dep, dict):
            pip.extend(dep.get("pip", []))
        else:
            conda.append(str(dep))
    return conda, requirement_dict(pip, source=path.name)


def constraints(path: Path = ROOT / "constraints.txt") -> dict[str, str]:
    """Name -> pinned version of constraints.txt; every line must be ``name==version``."""
    pins: dict[str, str] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        if not match:
            raise ValueError(f"{path.name} line {n}: {raw!r} is not an exact pin name==version")
        name = normalise_name(match[1])
        if name in pins:
            raise ValueError(f"{path.name} line {n}: {name} is pinned twice")
        pins[name] = match[2]
    return pins


# ---- the helpers themselves (so that the checks below can fail) ----

def test_parse_requirement_normalises_names_and_specifiers():
    assert parse_requirement("PyYAML >= 6.0") == ("pyyaml", ">=6.0")
    assert parse_requirement("typing_extensions<5, >=4.1") == ("typing-extensions", "<5,>=4.1")
    assert parse_requirement("analysis[dev]>=0.1") == ("analysis", ">=0.1")
    assert parse_requirement("pytest") == ("pytest", "")


def test_diff_requirements_reports_each_mismatch():
    pyproject = {"pandas": ">=2.2", "numpy": ">=1.26", "pytest": ">=8.0"}
    # deliberately mismatched: numpy's specifier differs, pytest missing, scipy extra
    conda = {"pandas": ">=2.2", "numpy": ">=1.25", "scipy": ">=1.11"}
    assert diff_requirements(pyproject, conda) == [
        "numpy: '>=1.26' != '>=1.25'",
        "pytest>=8.0 only in the first",
        "scipy>=1.11 only in the second",
    ]
    assert diff_requirements(pyproject, dict(pyproject)) == []


def test_requirement_dict_rejects_duplicates():
    with pytest.raises(ValueError, match="environment.yml: pyyaml is listed twice"):
        requirement_dict(["PyYAML>=6.0", "pyyaml>=6.0"], source="environment.yml")


def test_constraints_parser_rejects_ranges(tmp_path):
    bad = tmp_path / "constraints.txt"
    bad.write_text("# header\npandas==3.1.1\nnumpy>=2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 3: 'numpy>=2' is not an exact pin"):
        constraints(bad)


# ---- the real files ----

def test_environment_yml_matches_pyproject():
    conda, pip = environment_yml()
    assert diff_requirements(pyproject_requirements(), pip) == []
    assert "python=3.11" in conda
    assert "pip" in conda


def test_every_dependency_is_pinned_in_constraints():
    pins = constraints()
    missing = sorted(set(pyproject_requirements()) - set(pins))
    assert missing == [], f"not pinned in constraints.txt (run `make lock`): {missing}"


def test_pins_satisfy_pyproject_specifiers():
    pins = constraints()
    bad = [
        f"{name}=={pins[name]} does not satisfy {spec}"
        for name, spec in pyproject_requirements().items()
        if name in pins and Version(pins[name]) not in SpecifierSet(spec)
    ]
    assert bad == []


def test_analysis_itself_is_not_pinned():
    assert "analysis" not in constraints()


def test_installed_direct_dependencies_match_pins():
    """The venv running the tests holds the pinned versions (else: `make` reinstalls, or `make lock`)."""
    pins = constraints()
    drift = []
    for name in pyproject_requirements():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            drift.append(f"{name} not installed")
            continue
        if name in pins and Version(installed) != Version(pins[name]):
            drift.append(f"{name}: installed {installed}, pinned {pins[name]}")
    assert drift == []


def test_python_is_3_11():
    assert sys.version_info[:2] == (3, 11)


# ---- the commands ----

def make_dry_run(*args: str) -> subprocess.CompletedProcess:
    """``make -n ARGS`` in the project root, isolated from any make that runs the tests."""
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}}
    return subprocess.run(
        ["make", "--no-print-directory", "-n", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize(
    "target, expected",
    [
        ("report", "-m analysis.report"),
        ("verify", "-m analysis.report --verify"),
        ("test", "-m pytest -q tests/"),
        ("lab", "jupyter lab"),
        ("bench", "benchmarks/*.py"),
        ("clean", "rm -rf reports/"),
    ],
)
def test_make_targets_exist(target, expected):
    """`make -n <target>` parses and prints the command that does the work (nothing is run)."""
    proc = make_dry_run(target)
    assert proc.returncode == 0, proc.stderr
    assert expected in proc.stdout


def test_make_report_passes_the_speech_only_when_given():
    run = lambda *args: make_dry_run("report", *args).stdout.splitlines()[-1]  # noqa: E731
    assert run().rstrip().endswith("-m analysis.report")
    # quoted for the shell, as every variable (issue 9; tests/test_bad_input.py runs the hostile ones)
    assert run("SPEECH=un-sg-2018-06-29").rstrip().endswith("-m analysis.report --speech='un-sg-2018-06-29'")
    # issue 14: the theme dictionary too, quoted (a path may hold spaces)
    assert run("SPEECH=x", "THEMES=my themes.yaml").rstrip().endswith("--speech='x' --themes='my themes.yaml'")


def test_ci_script_is_strict_and_executable():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK), f"{script} is not executable"
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in text
    assert "make test" in text


def test_import_analysis_loads_no_chart_or_engine_library():
    """`import analysis` (every corpus worker does it) loads no matplotlib, Dask or spaCy: they load on first use."""
    code = ("import sys, analysis; "
            "print(','.join(m for m in ('matplotlib', 'dask', 'distributed', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
