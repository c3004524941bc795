"""Slides of words and figures: title, key figures, workload mix, assumptions and sources."""

from collections.abc import Sequence

from pptx.enum.shapes import MSO_SHAPE
from pptx.slide import Slide
from pptx.util import Emu, Inches

from tco.export import assumptions as inputs
from tco.export.pptx_charts import rgb
from tco.export.pptx_text import (
    ACCENT,
    BODY_BOTTOM,
    BODY_TOP,
    CONTENT_W,
    MARGIN,
    SLIDE_W,
    NewSlide,
    estimated_lines,
    footnote,
    heading,
    table,
    text_box,
    tile,
)
from tco.export.report import Report
from tco.models import BOUND_LABELS
from tco.present.figures import GREY
from tco.present.inputs import value_text
from tco.present.numbers import power_kw

MAX_NOTES = 3
TABLE_SIZE = 10
LINE_IN = 0.165  # height of a line of table text at TABLE_SIZE [in]
MAX_SOURCE_CHARS = 700


def vs_api(report: Report) -> str:
    """', 63 % below the serverless API median of $0.576' (empty without an API price)."""
    api = report.result.api_usd_per_million_tokens
    if not api:
        return ""
    change = report.result.cost_usd_per_million_tokens / api - 1
    side = "below" if change < 0 else "above"
    return f", {abs(change):.0%} {side} the serverless API median of {report.money(api)}"


def title(new_slide: NewSlide, report: Report) -> None:
    slide = new_slide()
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(0), SLIDE_W, Inches(0.22))
    band.fill.solid()
    band.fill.fore_color.rgb = rgb(ACCENT)
    band.line.fill.background()
    s = report.scenario
    text_box(
        slide,
        (MARGIN, Inches(1.7), CONTENT_W, Inches(0.5)),
        "AI inference: total cost of ownership",
        size=20,
        colour=GREY,
    )
    text_box(slide, (MARGIN, Inches(2.25), CONTENT_W, Inches(1.9)), s.name, size=40, bold=True)
    if s.customer_name:
        text_box(
            slide,
            (MARGIN, Inches(4.25), CONTENT_W, Inches(0.6)),
            f"Prepared for {s.customer_name}",
            size=24,
        )
    text_box(
        slide,
        (MARGIN, Inches(4.9), CONTENT_W, Inches(0.5)),
        f"{report.today:%d %B %Y}".lstrip("0"),
        size=18,
        colour=GREY,
    )
    text_box(
        slide,
        (MARGIN, Inches(6.55), CONTENT_W, Inches(0.6)),
        [
            f"Cost per million tokens over {s.horizon_months} months, in {report.currency} of "
            f"{s.finance.currency_year}. Charts are native PowerPoint charts: right-click, "
            "Edit Data to see or change the numbers.",
            "Made with inference-tco.",
        ],
        size=11,
        colour=GREY,
    )


def key_figures(new_slide: NewSlide, report: Report) -> None:
    slide = new_slide()
    r = report.result
    heading(
        slide,
        "Key figures",
        f"{report.money(r.cost_usd_per_million_tokens)} per million tokens over "
        f"{report.scenario.horizon_months} months{vs_api(report)}.",
    )
    tiles = [
        (
            report.money(r.cost_usd_per_million_tokens),
            "Cost per million tokens, blended, idle hours included",
        ),
        (
            report.money(r.usage_cost_usd_per_million_tokens),
            "Usage-based cost per million tokens (idle capacity free)",
        ),
        (
            report.money(r.api_usd_per_million_tokens),
            "Serverless API median price for the same models",
        ),
        (
            report.money(r.total_cost_usd),
            f"Total cost over {report.scenario.horizon_months} months",
        ),
        (report.money(r.capex_usd), "Cash spent on purchases (capex) over the horizon"),
        (report.money(r.opex_usd_per_year), "Operating cost per year (mean)"),
        (f"{r.accelerators:,} → {r.peak_accelerators:,}", "Accelerators in month 1 → at the peak"),
        (
            power_kw(r.facility_power_kw),
            f"Facility power at full load in month 1 (PUE {r.pue:.2f}), {r.racks:,} racks"
            if report.scenario.deployment.owns_hardware
            else "The provider's facility power for this fleet, month 1 (in the rental price)",
        ),
    ]
    gap = Inches(0.2)
    width = int((CONTENT_W - 3 * gap) / 4)
    height = Inches(1.45)
    for index, (value, label) in enumerate(tiles):
        row, col = divmod(index, 4)
        box = (
            MARGIN + col * (width + gap),
            BODY_TOP + Inches(0.1) + row * (height + gap),
            width,
            height,
        )
        tile(slide, box, value, label)
    notes = ([r.balance.message()] if not r.balance.ok else []) + r.warnings
    notes = notes[:MAX_NOTES]
    if notes:
        top = BODY_TOP + Inches(0.1) + 2 * height + 2 * gap
        text_box(
            slide,
            (MARGIN, top, CONTENT_W, Inches(0.35)),
            "What the model notes",
            size=14,
            bold=True,
        )
        text_box(
            slide,
            (MARGIN, top + Inches(0.38), CONTENT_W, BODY_BOTTOM - top - Inches(0.3)),
            notes,
            size=12,
            bullets=True,
        )
    footnote(
        slide,
        [
            "Blended = total cost ÷ tokens served over the horizon, with the fleet sized for "
            "the peak plus headroom. API median: providers' list prices for the mix's models.",
            report.footnote,
        ],
    )


def workloads(new_slide: NewSlide, report: Report) -> None:
    slide = new_slide()
    rows = report.result.workloads
    costliest = max(rows, key=lambda w: w.cost_usd_per_million_tokens)
    heading(
        slide,
        "Workload mix",
        f"{costliest.name} costs most per token: "
        f"{report.money(costliest.cost_usd_per_million_tokens)} per million tokens, "
        f"{costliest.cost_share_frac:.0%} of the cost.",
    )
    models = report.catalogue.models
    header = [
        "Workload",
        "Model",
        "Precision",
        "Share of tokens",
        "Accelerators, month 1",
        "Cost per M tokens",
        "Share of cost",
        "Limited by",
    ]
    body = [
        [
            w.name,
            models[w.model_id].name if w.model_id in models else w.model_id,
            w.precision.upper(),
            f"{w.share_frac:.0%}",
            f"{w.accelerators:,.0f}",
            report.money(w.cost_usd_per_million_tokens),
            f"{w.cost_share_frac:.0%}",
            BOUND_LABELS[w.operating_point.bound],
        ]
        for w in rows
    ]
    table(
        slide,
        (MARGIN, BODY_TOP + Inches(0.1), CONTENT_W, 0),
        header,
        body,
        [2.7, 1.9, 1.1, 1.1, 1.4, 1.4, 1.1, 2.5],
        size=12 if len(rows) <= 8 else 10,
        align_right=[False, False, False, True, True, True, True, False],
    )
    footnote(
        slide,
        [
            "Accelerators: the share of the month-1 fleet each workload occupies at its peak. "
            "Limited by: what caps throughput at the operating point (memory bandwidth, "
            "compute, latency target…). Full detail in the XLSX export, sheet Workloads.",
            report.footnote,
        ],
    )


def _assumption_blocks(report: Report) -> list[tuple[str, list[str], list[float], list[list[str]]]]:
    changed = inputs.changed_inputs(report.scenario, report.catalogue)
    changed_rows = [
        [
            c.input.label,
            value_text(c.input, c.input.value, report.catalogue),
            value_text(c.input, c.default, report.catalogue),
        ]
        for c in changed
    ] or [["None: the scenario uses the presets' values throughout.", "", ""]]
    source_rows = [
        [s.item, s.supplies, _shorten(s.source), s.as_of]
        for s in inputs.sources(report.scenario, report.catalogue)
    ]
    return [
        (
            "Inputs that differ from the catalogue defaults",
            ["Input", "Value", "Default"],
            [6.8, 2.75, 2.75],
            changed_rows,
        ),
        (
            "Sources of the catalogue figures used",
            ["Catalogue row", "Supplies", "Source", "As of"],
            [2.6, 2.3, 6.3, 1.1],
            source_rows,
        ),
    ]


def _shorten(text: str) -> str:
    if len(text) <= MAX_SOURCE_CHARS:
        return text
    return text[: MAX_SOURCE_CHARS - 40].rstrip() + " … (full text: XLSX export, sheet Sources)"


def assumptions(new_slide: NewSlide, report: Report) -> None:
    """Changed inputs, then sources; a new slide whenever the page is full."""
    slide: Slide | None = None
    top: int = BODY_BOTTOM  # [EMU]
    page = 0

    def next_slide() -> Slide:
        nonlocal page
        page += 1
        fresh = new_slide()
        heading(
            fresh,
            "Assumptions and sources" + (" (continued)" if page > 1 else ""),
            "What this deck assumes beyond the presets, and where the figures come from."
            if page == 1
            else "",
        )
        footnote(
            fresh,
            [
                "Defaults: the presets of the scenario's deployment, accelerator and "
                "workloads; an override is compared with the catalogue figure it replaces.",
                report.footnote,
            ],
        )
        return fresh

    for caption, header, widths, rows in _assumption_blocks(report):
        scale = CONTENT_W / Inches(sum(widths))
        widths_in = [w * scale for w in widths]
        remaining = rows
        while remaining:
            room = (BODY_BOTTOM - top) / Inches(1) - 0.15 - LINE_IN * 1.6
            if slide is None or room < LINE_IN * 3:
                slide, top = next_slide(), BODY_TOP
                room = (BODY_BOTTOM - top) / Inches(1) - 0.15 - LINE_IN * 1.6
            chunk: list[Sequence[str]] = []
            used = 0.0
            for row in remaining:
                need = estimated_lines(row, widths_in, TABLE_SIZE) * LINE_IN + 0.07
                if chunk and used + need > room:
                    break
                chunk.append(row)
                used += need
            text_box(slide, (MARGIN, top, CONTENT_W, Inches(0.3)), caption, size=13, bold=True)
            table(
                slide,
                (MARGIN, top + Inches(0.35), CONTENT_W, 0),
                header,
                chunk,
                widths,
                size=TABLE_SIZE,
            )
            remaining = remaining[len(chunk) :]
            top += Inches(0.35 + LINE_IN * 1.6 + used + 0.25)
            if remaining:
                slide = None  # continue the table on a fresh slide
