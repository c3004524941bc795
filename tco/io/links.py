"""Share links: a scenario (and the scenarios compared with it) as short, safe URL text.

One codec with one size limit for everything a link carries. The text is the value's JSON
without default values, zlib-compressed and base64url-encoded (no padding). Reading it
decompresses at most ``MAX_JSON_BYTES`` and validates through the pydantic model, so a
tampered link can only ever produce a one-line reason, never code execution (no pickle) or a
memory blow-up. Text that starts with ``{`` or ``[`` is read as plain JSON, which makes
hand-written links possible.
"""

import base64
import binascii
import zlib
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError

from tco.models import Accelerator, Scenario
from tco.models.errors import TcoError, one_line
from tco.models.variant import MAX_VARIANTS, Variant

MAX_PARAM_CHARS = 16_000
MAX_JSON_BYTES = 64_000

T = TypeVar("T")
_SCENARIO = TypeAdapter(Scenario)
_VARIANTS = TypeAdapter(list[Variant])
_PARTS = TypeAdapter(list[Accelerator])


class LinkError(TcoError):
    """What a link holds cannot be read; the message says why in one line."""


def _encode(adapter: TypeAdapter[T], value: T) -> str:
    raw = adapter.dump_json(value, exclude_defaults=True)
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")


def _inflate(text: str, what: str) -> bytes:
    damaged = f"the {what} in the link is damaged (it may have been cut off when copied)"
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
    except (binascii.Error, ValueError, zlib.error):
        raise LinkError(damaged) from None
    if inflater.unconsumed_tail:
        raise LinkError(f"the {what} in the link is larger than {MAX_JSON_BYTES:,} bytes")
    if not inflater.eof:
        raise LinkError(damaged)
    return raw


def _decode(adapter: TypeAdapter[T], text: str, what: str) -> T:
    text = text.strip()
    if not text:
        raise LinkError(f"the link holds no {what}")
    if len(text) > MAX_PARAM_CHARS:
        raise LinkError(f"the {what} in the link is longer than {MAX_PARAM_CHARS:,} characters")
    raw = text.encode() if text.startswith(("{", "[")) else _inflate(text, what)
    try:
        return adapter.validate_json(raw)
    except ValidationError as exc:
        raise LinkError(f"the {what} in the link is not valid: {one_line(exc)}") from None


def encode(scenario: Scenario) -> str:
    """Compact URL-safe text holding the scenario."""
    return _encode(_SCENARIO, scenario)


def decode(text: str) -> Scenario:
    """The scenario held by ``text``, or LinkError naming what is wrong with it."""
    return _decode(_SCENARIO, text, "scenario")


def encode_variants(variants: list[Variant]) -> str:
    """Compact URL-safe text holding the scenarios compared with the current one."""
    return _encode(_VARIANTS, variants)


def decode_variants(text: str) -> list[Variant]:
    """The compared scenarios held by ``text``, or LinkError naming what is wrong."""
    variants = _decode(_VARIANTS, text, "comparison")
    if len(variants) > MAX_VARIANTS:
        raise LinkError(f"a comparison holds at most {MAX_VARIANTS + 1} scenarios")
    return variants


def encode_parts(parts: list[Accelerator]) -> str:
    """Compact URL-safe text holding the custom parts a linked scenario uses."""
    return _encode(_PARTS, parts)


def decode_parts(text: str) -> list[Accelerator]:
    """The custom parts held by ``text`` (marked custom), or LinkError naming what is wrong."""
    parts = _decode(_PARTS, text, "custom accelerators")
    if len(parts) > MAX_VARIANTS + 1:
        raise LinkError(f"a link carries at most {MAX_VARIANTS + 1} custom accelerators")
    return [p.model_copy(update={"custom": True}) for p in parts]
