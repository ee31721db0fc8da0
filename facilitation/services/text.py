"""Untrusted text: plain text only, trimmed, length-limited; markup is refused."""

from __future__ import annotations

import html
import re
import unicodedata

import bleach

from facilitation.services.errors import InvalidInputError

IDEA_MAX = 500
PROMPT_MAX = 500
TITLE_MAX = 200
NAME_MAX = 80
AFFILIATION_MAX = 120

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(raw: str, *, field: str, max_length: int, required: bool = True) -> str:
    """The text as it will be stored and shown: plain, trimmed, within `max_length`.

    Markup is refused rather than silently altered, so that what a person
    typed is either kept exactly or rejected with a reason.
    """
    text = _CONTROL.sub("", unicodedata.normalize("NFC", raw)).strip()
    if not text:
        if required:
            raise InvalidInputError("text_empty", f"The {field} is empty.")
        return ""
    if len(text) > max_length:
        raise InvalidInputError(
            "text_too_long", f"The {field} is longer than {max_length} characters."
        )
    if html.unescape(bleach.clean(text, tags=set(), strip=True, strip_comments=True)) != (
        html.unescape(text)
    ):
        raise InvalidInputError(
            "text_has_markup", f"The {field} contains HTML; please write plain text."
        )
    return text


def clean_line(raw: str, *, field: str, max_length: int, required: bool = True) -> str:
    """Like clean_text, for one-line values such as names: line breaks become spaces."""
    return " ".join(clean_text(raw, field=field, max_length=max_length, required=required).split())
