"""A scenario as a short, safe URL parameter, and back.

The parameter is the scenario's JSON without default values, zlib-compressed and
base64url-encoded (no padding). Reading it decompresses at most ``MAX_JSON_BYTES`` and
validates through the ``Scenario`` model, so a tampered link can only ever produce a
one-line reason, never code execution (no pickle) or a memory blow-up. A parameter that
starts with ``{`` is read as plain JSON, which makes hand-written links possible.
"""

import base64
import binascii
import zlib

from pydantic import ValidationError

from tco.models import Scenario
from tco.models.errors import TcoError, one_line

MAX_PARAM_CHARS = 16_000
MAX_JSON_BYTES = 64_000


class LinkError(TcoError):
    """The scenario in a link cannot be read; the message says why in one line."""


def encode(scenario: Scenario) -> str:
    """Compact URL-safe text holding the scenario."""
    raw = scenario.model_dump_json(exclude_defaults=True).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")


def decode(text: str) -> Scenario:
    """The scenario held by ``text``, or LinkError naming what is wrong with it."""
    text = text.strip()
    if not text:
        raise LinkError("the link holds no scenario")
    if len(text) > MAX_PARAM_CHARS:
        raise LinkError(f"the scenario in the link is longer than {MAX_PARAM_CHARS} characters")
    raw = text.encode() if text.startswith("{") else _inflate(text)
    try:
        return Scenario.model_validate_json(raw)
    except ValidationError as exc:
        raise LinkError(f"the scenario in the link is not valid: {one_line(exc)}") from None


def _inflate(text: str) -> bytes:
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
    except (binascii.Error, ValueError, zlib.error):
        raise LinkError("the link is damaged (it may have been cut off when copied)") from None
    if inflater.unconsumed_tail:
        raise LinkError(f"the scenario in the link is larger than {MAX_JSON_BYTES} bytes")
    if not inflater.eof:
        raise LinkError("the link is damaged (it may have been cut off when copied)")
    return raw
