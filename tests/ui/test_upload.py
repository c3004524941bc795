"""Uploaded accelerator CSVs: a good file gives validated parts; a bad one, one line."""

import pytest

from tco.ui.upload import MAX_UPLOAD_ROWS, UploadError, parse_accelerator_csv, template_csv

GOOD = template_csv()


def _parse(text: str | bytes, filename: str = "mine.csv", taken=()):
    data = text.encode() if isinstance(text, str) else text
    return parse_accelerator_csv(data, filename=filename, taken_ids=taken)


def test_the_template_parses_into_a_custom_accelerator():
    (accelerator,) = _parse(GOOD)
    assert accelerator.id == "my-accelerator"
    assert accelerator.custom is True
    assert accelerator.memory_gb == 80


def test_a_byte_order_mark_and_blank_cells_are_fine():
    header, row = GOOD.splitlines()
    assert _parse("\ufeff" + header + "\n" + row + "\n")


def _two_rows(second_row: str) -> str:
    header, row = GOOD.splitlines()
    return "\n".join([header, row, second_row])


@pytest.mark.parametrize(
    ("content", "filename", "reason"),
    [
        (GOOD, "mine.xlsx", "not a .csv file"),
        (b"", "mine.csv", "empty"),
        (b"id,vendor\x00", "mine.csv", "not text"),
        ("é".encode("latin-1") * 10, "mine.csv", "not UTF-8"),
        ("x" * 300_000, "mine.csv", "larger than"),
        (GOOD.splitlines()[0] + "\n", "mine.csv", "no accelerators"),
        ("id,vendor,colour\na,b,c\n", "mine.csv", "unknown column"),
        ("id,vendor\na,b\n", "mine.csv", "missing required column"),
        (_two_rows(GOOD.splitlines()[1]), "mine.csv", "row 3: id 'my-accelerator' appears twice"),
        (
            _two_rows(GOOD.splitlines()[1].replace("my-accelerator", "Bad Id")),
            "mine.csv",
            "row 3: id",
        ),
        (_two_rows(GOOD.splitlines()[1] + ",extra"), "mine.csv", "row 3: more cells"),
        (GOOD.replace(",3.35,", ",lots,"), "mine.csv", "row 2: memory_bandwidth_tb_per_s"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(content, filename, reason):
    with pytest.raises(UploadError, match=reason) as info:
        _parse(content, filename)
    assert "\n" not in str(info.value)


def test_an_id_that_is_built_in_is_refused():
    with pytest.raises(UploadError, match="built-in"):
        _parse(GOOD, taken={"my-accelerator"})


def test_too_many_rows_are_refused():
    header, row = GOOD.splitlines()
    rows = [row.replace("my-accelerator", f"part-{i}") for i in range(MAX_UPLOAD_ROWS + 1)]
    with pytest.raises(UploadError, match=f"at most {MAX_UPLOAD_ROWS}"):
        _parse("\n".join([header, *rows]))
