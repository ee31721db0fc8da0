"""Suggesting themes: groups of ideas that share topic words, each named by a phrase of its own.

Ideas become TF-IDF vectors of their stemmed topic words (see wording.py: plurals fold,
Chinese is segmented, function words are left out), and agglomerative clustering groups
those closer than a cosine distance. A group is named by a short phrase from its most
central idea, in that idea's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from facilitation.services import wording
from facilitation.services.shapes import Reason

# Ideas whose TF-IDF vectors are closer than this (cosine distance, 0 to 1) share a group;
# average linkage compares whole groups. Two short ideas on one topic often share only one or
# two stemmed terms out of five to eight, which puts them about 0.85 to 0.9 apart. Measured
# with bench/suggest_quality.py on tests/data/workshop_ideas.yaml (76 ideas, 19 groups made
# by a person): 0.85 recovers 16 groups with an adjusted Rand index of 0.43, 0.88 to 0.92
# recover 16 or 17 at 0.52 to 0.55, 0.95 only 13 at 0.49 as unrelated groups that share a
# common word ("residents", "quartier") merge. 0.9 sits in the middle of that plateau.
DISTANCE_THRESHOLD = 0.9
NAME_LENGTH = 40


@dataclass(frozen=True)
class Suggestion:
    name: str
    idea_ids: list[int]


@dataclass(frozen=True)
class NothingToSuggest:
    """Why there are no suggestions: `code` is stable for clients, `message` is for people."""

    code: str
    message: str

    def as_dict(self) -> Reason:
        return {"code": self.code, "message": self.message}


TOO_FEW_IDEAS = NothingToSuggest(
    "too_few_ideas", "Nothing to suggest yet: fewer than two ideas are outside a theme."
)
ALL_THEMED = NothingToSuggest("all_themed", "Nothing to suggest: every idea is already in a theme.")
NO_SHARED_WORDS = NothingToSuggest(
    "no_shared_words",
    "Nothing to suggest yet: no two ideas share enough words. Group them by hand.",
)


@dataclass(frozen=True)
class Suggestions:
    """Suggested groups, largest first; when there are none, the reason why."""

    groups: list[Suggestion]
    reason: NothingToSuggest | None = None


def suggest(ideas: list[tuple[int, str]], *, themed: int) -> Suggestions:
    """Groups among the ideas outside a theme; `themed` counts the ideas already in one."""
    if not ideas and themed:
        return Suggestions([], ALL_THEMED)
    if len(ideas) < 2:
        return Suggestions([], TOO_FEW_IDEAS)
    groups = suggest_groups(ideas)
    return Suggestions(groups, None if groups else NO_SHARED_WORDS)


def suggest_groups(ideas: list[tuple[int, str]]) -> list[Suggestion]:
    """Groups of two or more similar ideas, largest first, each named by a phrase of its own."""
    if len(ideas) < 2:
        return []
    vectorizer = TfidfVectorizer(analyzer=wording.terms, sublinear_tf=True)
    try:
        vectors = vectorizer.fit_transform([text for _, text in ideas])
    except ValueError:  # nothing but function words: there is nothing to group by
        return []
    dense = vectors.toarray()
    has_words = dense.any(axis=1)
    if has_words.sum() < 2:
        return []
    labels = np.full(len(ideas), -1)
    labels[has_words] = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=DISTANCE_THRESHOLD,
    ).fit_predict(dense[has_words])
    vocabulary: dict[str, int] = vectorizer.vocabulary_
    suggestions = []
    for label in set(labels.tolist()) - {-1}:
        members = np.flatnonzero(labels == label)
        if len(members) < 2:
            continue
        texts = [ideas[index][1] for index in members]
        suggestions.append(
            Suggestion(
                name=_name(texts, dense[members], vocabulary),
                idea_ids=[ideas[index][0] for index in members],
            )
        )
    return sorted(suggestions, key=lambda s: (-len(s.idea_ids), s.idea_ids[0]))


def _name(texts: list[str], vectors: np.ndarray, vocabulary: dict[str, int]) -> str:
    """The most telling clause of the idea nearest the group's centre, shortened."""
    centre = vectors.mean(axis=0)
    closeness = vectors @ centre
    # The nearest idea; between ideas about as near, the shorter one reads better as a name.
    central = min(
        range(len(texts)),
        key=lambda i: (-round(float(closeness[i]), 6), len(texts[i]), i),
    )

    def weight(clause: str) -> float:
        return sum(
            float(centre[vocabulary[t]]) for t in set(wording.terms(clause)) if t in vocabulary
        )

    best = max(wording.clauses(texts[central]) or [texts[central]], key=weight)
    name = wording.shorten(best, NAME_LENGTH)
    return name[:1].upper() + name[1:] if name else "Theme"
