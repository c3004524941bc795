"""House rules for the dashboard's code: no live HTML from Python, no pickle, cached engine."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "tco" / "ui").glob("*.py")]


def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_no_html_is_rendered_from_python():
    offenders = [
        str(p.relative_to(ROOT))
        for p in UI_FILES
        if "unsafe_allow_html" in _source(p) or "st.html(" in _source(p)
    ]
    assert offenders == []


def test_nothing_in_the_dashboard_unpickles():
    def imports(path: Path) -> set[str]:
        names = set()
        for node in ast.walk(ast.parse(_source(path))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        return names

    assert [str(p.relative_to(ROOT)) for p in UI_FILES if "pickle" in imports(p)] == []


def test_pages_reach_the_engine_through_the_cache():
    """Pages call tco.ui.cached (keyed on the scenario JSON), never the engine directly."""
    direct = ("tco.engine", "tco.analysis")
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "pages").glob("*.py")
        if any(name in _source(p) for name in direct)
    ]
    assert offenders == []
