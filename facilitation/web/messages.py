"""Error messages in the requester's language: the domain's stable codes mapped to people's words.

The services stay in English and free of Flask; here, at the edge, a code (and what the error
carries, such as `retry_after`) becomes a message in the language of the page or connection.
An unknown code keeps the domain's own English message.
"""

from __future__ import annotations

from typing import Any

from flask_babel import LazyString, get_locale, lazy_gettext, ngettext

from facilitation.services.answers import CRITERIA_MAX, ITEMS_MAX, OPTIONS_MAX, OPTIONS_MIN
from facilitation.services.errors import DomainError, RateLimitedError
from facilitation.services.phases import TIMER_MAX_SECONDS, TIMER_MIN_SECONDS
from facilitation.services.prompts import MAX_VOTES_PER_PARTICIPANT
from facilitation.services.shapes import ErrorView
from facilitation.services.speakers import TURN_MAX_SECONDS, TURN_MIN_SECONDS

MESSAGES: dict[str, LazyString] = {
    "unauthenticated": lazy_gettext("Sign in first."),
    "forbidden": lazy_gettext("You may not do that here."),
    "not_found": lazy_gettext("That does not exist, or no longer does."),
    "bad_request": lazy_gettext("The server refused that request."),
    "not_joined": lazy_gettext("Join the roundtable first."),
    "name_required": lazy_gettext("Please give your name to join."),
    "text_empty": lazy_gettext("Write something first."),
    "text_too_long": lazy_gettext("That is too long."),
    "text_has_markup": lazy_gettext("It contains HTML; please write plain text."),
    "prompt_closed": lazy_gettext("This prompt is closed."),
    "prompt_not_draft": lazy_gettext(
        "Only a draft can be edited or deleted; this prompt has been opened."
    ),
    "roundtable_closed": lazy_gettext("This roundtable has ended; reopen it first."),
    "wrong_phase": lazy_gettext("That is not possible in this phase."),
    "over_budget": lazy_gettext(
        "You have used all your votes for this prompt. Take one back to vote again."
    ),
    "already_voted": lazy_gettext("You have already voted for this idea."),
    "not_voted": lazy_gettext("You have not voted for this idea."),
    "idea_unavailable": lazy_gettext("That idea is no longer available."),
    "reply_to_reply": lazy_gettext("Build on the first idea, not on a reply."),
    "bad_reaction": lazy_gettext("That reaction is not one of the choices."),
    "bad_merge": lazy_gettext("Those two ideas cannot be merged."),
    "bad_theme": lazy_gettext("That theme belongs to another prompt."),
    "bad_position": lazy_gettext("The prompt cannot move further."),
    "bad_budget": lazy_gettext(
        "Votes per participant must be between 1 and %(max)s.", max=MAX_VOTES_PER_PARTICIPANT
    ),
    "bad_timer": lazy_gettext(
        "A timer runs from %(min)s seconds to %(max)s minutes.",
        min=TIMER_MIN_SECONDS,
        max=TIMER_MAX_SECONDS // 60,
    ),
    "bad_attribution": lazy_gettext("That is not one of the attribution choices."),
    "bad_phase": lazy_gettext("That is not one of the phases."),
    "bad_kind": lazy_gettext("That is not one of the prompt kinds."),
    "bad_format": lazy_gettext("That export format does not exist."),
    "bad_client_id": lazy_gettext("The message had no valid client_id; please try again."),
    "no_presenter_link": lazy_gettext("This roundtable has no presenter link."),
    "invalid_presenter_link": lazy_gettext(
        "This presenter link is not valid; it may have been revoked."
    ),
    # Polls, scales, rankings and assessments: setting them up and answering them.
    "wrong_kind": lazy_gettext("This prompt is answered another way."),
    "bad_options": lazy_gettext(
        "Give between %(min)s and %(max)s options, each with its own text.",
        min=OPTIONS_MIN,
        max=OPTIONS_MAX,
    ),
    "bad_max_choices": lazy_gettext(
        "The number of choices must be at least 1 and at most the number of options."
    ),
    "bad_scale": lazy_gettext("A scale starts at 0 or 1 and ends between 2 and 10."),
    "bad_items": lazy_gettext(
        "Give between 1 and %(max)s items to assess, each with its own name.", max=ITEMS_MAX
    ),
    "bad_criteria": lazy_gettext(
        "Give between 1 and %(max)s criteria, each with its own name and a weight above 0.",
        max=CRITERIA_MAX,
    ),
    "bad_index": lazy_gettext("That is not one of the choices."),
    "off_scale": lazy_gettext("That rating is not on the scale."),
    "too_many_choices": lazy_gettext("You have chosen more options than this poll allows."),
    "duplicate_choice": lazy_gettext("An option is there twice."),
    "no_choice": lazy_gettext("Choose at least one option."),
    "bad_opinion": lazy_gettext("An opinion is agree, disagree or pass."),
    "staff_statements": lazy_gettext("Only the facilitator adds statements here."),
    # Templates of prompts.
    "template_empty": lazy_gettext("There are no prompts to make a template of, or to add."),
    "template_exists": lazy_gettext("A template with that name exists already."),
    "too_many_templates": lazy_gettext(
        "This event has as many templates as it can keep; delete one first."
    ),
    "bad_template": lazy_gettext(
        "The prompts of this template are not valid; nothing was added or saved."
    ),
    # The speakers' queue.
    "nobody_waiting": lazy_gettext("Nobody is waiting for the floor."),
    "queue_full": lazy_gettext("The speakers' queue is full."),
    "bad_turn": lazy_gettext(
        "A speaker's time runs from %(min)s seconds to %(max)s minutes, or 0 for no limit.",
        min=TURN_MIN_SECONDS,
        max=TURN_MAX_SECONDS // 60,
    ),
    # The rapporteur's workspace.
    "bad_outcome_kind": lazy_gettext(
        "An outcome is a takeaway, a decision, an action item or an open question."
    ),
    "bad_due": lazy_gettext("Write the due date as a date, such as 2025-09-30."),
    "bad_status": lazy_gettext("An action item is open, in progress or done."),
    "bad_sdgs": lazy_gettext("Choose among the 17 Sustainable Development Goals."),
    "bad_sources": lazy_gettext("An outcome can cite at most 50 ideas and 50 themes."),
    "too_many_outcomes": lazy_gettext("This roundtable has as many outcomes as it can keep."),
    "edit_conflict": lazy_gettext(
        "Someone else changed this while you were editing it; compare and save again."
    ),
    "notes_conflict": lazy_gettext(
        "A colleague changed the same lines; your text is kept beside theirs."
    ),
    # Why theme.suggest found nothing: not errors, but said the same way.
    "too_few_ideas": lazy_gettext(
        "Nothing to suggest yet: fewer than two ideas are outside a theme."
    ),
    "all_themed": lazy_gettext("Nothing to suggest: every idea is already in a theme."),
    "no_shared_words": lazy_gettext(
        "Nothing to suggest yet: no two ideas share enough words. Group them by hand."
    ),
    "unknown_event": lazy_gettext("The server does not know that event."),
    "server_error": lazy_gettext("Something went wrong on the server; please try again."),
    # Werkzeug's HTTP errors, by the code the app derives from their names.
    "method_not_allowed": lazy_gettext("That address does not take this kind of request."),
    "request_entity_too_large": lazy_gettext("That is too large to send."),
    "unauthorized": lazy_gettext("Sign in first."),
    "internal_server_error": lazy_gettext("Something went wrong on the server; please try again."),
}


def message_for(code: str, english: str, **details: Any) -> str:
    """The message for an error code in the current language; `english` when the code is new.

    In English the domain's own message is kept: it is the more precise one.
    """
    if str(get_locale() or "en") == "en":
        return english
    if code == "rate_limited" and isinstance(details.get("retry_after"), int):
        seconds: int = details["retry_after"]
        return str(
            ngettext(
                "Too many attempts from here; try again in %(num)d second.",
                "Too many attempts from here; try again in %(num)d seconds.",
                seconds,
            )
        )
    found = MESSAGES.get(code)
    return str(found) if found is not None else english


def translated(error: DomainError) -> ErrorView:
    """An error's wire form ({code, message, ...}) with the message in the current language."""
    details = error.as_dict()
    retry_after = error.retry_after if isinstance(error, RateLimitedError) else None
    details["message"] = message_for(error.code, error.message, retry_after=retry_after)
    return details
