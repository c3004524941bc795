"""What the store holds and for whom: owners, saved scenarios, limits, and the store's errors."""

import json
import re
import unicodedata
from dataclasses import dataclass, field

from pydantic import ValidationError

from tco.models import Accelerator, Scenario
from tco.models.errors import TcoError, one_line

MAX_SAVED_SCENARIOS = 500
"""Saved scenarios one user may keep (the quota is checked and used in one transaction)."""
MAX_CUSTOM_ACCELERATORS = 200
"""Custom accelerators one user may keep."""
MAX_NAME_CHARS = 120
MAX_OWNER_CHARS = 200


class StoreUnavailableError(TcoError):
    """The store cannot be opened (busy, damaged or unreachable). The message is for users and
    names no path or address; ``detail`` adds where, for operators (CLI, health check)."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


def slugify(text: str) -> str:
    """Lower-case slug of letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "item"


def clean_label(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters: whitespace runs made one space, control and
    format characters (escape codes, bidi overrides) dropped."""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return " ".join(kept.split())[:limit]


@dataclass(frozen=True)
class Owner:
    """Who is asking: a signed-in user (or the single local user) and the teams they belong
    to. Items belong to one user and optionally one of that user's teams; team members may
    list and load a team's items, only the owner may change or delete them."""

    user_id: str
    teams: tuple[str, ...] = ()
    display_name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        user_id = clean_label(self.user_id, MAX_OWNER_CHARS)
        if not user_id:
            raise TcoError("a store owner needs a user id")
        teams = tuple(dict.fromkeys(t for t in (clean_label(t, 100) for t in self.teams) if t))
        object.__setattr__(self, "user_id", user_id)
        object.__setattr__(self, "teams", teams)
        object.__setattr__(self, "display_name", clean_label(self.display_name, 100) or user_id)

    def check_team(self, team: str | None) -> str | None:
        """``team`` if this owner belongs to it (None: only the owner sees the item)."""
        if team is not None and team not in self.teams:
            raise TcoError(f"you are not a member of the team {team!r}")
        return team


LOCAL_OWNER = Owner("local", display_name="this computer's user")
"""The only user of a store without sign-in (the default for `make run` and the CLI)."""


@dataclass(frozen=True)
class SavedScenario:
    """A saved scenario as listed: its id (never reused for another item), who owns it, and
    the scenario with the custom parts it uses, so anyone allowed to load it can compute it."""

    id: str
    name: str
    customer_name: str
    saved_at: str
    owner_id: str
    team: str | None
    mine: bool
    scenario_json: str
    parts_json: str = "[]"

    def scenario(self) -> Scenario:
        try:
            return Scenario.model_validate_json(self.scenario_json)
        except ValidationError as exc:
            raise TcoError(
                f"saved scenario {self.name!r} no longer validates: {one_line(exc)}"
            ) from None

    def parts(self) -> list[Accelerator]:
        """The custom accelerators the scenario used when it was saved."""
        try:
            return [
                Accelerator.model_validate(item | {"custom": True})
                for item in json.loads(self.parts_json)
            ]
        except (ValidationError, ValueError, TypeError):
            raise TcoError(
                f"the custom parts saved with {self.name!r} no longer validate"
            ) from None


def accelerator_from_json(text: str) -> Accelerator | None:
    """A stored accelerator, or None when it no longer validates (the model has moved on)."""
    try:
        return Accelerator.model_validate_json(text).model_copy(update={"custom": True})
    except ValidationError:
        return None
