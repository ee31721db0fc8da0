"""What the readable formats show of speaking time: a sentence that says whether the floor was
shared, then the time by person and by city or organisation, written once (as answered.py's
blocks) for the Markdown, the page, the PDF and the Word file (the CSV keeps the raw figures).

Where the summary names nobody, speakers are numbered by time held ("Speaker 1" spoke
longest), and no city or organisation is shown.
"""

from __future__ import annotations

from facilitation.exports.answered import Block, Heading, Note, Table
from facilitation.exports.content import affiliation_name, gini, percent, plural
from facilitation.services.summary_data import SpeakerTime, Speaking

SPEAKING_HEADINGS = {"people": "By person", "affiliations": "By city or organisation"}
PERSON_HEADER = ("Speaker", "City or organisation", "Turns", "Time", "Share")
UNAFFILIATED_HEADER = ("Speaker", "Turns", "Time", "Share")
AFFILIATION_HEADER = ("City or organisation", "Speakers", "Turns", "Time", "Share")


def clock(seconds: int) -> str:
    """ "0:45", "12:05", "1:02:03": a length of time as a clock shows it."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration(seconds: int) -> str:
    """ "45 s", "38 min", "1 h 5 min": a length of time in words, to the nearest minute (half a
    minute up) from a minute up."""
    if seconds < 60:
        return f"{seconds} s"
    hours, minutes = divmod((seconds + 30) // 60, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h" + (f" {minutes} min" if minutes else "")


def speaker_name(person: SpeakerTime, number: int) -> str:
    """The speaker's name, or "Speaker 3" where the summary names nobody."""
    return person.name if person.name is not None else f"Speaker {number}"


def sentence(speaking: Speaking) -> str:
    """Whether the floor was shared, in two sentences: "9 people took the floor in 14 turns,
    38 min in all. The longest speaker held 18% of the time, ..." """
    people = len(speaking.people)
    said = (
        f"{plural(people, 'person', 'people')} took the floor in "
        f"{plural(speaking.turns, 'turn', 'turns')}, {duration(speaking.seconds)} in all."
    )
    if people == 1 or speaking.longest_share is None:
        return said
    shares = f"The longest speaker held {percent(speaking.longest_share)} of the time"
    if people > 5:  # below six, the most active fifth is the longest speaker alone
        shares += f", the fifth who spoke longest {percent(speaking.top_fifth_share)}"
    return (
        f"{said} {shares}; the Gini coefficient of speaking time is {gini(speaking.gini)} "
        "(0 when everyone who spoke held the floor equally long, towards 1 when one person "
        "held it all)."
    )


def _share(seconds: int, total: int) -> str:
    return percent(seconds / total if total else None)


def speaking_blocks(speaking: Speaking) -> list[Block]:
    """The speaking time section's content in reading order, under its own heading."""
    total = speaking.seconds
    shown = bool(speaking.affiliations)  # cities and organisations may be named
    rows = tuple(
        (
            speaker_name(person, number),
            *((affiliation_name(person.affiliation or ""),) if shown else ()),
            str(person.turns),
            clock(person.seconds),
            _share(person.seconds, total),
        )
        for number, person in enumerate(speaking.people, start=1)
    )
    blocks: list[Block] = [
        Note(sentence(speaking)),
        Heading(SPEAKING_HEADINGS["people"]),
        Table(PERSON_HEADER, rows, (0.34, 0.3, 0.12, 0.12, 0.12), frozenset({2, 3, 4}))
        if shown
        else Table(UNAFFILIATED_HEADER, rows, (0.52, 0.16, 0.16, 0.16), frozenset({1, 2, 3})),
    ]
    if shown:
        blocks += [
            Heading(SPEAKING_HEADINGS["affiliations"]),
            Table(
                AFFILIATION_HEADER,
                tuple(
                    (
                        affiliation_name(a.name),
                        str(a.people),
                        str(a.turns),
                        clock(a.seconds),
                        _share(a.seconds, total),
                    )
                    for a in speaking.affiliations
                ),
                (0.4, 0.15, 0.15, 0.15, 0.15),
                frozenset({1, 2, 3, 4}),
            ),
        ]
    return blocks
