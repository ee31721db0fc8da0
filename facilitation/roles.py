"""The staff roles: kept apart from the tables so that the command can name them before it
loads anything heavy."""

from __future__ import annotations

import enum


class StaffRole(enum.StrEnum):
    ORGANIZER = "organizer"
    FACILITATOR = "facilitator"
    RAPPORTEUR = "rapporteur"
