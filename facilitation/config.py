"""Settings: defaults, FACILITATION_* from the environment, failing fast on bad values."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ASYNC_MODES = ("gevent", "eventlet", "threading")


class ConfigError(ValueError):
    """A setting from the environment cannot be used."""


@dataclass(frozen=True)
class Limits:
    """How many of each attempt one client may make in a minute, all at once if need be.

    Set well above what a real room does (see docs/protocol.md, "Rate limits"), so that
    only a script meets them.
    """

    join_attempts: int = 30  # failed joins, per client address and per connection
    logins: int = 10  # failed staff sign-ins and API tokens, per client address
    new_participants: int = 60  # per client address: a whole venue may share one
    ideas: int = 20  # ideas, replies and edits, per participant
    writes: int = 120  # every write, votes and reactions included, per participant
    events: int = 600  # every message, per connection


LIMIT_VARIABLES = {
    "join_attempts": "FACILITATION_JOIN_ATTEMPTS_PER_MINUTE",
    "logins": "FACILITATION_LOGINS_PER_MINUTE",
    "new_participants": "FACILITATION_NEW_PARTICIPANTS_PER_MINUTE",
    "ideas": "FACILITATION_IDEAS_PER_MINUTE",
    "writes": "FACILITATION_WRITES_PER_MINUTE",
    "events": "FACILITATION_EVENTS_PER_MINUTE",
}


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment, resolved once."""

    instance_path: Path
    database_url: str
    secret_key: str
    message_queue: str | None = None
    async_mode: str = "gevent"
    allowed_origins: list[str] | None = None
    public_url: str | None = None
    trusted_proxies: int = 0
    limits: Limits = field(default_factory=Limits)


def default_instance_path() -> Path:
    """The folder for the SQLite file and the generated key: ./instance unless told otherwise."""
    return Path(os.environ.get("FACILITATION_INSTANCE_PATH", "instance")).resolve()


def load_secret_key(instance_path: Path) -> str:
    """Read the signing key from the environment, or generate it once and keep it."""
    if key := os.environ.get("FACILITATION_SECRET_KEY"):
        return key
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    try:
        # O_EXCL: when several processes start at once, exactly one writes the key.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as out:
        key = secrets.token_urlsafe(48)
        out.write(key)
    return key


def parse_origins(raw: str | None) -> list[str] | None:
    """Comma-separated origins; unset means the server's own origin only (None)."""
    if raw is None or not raw.strip():
        return None
    origins = [origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip()]
    for origin in origins:
        if not origin.startswith(("http://", "https://")):
            raise ConfigError(f"FACILITATION_ALLOWED_ORIGINS: {origin!r} is not an http(s) origin")
    return origins


def queue_channel(queue_url: str | None) -> str:
    """The Redis pub/sub channel for a queue URL.

    Pub/sub ignores the database number, so deployments that share a Redis
    server on different databases would hear each other's rooms unless the
    channel name carries it.
    """
    parts = urlsplit(queue_url or "")
    database = parts.path.strip("/") or parse_qs(parts.query).get("db", ["0"])[0]
    return f"facilitation-{database}"


def positive_int(name: str, default: int, *, zero_allowed: bool = False) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0 or (value == 0 and not zero_allowed):
        least = "0" if zero_allowed else "1"
        raise ConfigError(f"{name} must be a whole number, {least} or more, not {raw!r}")
    return value


def limits_from_environment() -> Limits:
    defaults = Limits()
    return Limits(
        **{
            name: positive_int(variable, getattr(defaults, name))
            for name, variable in LIMIT_VARIABLES.items()
        }
    )


def from_environment(instance_path: Path | None = None) -> Settings:
    """Build the settings from FACILITATION_* variables."""
    instance_path = instance_path or default_instance_path()
    async_mode = os.environ.get("FACILITATION_ASYNC_MODE", "gevent")
    if async_mode not in ASYNC_MODES:
        raise ConfigError(
            f"FACILITATION_ASYNC_MODE must be one of {', '.join(ASYNC_MODES)}, not {async_mode!r}"
        )
    database_url = os.environ.get("FACILITATION_DATABASE_URL") or (
        f"sqlite:///{instance_path / 'roundtable.db'}"
    )
    queue = os.environ.get("FACILITATION_MESSAGE_QUEUE") or None
    if queue and not queue.startswith(("redis://", "rediss://")):
        raise ConfigError("FACILITATION_MESSAGE_QUEUE must be a redis:// URL")
    return Settings(
        instance_path=instance_path,
        database_url=database_url,
        secret_key=load_secret_key(instance_path),
        message_queue=queue,
        async_mode=async_mode,
        allowed_origins=parse_origins(os.environ.get("FACILITATION_ALLOWED_ORIGINS")),
        public_url=os.environ.get("FACILITATION_PUBLIC_URL") or None,
        trusted_proxies=positive_int("FACILITATION_TRUSTED_PROXIES", 0, zero_allowed=True),
        limits=limits_from_environment(),
    )


# Overrides are any settings a test or the command line names; Settings checks them.
def from_environment_with(overrides: dict[str, Any]) -> Settings:
    """The environment's settings with lower-case overrides (tests pass these to create_app)."""
    names = {f.name for f in fields(Settings)}
    chosen = {k: v for k, v in overrides.items() if k in names}
    if "instance_path" in chosen:
        chosen["instance_path"] = Path(chosen["instance_path"])
    return replace(from_environment(chosen.get("instance_path")), **chosen)
