"""The suite's own layout: helpers come from tests/helpers.py, fixtures from conftest."""

import re
from pathlib import Path

TESTS = Path(__file__).parent
_FROM_CONFTEST = re.compile(
    r"^\s*(from\s+tests(\.\w+)*\.conftest\s+import|import\s+tests(\.\w+)*\.conftest)", re.M
)


def test_no_module_imports_from_conftest():
    offenders = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("*.py")
        if _FROM_CONFTEST.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "import helpers from tests.helpers, fixtures come from conftest"
