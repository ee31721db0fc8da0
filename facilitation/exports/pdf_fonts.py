"""The fonts a PDF is set in, and people's text marked up so that every character is drawn by
a font that has it.

ReportLab embeds TrueType fonts (subset to the characters used), so the PDF shows the same
glyphs on every reader. One font cannot cover a workshop's text: DejaVu Sans (shipped inside
matplotlib, so always present) draws Latin, Greek, Cyrillic and most symbols; a CJK font draws
Chinese, Japanese and Korean; Symbola draws the reactions' emoji. Each run of characters the
text font lacks is wrapped in the first fallback font that has them.

Fonts are looked for where Debian installs them (`.ci/run` names the packages). Without a CJK
TrueType font, ReportLab's built-in STSong-Light stands in: the reader supplies its glyphs.
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from facilitation.exports.content import xml_safe

REGULAR = "Text"
BOLD = "Text-Bold"
ITALIC = "Text-Italic"
CJK = "Text-CJK"
SYMBOLS = "Text-Symbols"

# TrueType outlines only: ReportLab cannot embed the CFF outlines of Noto CJK's .ttc files.
CJK_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
)
SYMBOL_FILES = (
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    "/usr/share/fonts/truetype/symbola/Symbola.ttf",
)
CJK_STAND_IN = "STSong-Light"
LATIN_END = 0x250  # Basic Latin to Latin Extended-B: in every text font
# Characters that change how the one before is drawn and have no glyph of their own here:
# emoji presentation selectors, the joiner of emoji sequences, skin tones.
_INVISIBLE = frozenset(
    {0xFE0E, 0xFE0F, 0x200D, *range(0x1F3FB, 0x1F400)},
)


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map of a font subset, with characters beyond the Basic
    Multilingual Plane written as UTF-16 (a surrogate pair), as the PDF format asks.
    ReportLab writes their code point in five hex digits, which readers reject: the emoji of
    the reactions could not be copied, searched or read aloud."""
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@dataclass(frozen=True)
class Fonts:
    """The registered fonts' names, and what each fallback can draw."""

    fallbacks: tuple[tuple[str, Callable[[int], bool]], ...]
    text_covers: Callable[[int], bool]


def _mpl_font(name: str) -> str:
    # Found without importing matplotlib, which a PDF does not otherwise need.
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None, "matplotlib is a dependency"
    return str(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / name)


def _first(paths: tuple[str, ...]) -> str | None:
    return next((path for path in paths if Path(path).exists()), None)


def _covers(font: TTFont) -> Callable[[int], bool]:
    glyphs: dict[int, int] = font.face.charToGlyph
    return glyphs.__contains__


def _wide(code: int) -> bool:
    return unicodedata.east_asian_width(chr(code)) in "WF"


@functools.cache
def fonts() -> Fonts:
    """Registers the fonts with ReportLab once per process and says what each covers."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    regular = TTFont(REGULAR, _mpl_font("DejaVuSans.ttf"))
    for font in (
        regular,
        TTFont(BOLD, _mpl_font("DejaVuSans-Bold.ttf")),
        TTFont(ITALIC, _mpl_font("DejaVuSans-Oblique.ttf")),
    ):
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC)
    fallbacks: list[tuple[str, Callable[[int], bool]]] = []
    if cjk_file := _first(CJK_FILES):
        cjk = TTFont(CJK, cjk_file, subfontIndex=0)
        pdfmetrics.registerFont(cjk)
        fallbacks.append((CJK, _covers(cjk)))
    else:
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_STAND_IN))
        fallbacks.append((CJK_STAND_IN, _wide))
    if symbol_file := _first(SYMBOL_FILES):
        symbols = TTFont(SYMBOLS, symbol_file)
        pdfmetrics.registerFont(symbols)
        fallbacks.append((SYMBOLS, _covers(symbols)))
    return Fonts(fallbacks=tuple(fallbacks), text_covers=_covers(regular))


@functools.cache
def _font_for(code: int) -> str | None:
    """The fallback font that draws this character, or None when the text font does (or when
    no font does, and the text font's empty box is the honest answer)."""
    known = fonts()
    if known.text_covers(code):
        return None
    return next((name for name, covers in known.fallbacks if covers(code)), None)


def _fallback(code: int) -> str | None:
    """`_font_for`, skipping the lookup for the Latin letters the text font always has."""
    return None if code < LATIN_END else _font_for(code)


def _runs(text: str) -> Iterator[tuple[str | None, str]]:
    font: str | None = None
    run: list[str] = []
    for character in text:
        code = ord(character)
        if code in _INVISIBLE:
            continue
        wanted = _fallback(code)
        if wanted != font and run:
            yield font, "".join(run)
            run = []
        font = wanted
        run.append(character)
    if run:
        yield font, "".join(run)


def marked(text: str) -> str:
    """People's text as ReportLab paragraph markup that says nothing but the text: escaped,
    without the characters XML cannot carry, each run the text font lacks in a font that has
    it."""
    return "".join(
        escape(run) if font is None else f'<font face="{font}">{escape(run)}</font>'
        for font, run in _runs(xml_safe(text))
    )


def font_for_label(text: str) -> str:
    """The one font a chart's label is drawn in (a drawing's string has one font): the text
    font when it has every character, else the first fallback that has them all, else the
    first fallback (the CJK font, which also has Latin letters)."""
    codes = [ord(c) for c in text if ord(c) not in _INVISIBLE]
    if all(_fallback(code) is None for code in codes):
        return REGULAR
    known = fonts()
    return next(
        (name for name, covers in known.fallbacks if all(map(covers, codes))),
        known.fallbacks[0][0],
    )


def covered(text: str) -> bool:
    """Whether the text font draws every character of the text."""
    return all(_fallback(ord(c)) is None for c in text)
