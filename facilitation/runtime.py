"""What one app holds at run time: settings, database, publisher, token signer, rate limits."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from facilitation.config import Settings
from facilitation.db import Database
from facilitation.identity import ParticipantTokens
from facilitation.realtime import Realtime
from facilitation.throttle import Throttles


@dataclass
class Runtime:
    settings: Settings
    db: Database
    realtime: Realtime
    tokens: ParticipantTokens
    throttles: Throttles


def runtime() -> Runtime:
    state: Runtime = current_app.extensions["facilitation"]
    return state
