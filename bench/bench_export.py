"""Export speed: the full deck without pictures (target ≤ 2 s), the XLSX workbook, and PNG /
SVG per chart with a warm Chrome (target ≤ 1 s per PNG), plus Chrome's cold start."""

import statistics
import time

from tco.data.presets import default_scenario
from tco.export import chart_figures, images, tables
from tco.export.pptx_deck import DEFAULT_SECTIONS, SECTIONS, build_deck
from tco.export.report import build_report

DECK_TARGET_S = 2.0
PNG_TARGET_S = 1.0
REPEATS = 5


def _timed(function, repeats: int = REPEATS) -> tuple[float, float]:
    """Median and worst wall time of ``repeats`` calls [s]; targets are judged on the median
    (the machine is shared, so the worst case measures the neighbours too)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def _line(label: str, median: float, worst: float, target: float | None = None) -> None:
    verdict = "" if target is None else (" ok" if median <= target else " OVER TARGET")
    goal = "" if target is None else f" (target ≤ {target:g} s){verdict}"
    print(f"{label:<44} median {median:6.3f} s, worst {worst:6.3f} s{goal}")


def main() -> None:
    scenario = default_scenario().model_copy(update={"customer_name": "Bench Customer"})
    build_report(scenario)  # warm the catalogue and the throughput model's caches
    _line("report (engine + counterpart + tornado)", *_timed(lambda: build_report(scenario)))
    report = build_report(scenario)
    _line(
        f"deck, {len(DEFAULT_SECTIONS)} sections, no pictures",
        *_timed(lambda: build_deck(report)),
        DECK_TARGET_S,
    )
    _line(
        "report + deck (what one click does)",
        *_timed(lambda: build_deck(build_report(scenario))),
        DECK_TARGET_S,
    )
    _line("xlsx, every table", *_timed(lambda: tables.xlsx_bytes(report)))
    renderer = images.Renderer()
    fig = chart_figures.chart(report, "cost-over-time")
    started = time.perf_counter()
    renderer.start()
    print(f"{'Chrome cold start':<44} {time.perf_counter() - started:6.3f} s")
    for name in chart_figures.CHART_NAMES:
        fig = chart_figures.chart(report, name)
        _line(
            f"png 1920×1080, warm Chrome: {name}",
            *_timed(lambda f=fig: images.figure_image(f, renderer=renderer)),
            PNG_TARGET_S,
        )
    _line(
        "svg 1920×1080, warm Chrome: cost-over-time",
        *_timed(lambda: images.figure_image(fig, "svg", renderer=renderer)),
    )
    _line(
        "deck with the uncertainty picture",
        *_timed(lambda: build_deck(report, list(SECTIONS), renderer=renderer), repeats=3),
    )
    renderer.close()
