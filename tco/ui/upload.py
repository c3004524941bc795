"""Your own accelerators from an uploaded CSV file: checked whole before anything is stored.

The file must be small UTF-8 CSV with the catalogue's column names; every row is validated
through the ``Accelerator`` model. One bad row refuses the whole file with the row number
and the reason, so a half-imported file never happens.
"""

import csv
import io
from collections.abc import Collection

from pydantic import ValidationError

from tco.models import Accelerator
from tco.models.errors import TcoError, one_line

MAX_UPLOAD_BYTES = 1024 * 1024
"""Largest CSV accepted [bytes]: 1 MB, the limit the upload widget states (Streamlit's
smallest); 50 rows of accelerators take a few kB."""
MAX_UPLOAD_ROWS = 50
TEMPLATE_COLUMNS = [
    *(name for name in Accelerator.model_fields if name not in ("custom", "source", "as_of")),
    "source",
    "as_of",
]


class UploadError(TcoError):
    """The uploaded file was refused; the message says why in one line."""


def template_csv() -> str:
    """A CSV with the expected header and one example row to copy."""
    example = Accelerator.example().model_copy(
        update={
            "id": "my-accelerator",
            "vendor": "Example",
            "name": "My accelerator",
            "source": "vendor datasheet, page 3",
        }
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TEMPLATE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(example.model_dump(mode="json", include=set(TEMPLATE_COLUMNS)))
    return buffer.getvalue()


def parse_accelerator_csv(
    data: bytes, *, filename: str, taken_ids: Collection[str] = ()
) -> list[Accelerator]:
    """Validated accelerators from an uploaded CSV, or UploadError naming the problem."""
    if not filename.lower().endswith(".csv"):
        raise UploadError(f"{filename!r} is not a .csv file; download the template to start")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(f"the file is larger than {MAX_UPLOAD_BYTES // 2**20} MB")
    if b"\x00" in data:
        raise UploadError("the file is not text (it contains NUL bytes); save it as CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError("the file is not UTF-8 text; save it as 'CSV UTF-8'") from None
    if not text.strip():
        raise UploadError("the file is empty")
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
        header = next(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise UploadError(f"not a readable CSV file ({exc})") from None
    _check_header([h.strip() for h in header])
    if not rows:
        raise UploadError("the file has a header but no accelerators")
    if len(rows) > MAX_UPLOAD_ROWS:
        raise UploadError(f"at most {MAX_UPLOAD_ROWS} accelerators per file, got {len(rows)}")
    accelerators: list[Accelerator] = []
    seen: set[str] = set()
    for line, raw in enumerate(rows, start=2):
        if None in raw:
            raise UploadError(f"row {line}: more cells than columns")
        values = {k.strip(): v.strip() for k, v in raw.items() if v is not None and v.strip()}
        try:
            accelerator = Accelerator.model_validate({**values, "custom": True})
        except ValidationError as exc:
            raise UploadError(f"row {line}: {one_line(exc)}") from None
        if accelerator.id in taken_ids:
            raise UploadError(
                f"row {line}: id {accelerator.id!r} is taken (a built-in part or one of yours)"
            )
        if accelerator.id in seen:
            raise UploadError(f"row {line}: id {accelerator.id!r} appears twice in the file")
        seen.add(accelerator.id)
        accelerators.append(accelerator)
    return accelerators


def _check_header(header: list[str]) -> None:
    unknown = [h for h in header if h not in TEMPLATE_COLUMNS]
    if unknown:
        raise UploadError(
            f"unknown column(s) {', '.join(map(repr, unknown[:5]))}; "
            "use the template's column names"
        )
    required = [
        name
        for name, info in Accelerator.model_fields.items()
        if info.is_required() and name not in header
    ]
    if required:
        raise UploadError(f"missing required column(s): {', '.join(required)}")
