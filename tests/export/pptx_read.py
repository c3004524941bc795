"""Reading a deck back with python-pptx: texts, titles and charts of slides."""


def texts(slide) -> list[str]:
    """Every text on a slide: text boxes and table cells."""
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text:
            found.append(shape.text_frame.text)
        if shape.has_table:
            found.extend(c.text for row in shape.table.rows for c in row.cells)
    return found


def title(slide) -> str:
    return texts(slide)[0]


def charts(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def slide_titled(deck, name: str):
    matches = [s for s in deck.slides if title(s) == name]
    assert matches, f"no slide titled {name!r}: {[title(s) for s in deck.slides]}"
    return matches[0]
