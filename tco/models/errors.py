"""One-line error messages for users, from validation errors and our own exceptions."""

from pydantic import ValidationError


class TcoError(ValueError):
    """A problem with the user's input, already phrased as one sentence for them."""


def one_line(exc: BaseException) -> str:
    """Describe an exception in one line a user can act on, naming the field at fault."""
    if isinstance(exc, ValidationError):
        errors = exc.errors(include_url=False, include_input=False)
        first = errors[0]
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "__root__")
        message = first.get("msg", "invalid value").removeprefix("Value error, ")
        if first.get("type") == "extra_forbidden":
            message = "unknown field"
        more = (
            f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
            if len(errors) > 1
            else ""
        )
        text = f"{where}: {message}{more}" if where else f"{message}{more}"
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:500]
