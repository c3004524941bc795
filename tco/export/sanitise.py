"""User text made inert before it goes into a file someone else will open.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, tab or carriage return) as a formula; OWASP's CSV-injection guidance [1] is to
prefix such a cell with a single quote so it is read as text. Office XML cannot hold most
control characters, so they are removed from text bound for a slide.

[1] OWASP, "CSV Injection", owasp.org/www-community/attacks/CSV_Injection.
"""

import re
import unicodedata

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_FILENAME = re.compile(r"[^a-z0-9]+")


def cell(value: object) -> object:
    """A spreadsheet cell value: text that a spreadsheet would run gets a leading quote.

    Numbers, booleans and empty values pass unchanged (a negative number is a number).
    """
    if isinstance(value, str):
        value = text(value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def text(value: str) -> str:
    """Text for Office XML: control characters an XML document cannot hold are removed."""
    return _XML_ILLEGAL.sub("", value)


def filename(value: str, *, default: str = "scenario", max_length: int = 60) -> str:
    """A safe file-name stem from user text: lower-case ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    stem = _NOT_FILENAME.sub("-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    return stem or default
