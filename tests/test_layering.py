"""Architecture guard rails (issue 11): the layout shows the design, and stays that way.

The engine never imports Streamlit and raises rather than asserts; pages only render what
tco.ui gives them; the top of tco/ holds only subpackages; no module grows past 400 lines;
no two modules import each other, directly or round a loop.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TCO = ROOT / "tco"
ENGINE_FILES = [p for p in TCO.rglob("*.py") if "ui" not in p.relative_to(TCO).parts]
PAGE_FILES = [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
MAX_MODULE_LINES = 400


def _imported(path: Path) -> set[str]:
    """Every module name an `import` or `from … import` in the file names (full dotted)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _roots(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _imported(path)}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_engine_does_not_import_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in ENGINE_FILES if "streamlit" in _roots(p)]
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


def test_pages_import_only_streamlit_the_standard_library_and_tco_ui():
    """Pages render what tco.ui gives them: no pandas or numpy, no engine, no figures."""
    offenders = []
    for path in PAGE_FILES:
        for name in _imported(path):
            root = name.split(".")[0]
            allowed = (
                root == "streamlit"
                or name == "tco.ui"
                or name.startswith("tco.ui.")
                or (root in sys.stdlib_module_names and root != "tco")
            )
            if not allowed:
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert len(PAGE_FILES) > 5
    assert offenders == []


def test_the_top_of_tco_holds_only_subpackages():
    loose = sorted(p.name for p in TCO.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert loose == []


def test_no_module_is_longer_than_400_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in TCO.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def _graph() -> dict[str, set[str]]:
    """tco module → the tco modules it imports (a `from pkg import mod` counts as pkg.mod)."""
    modules = {_module_name(p): p for p in TCO.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                found = [f"{node.module}.{alias.name}" for alias in node.names]
                found = [f if f in modules else node.module for f in found]
            else:
                continue
            targets.update(f for f in found if f in modules and f != name)
        graph[name] = targets
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import loop (a list of modules that ends where it starts), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_import_cycle_in_tco():
    graph = _graph()
    assert len(graph) > 50
    assert _cycle(graph) is None


def test_the_cycle_finder_finds_a_loop():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


BENCH = ROOT / "bench"
_QUANTILE_CALLS = {"quantiles", "quantile", "nanquantile", "nanpercentile"}


def _percentile_rules(source: str) -> list[str]:
    """Percentiles computed in place: statistics.quantiles, numpy's quantile or percentile,
    or an index into a sorted list."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "attr", getattr(func, "id", ""))
            owner = getattr(getattr(func, "value", None), "id", "")
            if name in _QUANTILE_CALLS or (name == "percentile" and owner in ("np", "numpy")):
                found.append(f"line {node.lineno}: {ast.unparse(func)}")
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", "") == "sorted"
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_bench_has_one_percentile_definition():
    """Every p50/p90/p95 a benchmark prints comes from bench/stats.py."""
    offenders = {
        path.name: found
        for path in BENCH.glob("*.py")
        if path.name != "stats.py" and (found := _percentile_rules(path.read_text()))
    }
    assert offenders == {}
    assert _percentile_rules((BENCH / "stats.py").read_text())  # it is defined there


def test_the_percentile_check_finds_hand_made_ones():
    assert _percentile_rules("p90 = sorted(times)[int(0.9 * len(times))]")
    assert _percentile_rules("p95 = statistics.quantiles(ms, n=20)[-1]")
    assert _percentile_rules("p99 = np.percentile(ms, 99)")
    assert _percentile_rules("p50 = percentile(ms, 50)") == []  # the shared one
