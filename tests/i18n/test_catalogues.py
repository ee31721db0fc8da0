"""Every catalogue is complete: each message extracted fresh from the sources is translated."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from facilitation.services.sdgs import GOALS
from facilitation.services.summary_data import ACTION_STATUSES, OUTCOME_KINDS
from facilitation.web.client_strings import STRINGS, Contextual

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "facilitation" / "translations"
LANGUAGES = ["zh_Hans", "fr", "es"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _extract_keywords() -> list[str]:
    """The keyword options of `make messages`, so that the test extracts as the Makefile does."""
    makefile = (REPO / "Makefile").read_text()
    line = next(line for line in makefile.splitlines() if "pybabel extract" in line)
    return re.findall(r"-k \S+", line)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The messages in the sources now: templates, Python and the client dictionary."""
    out = tmp_path_factory.mktemp("messages") / "messages.pot"
    keywords = [part for option in _extract_keywords() for part in option.split(" ", 1)]
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", *keywords, "-o", str(out), "."],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    with out.open("rb") as f:
        return read_po(f)


def _catalogue(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=language)


def _forms(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_extraction_finds_templates_python_and_the_client_dictionary(extracted: Catalog) -> None:
    assert extracted.get("Skip to content") is not None  # base.html
    assert extracted.get("Sign in first.") is not None  # web/messages.py
    assert extracted.get(("%(n)s vote", "%(n)s votes")) is not None  # client_strings.py
    assert extracted.get("Open", context="action") is not None


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_message(extracted: Catalog, language: str) -> None:
    catalogue = _catalogue(language)
    forms_wanted = catalogue.num_plurals
    problems = []
    for message in extracted:
        if not message.id:
            continue
        label = f"{message.context + ': ' if message.context else ''}{message.id!r}"
        found = catalogue.get(message.id, context=message.context)
        if found is None:
            problems.append(f"missing {label}")
            continue
        if found.fuzzy:
            problems.append(f"fuzzy {label}")
        forms = _forms(found)
        if isinstance(message.id, tuple) and len(forms) != forms_wanted:
            problems.append(f"{len(forms)} plural forms, not {forms_wanted}: {label}")
        if not all(form.strip() for form in forms):
            problems.append(f"empty {label}")
        wanted = _placeholders(message.id[-1] if isinstance(message.id, tuple) else message.id)
        for form in forms:
            if form and _placeholders(form) != wanted:
                problems.append(f"placeholders {sorted(_placeholders(form))} in {form!r}: {label}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_of_the_client_dictionary_is_translated(language: str) -> None:
    catalogue = _catalogue(language)
    untranslated = []
    for key, message in STRINGS.items():
        if isinstance(message, Contextual):
            found = catalogue.get(message.message, context=message.context)
        else:
            found = catalogue.get(message)
        if found is None or found.fuzzy or not all(_forms(found)):
            untranslated.append(key)
    assert untranslated == []


def test_placeholders_use_one_syntax_everywhere(extracted: Catalog) -> None:
    braces = [
        message.id
        for message in extracted
        if message.id
        for text in (message.id if isinstance(message.id, tuple) else (message.id,))
        if re.search(r"\{\w+\}", text)
    ]
    assert braces == []


def _dynamic_keys() -> set[str]:
    """The keys the scripts build from a value, for every value the server can send."""
    from facilitation.web.client_config import client_config

    config = client_config()
    phases = config["phases"]
    return {
        *(f"phase_{phase}" for phase in phases),
        *(f"phase_help_{phase}" for phase in [*phases, "vote_themes"]),
        *(f"screen_phase_{phase}" for phase in phases),
        *(f"attribution_{value}" for value in config["attributions"]),
        *(f"reaction_{emoji}" for emoji in config["reactions"]),
        *(f"status_{status}" for status in ("draft", "open", "closed")),
        *(f"count_{what}" for what in ("ideas", "replies", "pending", "hidden", "withdrawn")),
        "count_merged",
        *(f"unit_{kind}" for kind in ("votes", "supporters")),
        *(f"connection_{status}" for status in ("connecting", "online", "offline")),
        *(f"room_status_{status}" for status in ("scheduled", "live", "closed")),
        *(f"kind_{kind}" for kind in OUTCOME_KINDS),
        *(f"kind_{kind}" for kind in config["prompt_kinds"]),
        *(f"results_{kind}" for kind in ("poll", "ranking", "assessment")),
        *(f"action_status_{status}" for status in ACTION_STATUSES),
        *(f"sdg_{goal}" for goal in GOALS),
    }


def test_every_key_a_script_asks_for_is_in_the_dictionary() -> None:
    scripts = sorted((REPO / "static" / "js").glob("*.js"))
    literal = {
        key
        for script in scripts
        for key in re.findall(r"\bt[n]?\(\s*\"([a-z0-9_]+)\"", script.read_text(encoding="utf-8"))
    }
    built = re.compile(r"\bt[n]?\(\s*`([a-z_]+)\$\{")
    prefixes = {
        prefix for script in scripts for prefix in built.findall(script.read_text(encoding="utf-8"))
    }
    dynamic = _dynamic_keys()
    assert literal, "no t() calls found: the pattern no longer matches the scripts"
    assert sorted(literal - set(STRINGS)) == []
    assert sorted(dynamic - set(STRINGS)) == []
    # Every prefix a script builds keys from is one whose values are listed above.
    assert sorted(p for p in prefixes if not any(k.startswith(p) for k in dynamic)) == []
