"""Architecture guard rails: the engine never imports Streamlit; it raises, never asserts."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE_FILES = [
    p for p in (ROOT / "tco").rglob("*.py") if "ui" not in p.relative_to(ROOT / "tco").parts
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_engine_does_not_import_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in ENGINE_FILES if "streamlit" in _imports(p)]
    assert ENGINE_FILES
    assert offenders == []


def test_engine_uses_no_assert_statements():
    offenders = [
        f"{p.relative_to(ROOT)}:{node.lineno}"
        for p in ENGINE_FILES
        for node in ast.walk(ast.parse(p.read_text()))
        if isinstance(node, ast.Assert)
    ]
    assert offenders == []


def test_pages_do_not_import_engine_internals_that_compute():
    """Pages render what tco returns; they never import numpy to compute figures themselves."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
        if "numpy" in _imports(p)
    ]
    assert offenders == []
