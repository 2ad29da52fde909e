"""The import contracts in pyproject.toml hold, and they bite: an edge that runs back up fails.

Each broken case copies the package to a temporary folder, adds one import that the contracts
forbid and runs ``lint-imports`` there, as ``make lint`` and ``make test`` do on the real tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path, *contracts: str) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.exists():
        pytest.skip(f"{LINT_IMPORTS} is missing: pip install -r requirements-dev.txt")
    selected = [arg for contract in contracts for arg in ("--contract", contract)]
    return subprocess.run(  # noqa: S603 (our own tool, fixed arguments)
        [str(LINT_IMPORTS), "--no-logo", "--no-cache", *selected],
        cwd=project,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(project)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def copy_of_the_project(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "marketplace",
        tmp_path / "marketplace",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# (module that gets the import, the import, the contract it breaks, what the report says)
UPWARD_EDGES = [
    (
        "accounts/models.py",
        "import marketplace.orders.models",
        "layers",
        "marketplace.accounts is not allowed to import marketplace.orders",
    ),
    (
        "i18n.py",
        "from marketplace.accounts import phone",
        "layers",
        "marketplace.i18n is not allowed to import marketplace.accounts",
    ),
    (
        "db.py",
        "from marketplace import extensions",
        "layers",
        "marketplace.db is not allowed to import marketplace.extensions",
    ),
    (
        "orders/checkout.py",
        "from marketplace.payments import services",
        "layers",
        "marketplace.orders is not allowed to import marketplace.payments",
    ),
    (
        "stalls/services.py",
        "from marketplace.home import views",
        "layers",
        "marketplace.stalls is not allowed to import marketplace.home",
    ),
    (
        "payments/views.py",
        "from marketplace.orders import views",
        "views",
        "marketplace.payments is not allowed to import marketplace.orders.views",
    ),
    (
        "orders/lifecycle.py",
        "import stripe",
        "stripe",
        "marketplace.orders.lifecycle -> stripe",
    ),
    (
        "photos/services.py",
        "import boto3",
        "boto3",
        "marketplace.photos.services -> boto3",
    ),
    (
        "mail/__init__.py",
        "import smtplib",
        "smtplib",
        "marketplace.mail -> smtplib",
    ),
    (
        "accounts/limits.py",
        "import redis",
        "redis",
        "marketplace.accounts.limits -> redis",
    ),
]


@pytest.mark.parametrize(
    ("module", "statement", "contract", "report"), UPWARD_EDGES, ids=[e[0] for e in UPWARD_EDGES]
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, statement, contract, report):
    project = copy_of_the_project(tmp_path)
    target = project / "marketplace" / module
    # Inside a function, where the imports that hid the old cycles were: they count too.
    target.write_text(target.read_text() + f"\n\ndef _added_edge():\n    {statement}\n")

    result = lint_imports(project, contract)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    assert report in result.stdout, result.stdout
