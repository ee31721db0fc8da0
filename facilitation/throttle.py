"""Rate limits: one token bucket per client address, connection or participant.

A bucket holds a minute's worth of attempts and refills steadily, so a real person who
trips it waits seconds, not minutes, while a script is slowed to the steady rate. Buckets
live in the process: with several processes each keeps its own, which multiplies the
allowance by the number of processes and never locks anyone out for longer.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from facilitation.config import Limits
from facilitation.services.errors import RateLimitedError

# Above this many buckets, full ones (nobody has used them for a while) are dropped.
PRUNE_ABOVE = 10_000

# What each refusal says; `{wait}` becomes "1 second" or "N seconds".
TOO_MANY_EVENTS = "Too many messages from this connection; wait {wait} and try again."
TOO_MANY_JOINS = "Too many attempts to join from here; try again in {wait}."
TOO_MANY_LOGINS = "Too many sign-in attempts from here; try again in {wait}."
TOO_MANY_SCREENS = "Too many wrong presenter links from here; try again in {wait}."
TOO_MANY_NEWCOMERS = "Many people are joining from this network just now; try again in {wait}."
TOO_MANY_TOKENS = "Too many wrong API tokens from here; try again in {wait}."
TOO_MANY_WRITES = "You are going faster than the room can follow; try again in {wait}."


@dataclass(frozen=True)
class Rate:
    """`per_minute` attempts, all at once if need be, then one every 60/per_minute seconds."""

    per_minute: int

    @property
    def per_second(self) -> float:
        return self.per_minute / 60


class Buckets:
    """Token buckets for one kind of attempt, keyed by who makes it."""

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock
        self._levels: dict[str, tuple[float, float]] = {}  # key -> (tokens, when)
        self._lock = threading.Lock()

    def take(self, key: str, message: str) -> None:
        """Spend one attempt, or raise RateLimitedError saying when the next one is free.

        `message` says what was refused, with `{wait}` where the wait belongs.
        """
        with self._lock:
            tokens = self._level(key)
            if tokens < 1:
                wait = math.ceil((1 - tokens) / self.rate.per_second)
                said = "1 second" if wait == 1 else f"{wait} seconds"
                raise RateLimitedError(message.format(wait=said), retry_after=wait)
            self._levels[key] = (tokens - 1, self.clock())
            if len(self._levels) > PRUNE_ABOVE:
                self._prune()

    @contextmanager
    def attempt(self, message: str, *keys: str) -> Iterator[None]:
        """Spend an attempt for each key; if the block succeeds, they are given back.

        Spent before trying, so that many attempts at once cannot all slip past the check;
        only failures (a wrong code, a wrong password) use the allowance up.
        """
        spend(*((self, key) for key in keys), message=message)
        yield
        for key in keys:
            self.give_back(key)

    def give_back(self, key: str) -> None:
        """Return an attempt that turned out to be legitimate (a join or sign-in that worked)."""
        with self._lock:
            tokens = min(self._level(key) + 1, self.rate.per_minute)
            self._levels[key] = (tokens, self.clock())

    def _level(self, key: str) -> float:
        full = float(self.rate.per_minute)
        if key not in self._levels:
            return full
        tokens, when = self._levels[key]
        return min(full, tokens + (self.clock() - when) * self.rate.per_second)

    def _prune(self) -> None:
        full = self.rate.per_minute
        for key in [k for k in self._levels if self._level(k) >= full]:
            del self._levels[key]


def spend(*attempts: tuple[Buckets, str], message: str) -> None:
    """Take one attempt from each (buckets, key), or none at all: a refusal gives back the rest."""
    taken: list[tuple[Buckets, str]] = []
    try:
        for buckets, key in attempts:
            buckets.take(key, message)
            taken.append((buckets, key))
    except RateLimitedError:
        for buckets, key in taken:
            buckets.give_back(key)
        raise


class Throttles:
    """The app's buckets, one set per kind of attempt."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.join_attempts = Buckets(Rate(limits.join_attempts), clock)
        self.logins = Buckets(Rate(limits.logins), clock)
        self.new_participants = Buckets(Rate(limits.new_participants), clock)
        self.ideas = Buckets(Rate(limits.ideas), clock)
        self.writes = Buckets(Rate(limits.writes), clock)
        self.events = Buckets(Rate(limits.events), clock)
