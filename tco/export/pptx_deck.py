"""The PowerPoint deck: 16:9, native charts with their data embedded, footnotes on every slide.

`build_deck(report, sections)` returns the .pptx bytes. Sections, in deck order:
title, key figures, workload mix, cost per million tokens over time, capital and operating
costs, scenario comparison (an A→B waterfall per comparison scenario), break-even, tornado,
uncertainty (the one picture: a P10–P90 band is no native chart type) and assumptions and
sources (paged when long). Every chart is a native PowerPoint chart holding the engine's
numbers; every slide carries the assumptions line with the date.
"""

import io
from collections.abc import Callable, Sequence

from pptx import Presentation

from tco.export import chart_slides, images, text_slides
from tco.export.pptx_text import SLIDE_H, SLIDE_W, page_number
from tco.export.report import Report, with_monte_carlo
from tco.export.sanitise import text as clean
from tco.models.errors import TcoError

SECTIONS: dict[str, str] = {
    "title": "Title",
    "key-figures": "Key figures",
    "workloads": "Workload mix",
    "cost-over-time": "Cost per million tokens over time",
    "breakdown": "Capital and operating costs",
    "comparison": "Scenario comparison (A → B)",
    "break-even": "Break-even",
    "tornado": "What moves the cost most (tornado)",
    "uncertainty": "Uncertainty range (a picture; starts Chrome)",
    "assumptions": "Assumptions and sources",
}
PICTURE_SECTIONS = frozenset({"uncertainty"})
DEFAULT_SECTIONS = tuple(s for s in SECTIONS if s not in PICTURE_SECTIONS)
BLANK_LAYOUT = 6

Progress = Callable[[float, str], object]  # called with (done fraction, slide title); result unused
BUILDERS = {
    "title": text_slides.title,
    "key-figures": text_slides.key_figures,
    "workloads": text_slides.workloads,
    "cost-over-time": chart_slides.cost_over_time,
    "breakdown": chart_slides.breakdown,
    "comparison": chart_slides.comparison,
    "break-even": chart_slides.break_even,
    "tornado": chart_slides.tornado,
    "assumptions": text_slides.assumptions,
}


COMPARISON_SECTIONS = frozenset({"comparison", "break-even"})
"""Slides that show a comparison scenario, offered only when there is one."""


def sections_offered(with_comparison: bool) -> list[str]:
    """The sections a deck can have, in deck order, with or without a comparison scenario."""
    return [s for s in SECTIONS if with_comparison or s not in COMPARISON_SECTIONS]


def check_sections(sections: Sequence[str]) -> tuple[str, ...]:
    """The chosen sections in deck order; TcoError naming the valid ones otherwise."""
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise TcoError(
            f"unknown deck section(s) {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(SECTIONS)}"
        )
    if not sections:
        raise TcoError("choose at least one deck section")
    return tuple(s for s in SECTIONS if s in sections)


def build_deck(
    report: Report,
    sections: Sequence[str] = DEFAULT_SECTIONS,
    *,
    renderer: images.Renderer | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The deck as .pptx bytes. ``renderer`` draws the picture slides (default: the
    process's warm Chrome); ``progress(fraction, label)`` is told about each section."""
    chosen = check_sections(sections)
    if "uncertainty" in chosen:
        report = with_monte_carlo(report)
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    props = deck.core_properties
    props.title = clean(report.scenario.name)
    props.subject = "AI inference total cost of ownership"
    props.author = props.last_modified_by = "inference-tco"
    props.keywords = "inference-tco"
    blank = deck.slide_layouts[BLANK_LAYOUT]
    for index, section in enumerate(chosen):
        if progress:
            progress(index / len(chosen), SECTIONS[section])
        new_slide = lambda: deck.slides.add_slide(blank)  # noqa: E731
        if section in PICTURE_SECTIONS:
            chart_slides.uncertainty(new_slide, report, renderer or images.default_renderer())
        else:
            BUILDERS[section](new_slide, report)
    total = len(deck.slides)
    for number, slide in enumerate(deck.slides, start=1):
        if number > 1 or chosen[0] != "title":
            page_number(slide, f"{number} / {total}")
    if progress:
        progress(1.0, "Done")
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
