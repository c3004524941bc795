"""Finding user text that a page would render as live Markdown, HTML or Plotly markup.

Streamlit renders Markdown in titles, captions, alerts, labels, help and tab names; Plotly
renders a subset of HTML (and ``%{...}`` templates) in titles, legends, hover labels and
annotations. User text is inert when escaped (``tco.ui.fmt.md`` for Markdown, HTML
entities for Plotly). These helpers walk an AppTest page and report every raw marker.
"""

import json
import re
from collections.abc import Iterator

from google.protobuf.message import Message

# Hostile names: each carries markers that only survive when the text is left live.
SCENARIO_NAME = "<script>alert(1)</script> [click me](https://evil.example/phish)"
CUSTOMER = "![pixel](https://evil.example/p.png) **bold**"
WORKLOAD_NAME = "<b>b</b> <a href='https://evil.example'>a</a> %{y} :red[red]"
VENDOR = "<img src=x onerror=alert(1)>"
PART_NAME = "$x^2$ [click me](https://evil.example/phish)"
DEPLOYMENT_NAME = "**bold** deployment"

MARKDOWN_MARKERS = (
    "<script>",
    "](https://evil",
    "![pixel]",
    "**bold**",
    "<b>b</b>",
    "<img",
    ":red[",
    "$x^2$",
)
_ESCAPED = re.compile(r"\\.")
PLOTLY_MARKERS = ("<script>", "<b>b</b>", "<a href=", "<img", "%{y} :red")

# Proto fields shown as plain text (inputs' own values, options of a select box, tables,
# code and JSON) or not shown at all; everything else may be Markdown.
PLAIN_FIELDS = {
    "id", "form_id", "key", "default", "value", "placeholder", "options", "data",
    "arrow_data", "styler", "code_text", "body_json", "url", "file_urls", "config",
    "theme", "format", "type", "icon", "spec", "formatted_value", "display_value",
    "raw_value", "set_value", "string_value", "string_array_value", "json_value",
    "default_values", "page_script_hash", "column_config", "selection_mode",
}  # fmt: skip
PLAIN_ELEMENTS = {"json", "code", "text", "arrow_data_frame", "selectbox", "multiselect"}


def _strings(message: Message, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a proto with the dotted path of field names leading to it."""
    for field, value in message.ListFields():
        where = f"{path}.{field.name}" if path else field.name
        if field.name in PLAIN_FIELDS:
            continue
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                yield from _strings(item, where)
            elif isinstance(item, str):
                yield where, item


def _nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _plotly_strings(spec: object, path: str = "figure") -> Iterator[tuple[str, str]]:
    if isinstance(spec, str):
        yield path, spec
    elif isinstance(spec, dict):
        for key, value in spec.items():
            yield from _plotly_strings(value, f"{path}.{key}")
    elif isinstance(spec, list):
        for index, value in enumerate(spec):
            yield from _plotly_strings(value, f"{path}[{index}]")


def live_markup(at) -> list[str]:
    """Where a page shows a hostile marker unescaped: 'element.field: text'."""
    found = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", type(node).__name__)
        if not isinstance(proto, Message) or kind in PLAIN_ELEMENTS:
            continue
        if kind == "plotly_chart":
            figure = json.loads(proto.spec)
            for where, text in _plotly_strings(figure):
                found += [f"{where}: {text[:200]}" for m in PLOTLY_MARKERS if m in text]
            continue
        for where, text in _strings(proto):
            live = _ESCAPED.sub("", text)  # what Markdown still reads as syntax
            found += [f"{kind}.{where}: {text[:200]}" for m in MARKDOWN_MARKERS if m in live]
    return sorted(set(found))
