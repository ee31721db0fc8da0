"""Suggested themes on realistic input: word variants, Chinese, French, readable names, reasons."""

from __future__ import annotations

import re

import pytest

from facilitation.services.suggestions import NAME_LENGTH, suggest, suggest_groups
from tests.grouping_quality import labelled_ideas, rand_index, recovered

HAN = re.compile(r"[\u4e00-\u9fff]")


def grouped_texts(texts: list[str]) -> list[list[str]]:
    """The suggested groups as their ideas' texts, sorted, so a test reads like the room."""
    found = suggest_groups(list(enumerate(texts)))
    return sorted(sorted(texts[i] for i in s.idea_ids) for s in found)


def test_singular_and_plural_of_a_word_group_together() -> None:
    texts = [
        "Typhoon shelters in schools",
        "Warn residents days before typhoons arrive",
        "Drones deliver medicine to islands",
        "A drone maps flooded streets",
        "Cheaper bus tickets for students",
    ]
    assert grouped_texts(texts) == [
        ["A drone maps flooded streets", "Drones deliver medicine to islands"],
        ["Typhoon shelters in schools", "Warn residents days before typhoons arrive"],
    ]


def test_chinese_ideas_group_by_shared_words_not_by_a_shared_character() -> None:
    texts = [
        "用无人机巡查河道和堤防",
        "发展无人机配送快递",
        "城市的绿地吸收暴雨",  # shares 市 and 的 with the next one, but no word
        "市民的预算投票",
    ]
    assert grouped_texts(texts) == [["发展无人机配送快递", "用无人机巡查河道和堤防"]]


def test_french_ideas_group_across_word_forms() -> None:
    texts = [
        "Alerte inondation par SMS",
        "Cartographier les zones inondables avec les habitants",
        "Des vélos en libre-service",
        "Stationnement vélo près des gares",
        "Des panneaux solaires sur les écoles",
    ]
    assert grouped_texts(texts) == [
        ["Alerte inondation par SMS", "Cartographier les zones inondables avec les habitants"],
        ["Des vélos en libre-service", "Stationnement vélo près des gares"],
    ]


@pytest.mark.parametrize(
    ("texts", "script"),
    [
        (
            [
                "Typhoon warnings by SMS in the languages people actually speak",
                "Multilingual typhoon warnings for migrant workers and visitors",
            ],
            "latin",
        ),
        (["建设海绵城市，用绿地和湿地吸收暴雨", "老旧小区改造时同步做海绵城市设施"], "han"),
        (
            [
                "Des plans d'évacuation clairs pour chaque quartier inondable de la métropole",
                "Exercices d'évacuation réguliers dans les écoles et les mairies",
            ],
            "latin",
        ),
    ],
)
def test_a_theme_is_named_by_a_short_phrase_of_its_own_ideas(texts: list[str], script: str) -> None:
    [found] = suggest_groups(list(enumerate(texts)))
    assert 0 < len(found.name) <= NAME_LENGTH
    # A phrase taken from one of the ideas, unstemmed, in its language and script.
    assert any(found.name.casefold() in text.casefold() for text in texts)
    assert bool(HAN.search(found.name)) == (script == "han")
    assert "," not in found.name or script == "han"  # not a list of terms


def test_a_long_phrase_is_cut_at_a_word_boundary() -> None:
    texts = [
        "Typhoon warnings by SMS in the languages people actually speak at home",
        "Typhoon warnings by SMS for visitors who speak other languages",
    ]
    [found] = suggest_groups(list(enumerate(texts)))
    assert len(found.name) <= NAME_LENGTH
    assert any(f"{found.name} " in text for text in texts)  # whole words only
    assert found.name.split()[-1].casefold() not in {"the", "in", "by", "for", "at"}


def test_fewer_than_two_ideas_outside_themes_is_too_few() -> None:
    assert suggest([], themed=0).reason.code == "too_few_ideas"  # type: ignore[union-attr]
    assert suggest([(1, "Shade trees")], themed=3).reason.code == "too_few_ideas"  # type: ignore[union-attr]


def test_every_idea_in_a_theme_is_all_themed() -> None:
    found = suggest([], themed=2)
    assert (found.groups, found.reason and found.reason.code) == ([], "all_themed")


def test_ideas_that_share_no_words_say_so() -> None:
    found = suggest([(1, "Cheaper bus tickets"), (2, "Shade trees in parks")], themed=0)
    assert found.groups == []
    assert found.reason is not None and found.reason.as_dict() == {
        "code": "no_shared_words",
        "message": found.reason.message,
    }


def test_suggestions_come_without_a_reason() -> None:
    found = suggest([(1, "Shade trees in parks"), (2, "More trees for shade")], themed=5)
    assert (len(found.groups), found.reason) == (1, None)


def test_most_groups_a_person_made_on_workshop_ideas_are_recovered() -> None:
    ideas, groups = labelled_ideas()
    found = suggest_groups(ideas)
    found_again = recovered(groups, found)
    assert len(set(groups)) >= 18 and len(ideas) >= 60
    assert len(found_again) >= 14, sorted(set(groups) - set(found_again))
    assert rand_index(groups, found) >= 0.45
    texts = [text.casefold() for _, text in ideas]
    assert all(s.name.casefold() in " ".join(texts) for s in found)
    assert all(len(s.name) <= NAME_LENGTH for s in found)
