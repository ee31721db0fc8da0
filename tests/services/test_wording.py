"""The words of an idea: language guessed, Chinese segmented, words stemmed, phrases shortened."""

from __future__ import annotations

import pytest

from facilitation.services.wording import clauses, guess_language, shorten, terms


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Shade trees at every bus stop", "en"),
        ("Des pistes cyclables sécurisées entre les quartiers", "fr"),
        ("Más árboles en las calles de la ciudad", "es"),
        ("用无人机巡查河道和堤防", "zh"),
        ("推广5G和App，方便老年人出行", "zh"),
        ("", "en"),
    ],
)
def test_the_language_of_an_idea_is_guessed(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_word_forms_become_one_term_and_function_words_go() -> None:
    assert terms("Typhoons and the typhoon") == ["typhoon", "typhoon"]
    assert terms("Les inondations, une inondation") == ["inond", "inond"]
    assert terms("Des vélos, un vélo") == ["velo", "velo"]  # accents folded after stemming


def test_chinese_is_cut_into_words_without_particles_or_lone_characters() -> None:
    found = terms("用无人机巡查河道和堤防")
    assert "无人机" in found and "河道" in found
    assert not {"用", "和"} & set(found)
    assert all(len(word) > 1 for word in found)


def test_clauses_end_at_stops_and_chinese_commas_but_not_at_latin_commas() -> None:
    assert clauses("Start small: one district, real sensors") == [
        "Start small",
        "one district, real sensors",
    ]
    assert clauses("建设海绵城市，用绿地吸收暴雨") == ["建设海绵城市", "用绿地吸收暴雨"]


def test_a_phrase_is_shortened_at_a_word_boundary_ending_on_a_topic_word() -> None:
    text = "Typhoon warnings by SMS in the languages people actually speak"
    assert shorten(text, 40) == "Typhoon warnings by SMS in the languages"
    assert shorten(text, 30) == "Typhoon warnings by SMS"
    assert shorten("Short enough", 40) == "Short enough"
    chinese = shorten("推广雨水花园和透水铺装缓解城市内涝问题并建设海绵城市", 12)
    assert len(chinese) <= 12 and chinese.startswith("推广雨水花园")
