"""Rate limits and trusted proxies come from FACILITATION_* variables and fail fast when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitation.config import LIMIT_VARIABLES, ConfigError, Limits, from_environment


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in [*LIMIT_VARIABLES.values(), "FACILITATION_TRUSTED_PROXIES"]:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("FACILITATION_SECRET_KEY", "config-test-key")


def test_defaults_are_well_above_what_a_room_does(tmp_path: Path) -> None:
    settings = from_environment(tmp_path)
    assert settings.limits == Limits()
    assert settings.trusted_proxies == 0


def test_each_limit_can_be_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n, variable in enumerate(LIMIT_VARIABLES.values(), start=1):
        monkeypatch.setenv(variable, str(n * 100))
    monkeypatch.setenv("FACILITATION_TRUSTED_PROXIES", "2")
    settings = from_environment(tmp_path)
    assert [getattr(settings.limits, name) for name in LIMIT_VARIABLES] == [
        n * 100 for n in range(1, len(LIMIT_VARIABLES) + 1)
    ]
    assert settings.trusted_proxies == 2


@pytest.mark.parametrize("value", ["0", "-5", "ten", "1.5"])
def test_a_limit_that_is_not_a_positive_whole_number_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("FACILITATION_IDEAS_PER_MINUTE", value)
    with pytest.raises(ConfigError, match="FACILITATION_IDEAS_PER_MINUTE"):
        from_environment(tmp_path)


def test_a_negative_proxy_count_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACILITATION_TRUSTED_PROXIES", "-1")
    with pytest.raises(ConfigError, match="FACILITATION_TRUSTED_PROXIES"):
        from_environment(tmp_path)
