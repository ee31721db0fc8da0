"""What one app holds at run time: its settings, database, publisher and token signer."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from facilitation.config import Settings
from facilitation.db import Database
from facilitation.identity import ParticipantTokens
from facilitation.realtime import Realtime


@dataclass
class Runtime:
    settings: Settings
    db: Database
    realtime: Realtime
    tokens: ParticipantTokens


def runtime() -> Runtime:
    state: Runtime = current_app.extensions["facilitation"]
    return state
