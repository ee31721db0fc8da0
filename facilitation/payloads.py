"""Checking a client's payload, from a socket event or a JSON request: the right fields with
the right types, nothing assumed."""

from __future__ import annotations

from typing import Any

from facilitation.services.errors import InvalidInputError

_TYPE_NAMES = {int: "a whole number", str: "text", bool: "true or false"}


def parse(
    payload: Any,
    *,
    required: dict[str, type] | None = None,
    optional: dict[str, type] | None = None,
) -> dict[str, Any]:
    """The named fields of an object payload, type-checked; unknown fields are ignored."""
    if not isinstance(payload, dict):
        raise InvalidInputError("bad_request", "The payload must be an object.")
    # Keyed by the caller's field names, each value of the type it asked for.
    values: dict[str, Any] = {}
    for name, kind in (required or {}).items():
        if payload.get(name) is None:
            raise InvalidInputError("bad_request", f"Missing field: {name}.")
        values[name] = _typed(payload[name], name, kind)
    for name, kind in (optional or {}).items():
        if payload.get(name) is not None:
            values[name] = _typed(payload[name], name, kind)
    return values


def _typed(value: Any, name: str, kind: type) -> Any:
    # bool is an int in Python; a client sending true for an id has made a mistake.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InvalidInputError("bad_request", f"{name} must be {_TYPE_NAMES.get(kind, kind)}.")
    if isinstance(value, int) and not fits_32_bits(value):
        raise InvalidInputError("bad_request", f"{name} is out of range.")
    return value


def fits_32_bits(value: int) -> bool:
    """Ids and sequence numbers are 32-bit columns: PostgreSQL fails on a larger number."""
    return -(2**31) <= value < 2**31
