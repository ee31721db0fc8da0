"""Roundtable: live, self-hosted roundtable discussions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


# test_config: any settings a test overrides, checked by config.py.
def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app; imports are deferred so that `facilitation serve` can monkey-patch first."""
    from facilitation.app import build_app

    return build_app(test_config)
