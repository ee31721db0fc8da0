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
class Settings:
    """Everything the app reads from its environment, resolved once."""

    instance_path: Path
    database_url: str
    secret_key: str
    message_queue: str | None = None
    async_mode: str = "gevent"
    allowed_origins: list[str] | None = None
    public_url: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


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
    )


def from_environment_with(overrides: dict[str, Any]) -> Settings:
    """The environment's settings with lower-case overrides (tests pass these to create_app)."""
    names = {f.name for f in fields(Settings)}
    chosen = {k: v for k, v in overrides.items() if k in names}
    if "instance_path" in chosen:
        chosen["instance_path"] = Path(chosen["instance_path"])
    return replace(from_environment(chosen.get("instance_path")), **chosen)
