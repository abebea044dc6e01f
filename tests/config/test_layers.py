"""The import-linter contract in pyproject.toml bites: an upward import from a model breaks it.

Checked on a copy of the apps in a temporary folder, never on the tree itself. The copy is
first checked unchanged, so that a broken contract can only come from the one import added."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _copy_apps(target):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    for package in config["root_packages"]:
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")


def _lint_imports(folder):
    # The copy comes first on the path, before the editable install of the real tree.
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--no-logo", "pyproject.toml"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def apps_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layers")
    _copy_apps(folder)
    result = _lint_imports(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.mark.parametrize(
    ("module", "added", "message"),
    [
        (
            "core/models.py",
            "from cities.models import CityPage  # noqa\n",
            "core is not allowed to import cities",
        ),
        (
            # Inside a function, the way the circle used to be hidden.
            "cities/models.py",
            "def _projects():\n    from projects.models import ProjectPage\n\n"
            "    return ProjectPage\n",
            "cities is not allowed to import projects",
        ),
    ],
)
def test_upward_import_from_a_model_breaks_the_layers(apps_copy, module, added, message):
    path = apps_copy / module
    original = path.read_text()
    try:
        path.write_text(f"{original}\n\n{added}")
        result = _lint_imports(apps_copy)
    finally:
        path.write_text(original)
    assert result.returncode != 0
    assert message in result.stdout
