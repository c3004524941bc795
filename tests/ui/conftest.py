"""AppTest helpers: open the real app at a page, with an optional scenario link."""

import pytest
from apptest_pages import open_page


@pytest.fixture
def app():
    return open_page
