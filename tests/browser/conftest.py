"""Browser tests share one way to start chromium, and are skipped, with the reason, without it."""

from pathlib import Path

import pytest

from tests.browser.chromium import CHROMIUM, CHROMIUM_MISSING, launch

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    if not CHROMIUM_MISSING:
        return
    skip = pytest.mark.skip(reason=f"Debian's chromium is not installed ({CHROMIUM})")
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture
def browser():
    with launch() as chromium:
        yield chromium
