"""The words of an idea: its language guessed, its text cut into words, words stemmed to terms.

`terms(text)` is what ideas are compared by: the topic words of an idea, lowercased and
stemmed ("typhoons" and "typhoon" are one term), with function words left out; Chinese,
written without spaces, is segmented into words first. `clauses` and `shorten` cut an idea's
own text, in its own language and script, into a short readable phrase.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from typing import Literal, Protocol

import rjieba
import snowballstemmer

from facilitation.services.stopwords import BY_LANGUAGE

Language = Literal["en", "fr", "es", "zh"]

_STEMMER_NAMES: dict[Language, str] = {"en": "english", "fr": "french", "es": "spanish"}
# Han ideographs (with extension A and the compatibility block): the script cut by jieba.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Runs of Han characters, and words of other letters and digits ("5G", "e" and "bikes").
_RUNS = re.compile(rf"[{_HAN}]+|[^\W_{_HAN}]+")
_HAN_CHARACTER = re.compile(rf"[{_HAN}]")
_LETTERS = re.compile(rf"[^\W\d_{_HAN}]+")
# Letters that point to one of the Latin-script languages we stem (é is far commoner in French).
_MARKS: dict[Language, frozenset[str]] = {
    "fr": frozenset("àâçéèêëîïôûùœ"),
    "es": frozenset("ñ¿¡áíóú"),
}
_DASHES = "\u2014\u2013"  # em and en dash
# Full-width stops, semicolon, colon, marks, comma, enumeration comma and brackets.
_CJK_MARKS = "\u3002\uff1b\uff1a\uff01\uff1f\uff0c\u3001\uff08\uff09"
_QUOTES = " '\"\u201c\u201d\u2018\u2019"
# Where a clause ends: sentence marks, colons, dashes and brackets, in both scripts; a
# Chinese comma ends a clause, a Latin one usually joins the items of a list.
_CLAUSE_END = re.compile(rf"\s*(?:[.;:!?()\[\]{_DASHES}]|\s-\s|[{_CJK_MARKS}])\s*")
_TRAILING = f" ,;:-{_DASHES}{_CJK_MARKS}"

_local = threading.local()


def guess_language(text: str) -> Language:
    """The idea's language: Chinese when Han characters carry it, else English, French or Spanish.

    A guess from function words and accents is enough: it only picks the stemmer and the
    stop words, and ideas in one room are short and mostly in few languages.
    """
    words = [word.casefold() for word in _LETTERS.findall(text)]
    han = len(_HAN_CHARACTER.findall(text))
    # A Han character carries about as much as a short word: count it twice against letters.
    if han and han * 2 >= sum(len(word) for word in words):
        return "zh"
    scores: dict[Language, float] = {}
    for language in ("en", "fr", "es"):
        scores[language] = sum(word in BY_LANGUAGE[language] for word in words)
        marks = _MARKS.get(language, frozenset())
        scores[language] += 0.5 * sum(ch in marks for ch in text.casefold())
    best = max(scores.values())
    return next(language for language in ("en", "fr", "es") if scores[language] == best)


def terms(text: str) -> list[str]:
    """The idea's topic words, stemmed, in order: what suggestions compare ideas by."""
    language = guess_language(text)
    found: list[str] = []
    for run in _RUNS.findall(text):
        if _HAN_CHARACTER.match(run):
            found.extend(_chinese_terms(run))
        else:
            found.extend(_latin_terms(run, "en" if language == "zh" else language))
    return found


def clauses(text: str) -> list[str]:
    """The idea cut into clauses, in order, without empty ones."""
    parts = (part.strip(_QUOTES + ",") for part in _CLAUSE_END.split(text))
    return [part for part in parts if part]


def shorten(text: str, limit: int) -> str:
    """The text cut at a word boundary to at most `limit` characters, ending on a topic word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    language = guess_language(text)
    pieces = rjieba.cut(text) if language == "zh" else re.split(r"(\s+)", text)
    kept: list[str] = []
    length = 0
    for piece in pieces:
        if length + len(piece) > limit:
            break
        kept.append(piece)
        length += len(piece)
    stop = BY_LANGUAGE[language]
    while kept and (not kept[-1].strip() or _is_function_word(kept[-1], stop)):
        kept.pop()
    if not kept:  # one word longer than the limit: cut inside it rather than say nothing
        return text[:limit].rstrip()
    return "".join(kept).rstrip(_TRAILING)


def _is_function_word(piece: str, stop: frozenset[str]) -> bool:
    word = piece.strip(_TRAILING + _QUOTES).casefold().replace("\u2019", "'")
    return not word or word in stop or word.split("'")[-1] in stop


def _latin_terms(run: str, language: Language) -> list[str]:
    word = run.casefold()
    if len(word) < 2 or word.isdigit() or word in BY_LANGUAGE[language]:
        return []
    if language == "fr" and len(word) > 3 and word[-1] in "sx" and word[-2] != "s":
        # The French stemmer keeps a plural -s after some vowels (vélos, vélo): fold it first.
        word = word[:-1]
    return [_stem(language, word)]


def _chinese_terms(run: str) -> list[str]:
    # Search mode also yields the words inside compounds (城市规划 gives 城市, 规划), so
    # "规划" in one idea meets "城市规划" in another. Lone characters are left out: they are
    # mostly particles, and one shared common character says little about a shared topic.
    stop = BY_LANGUAGE["zh"]
    return [word for word in rjieba.cut_for_search(run) if len(word) > 1 and word not in stop]


@functools.lru_cache(maxsize=50_000)
def _stem(language: Language, word: str) -> str:
    # Snowball in pure Python takes a fraction of a millisecond a word, and a room repeats
    # its words: remembered, a busy prompt is stemmed in milliseconds, not hundreds of them.
    # Accents are dropped after stemming, so "numerique" typed on a phone meets "numérique".
    stem = _stemmer(language).stemWord(word)
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(ch)
    )


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...  # snowballstemmer names it so


def _stemmer(language: Language) -> _Stemmer:
    # A stemmer keeps state while it works, so each thread (or greenlet) has its own.
    stemmers: dict[Language, _Stemmer] = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(_STEMMER_NAMES[language])
    return stemmers[language]
