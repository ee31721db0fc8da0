"""The starter rubric of an assessment in the console's language, for the facilitator to edit.

The rubric itself (services/answers.py STARTER_RUBRIC) stays in English: the server uses it as
it is when an assessment is set up without criteria. Its words are marked here for translation
and looked up by their English, so that a console in French offers the same criteria in French.
"""

from __future__ import annotations

from flask_babel import gettext

from facilitation.services.answers import STARTER_RUBRIC
from facilitation.services.shapes import CriterionView
from facilitation.web.client_strings import N_

# The names and descriptions of STARTER_RUBRIC, word for word, marked for `make messages`.
WORDS = frozenset(
    {
        N_("Innovativeness"),
        N_(
            "How new the policy, strategy, model, partnership or use of technology is, "
            "whether never tried before or adapted from elsewhere and improved."
        ),
        N_("Effectiveness"),
        N_(
            "The results the initiative has achieved for the city and its people, "
            "shown by evidence."
        ),
        N_("Replicability and transferability"),
        N_("How readily another city could adopt the initiative and adapt it to its own context."),
        N_("Significance to the SDGs and the New Urban Agenda"),
        N_(
            "How much the initiative advances the Sustainable Development Goals and "
            "the New Urban Agenda."
        ),
    }
)


def starter_rubric() -> list[CriterionView]:
    """The starter rubric's criteria in the request's language, weights as they are."""
    return [
        {
            "name": gettext(criterion.name) if criterion.name in WORDS else criterion.name,
            "weight": criterion.weight,
            "description": gettext(criterion.description)
            if criterion.description in WORDS
            else criterion.description,
        }
        for criterion in STARTER_RUBRIC
    ]
