"""Development tools live in ``devtools/``, outside the runtime package.

localstripe (and aiohttp under it) are development dependencies: a module of the app that
imported them, or the launcher, would break a production install that has only
requirements.txt.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_ONLY = ("localstripe", "aiohttp", "devtools")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_app_module_imports_a_development_tool():
    offenders = {
        str(path.relative_to(PROJECT_ROOT)): sorted(
            name for name in _imports(path) if name.split(".")[0] in DEV_ONLY
        )
        for path in (PROJECT_ROOT / "marketplace").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_localstripe_launcher_runs_from_the_repository_root():
    result = subprocess.run(
        [sys.executable, "-m", "devtools.localstripe_dev", "--help"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: python -m devtools.localstripe_dev" in result.stdout
    assert "--webhook-url" in result.stdout
