"""The staff's workspace beside the room: what is recorded there reaches staff only.

Outcomes and notes are not news for the room: they are not in its log, no participant or
big screen is sent them, and they leave the workspace only in exports. Each carries a
version that rises with every change, which is how a write made from an older version is
caught instead of silently replacing a colleague's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from facilitation.services.shapes import StaffNewsPayload


@dataclass(frozen=True)
class StaffNews:
    """A change in a roundtable's workspace, for the staff who have the roundtable open."""

    roundtable_id: int
    name: str
    payload: StaffNewsPayload


T = TypeVar("T")


class Noted(NamedTuple, Generic[T]):
    """What a workspace write returns: the writer's answer, and the news for other staff."""

    answer: T
    news: list[StaffNews]
