"""PNG and SVG through kaleido and Debian's Chromium, read back with a PNG header and an XML
parser. These start a real Chrome (a few seconds), hence `slow`."""

import struct
import xml.etree.ElementTree as ET

import pytest

from tco.export import chart_figures, images
from tco.models.errors import TcoError

pytestmark = pytest.mark.slow
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def renderer():
    warm = images.Renderer()
    yield warm
    warm.close()


def test_a_png_is_1920_by_1080_by_default(report, renderer):
    fig = chart_figures.chart(report, "cost-over-time")
    assert png_size(images.figure_image(fig, renderer=renderer)) == (1920, 1080)


def test_a_chosen_size_and_scale_multiply(report, renderer):
    fig = chart_figures.chart(report, "tornado")
    data = images.figure_image(fig, width=800, height=450, scale=2.5, renderer=renderer)
    assert png_size(data) == (2000, 1125)


@pytest.mark.parametrize("name", chart_figures.CHART_NAMES)
def test_every_chart_renders_as_svg_with_its_title(report, renderer, name):
    fig = chart_figures.chart(report, name)
    svg = images.figure_image(fig, "svg", width=1000, height=600, renderer=renderer)
    root = ET.fromstring(svg)  # noqa: S314 - our own renderer's output, not user data
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == ("1000", "600")
    svg_text = "".join(root.itertext())
    assert fig.layout.title.text in svg_text
    assert "Assumptions:" in svg_text  # the footnote travels with the chart


def test_the_deck_with_the_uncertainty_picture(report, renderer):
    import io

    from pptx import Presentation
    from pptx_read import title

    from tco.export.pptx_deck import build_deck

    deck = Presentation(io.BytesIO(build_deck(report, ["uncertainty"], renderer=renderer)))
    (slide,) = deck.slides
    assert title(slide) == "Uncertainty range"
    (picture,) = [s for s in slide.shapes if s.shape_type == 13]
    assert png_size(picture.image.blob) == (2200, 892)


@pytest.mark.parametrize(
    ("width", "height", "scale"), [(50, 500, 1), (500, 500, 20), (8000, 8000, 2)]
)
def test_unreasonable_sizes_are_refused_before_chrome(report, width, height, scale):
    fig = chart_figures.chart(report, "breakdown")
    with pytest.raises(TcoError, match="image size"):
        images.figure_image(
            fig, width=width, height=height, scale=scale, renderer=images.Renderer()
        )


def test_a_missing_chrome_is_one_clear_line(report, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    fig = chart_figures.chart(report, "breakdown")
    with pytest.raises(images.ChromeError, match="Chrome could not start") as caught:
        images.figure_image(fig, renderer=images.Renderer())
    assert "\n" not in str(caught.value)
