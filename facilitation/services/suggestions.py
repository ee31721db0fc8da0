"""Suggesting themes: groups of similar ideas, found with TF-IDF and agglomerative clustering."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

# Ideas whose TF-IDF vectors are closer than this (cosine distance, 0 to 1) share a group.
# Tuned on workshop-style ideas: lower splits paraphrases apart, higher lumps topics together.
DISTANCE_THRESHOLD = 0.85
NAME_TERMS = 3


@dataclass(frozen=True)
class Suggestion:
    name: str
    idea_ids: list[int]


def suggest_groups(ideas: list[tuple[int, str]]) -> list[Suggestion]:
    """Groups of two or more similar ideas, largest first, each named by its telling words."""
    if len(ideas) < 2:
        return []
    vectorizer = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
    try:
        vectors = vectorizer.fit_transform([text for _, text in ideas])
    except ValueError:  # nothing but stop words: there is nothing to group by
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
    terms = vectorizer.get_feature_names_out()
    suggestions = []
    for label in set(labels.tolist()) - {-1}:
        members = np.flatnonzero(labels == label)
        if len(members) < 2:
            continue
        weights = dense[members].sum(axis=0)
        suggestions.append(
            Suggestion(
                name=_name(terms, weights),
                idea_ids=[ideas[index][0] for index in members],
            )
        )
    return sorted(suggestions, key=lambda s: (-len(s.idea_ids), s.idea_ids[0]))


def _name(terms: np.ndarray, weights: np.ndarray) -> str:
    """The heaviest terms, skipping words already inside a chosen phrase."""
    chosen: list[str] = []
    for index in np.argsort(-weights):
        term = str(terms[index])
        if weights[index] <= 0 or len(chosen) == NAME_TERMS:
            break
        if any(term in picked or picked in term for picked in chosen):
            continue
        chosen.append(term)
    return ", ".join(chosen).capitalize() if chosen else "Theme"
