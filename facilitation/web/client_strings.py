"""The one dictionary of the pages' JavaScript strings, translated for the request's language.

Each entry is a message for gettext (`N_`), one with a context for pgettext (`C_`, where one
English word has two meanings) or a pair for ngettext (`NP_`); `make messages` extracts them
all. Placeholders are gettext's `%(name)s`, filled in the browser by render.js.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale
from flask_babel import get_locale, get_translations

Plural = tuple[str, str]


@dataclass(frozen=True)
class Contextual:
    """A message whose English is shared by another meaning: "Open" (a status) or "Open" (do it)."""

    context: str
    message: str


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated when the dictionary is built."""
    return message


def C_(context: str, message: str) -> Contextual:
    """Mark a message with its context for extraction, as pgettext takes it."""
    return Contextual(context, message)


def NP_(singular: str, plural: str) -> Plural:
    """Mark a singular and plural pair for extraction, as ngettext takes them."""
    return (singular, plural)


STRINGS: dict[str, str | Plural | Contextual] = {
    "connection_connecting": N_("Connecting…"),
    "connection_online": N_("Live"),
    "connection_offline_kept": N_(
        "Reconnecting… what you write is kept and sent when the connection is back."
    ),
    "participants": NP_("%(n)s participant", "%(n)s participants"),
    "you_are": N_("You are taking part as %(name)s."),
    "signed_in_as_staff": N_(
        "You are signed in as staff, so you see the room but cannot post or vote. "
        "Open the link in a private window to take part."
    ),
    "your_idea": N_("Your idea"),
    "yours": N_("Yours"),
    "post_idea": N_("Post idea"),
    "characters_used": N_("%(n)s / %(max)s characters"),
    "status_open": C_("status", "Open"),
    "status_closed": N_("Closed"),
    "ideas": N_("Ideas"),
    "results": N_("Ideas ranked by votes"),
    "no_ideas_yet": N_("No ideas yet. Be the first!"),
    "no_ideas": N_("No ideas were posted."),
    "no_ideas_so_far": N_("No ideas yet."),
    "votes_left": NP_("%(n)s vote left", "%(n)s votes left"),
    "votes": NP_("%(n)s vote", "%(n)s votes"),
    "vote": N_("Vote"),
    "take_back_vote": N_("Take back vote"),
    "no_votes_left": N_("No votes left: take one back to vote here"),
    "sending": N_("Sending…"),
    "anonymous": N_("Anonymous"),
    # An idea carried into the wrap-up from a stream's roundtable, in place of its author.
    "carried_from": N_("From %(place)s"),
    "new_idea_from": N_("New idea from %(name)s"),
    "new_ideas": NP_("%(n)s new idea", "%(n)s new ideas"),
    "idea_refused": N_("Your idea was not posted: %(reason)s"),
    "error_unknown": N_("That did not work; please try again."),
    # Checked in the browser before anything is sent.
    "error_name_required": N_("Please give your name to join."),
    "error_text_empty": N_("Write something first."),
    "error_timeout": N_("The server did not answer in time; please try again."),
    "error_offline": N_("You are offline; try again when the connection is back."),
    "phase_collect": N_("Collect"),
    "phase_group": N_("Group"),
    "phase_vote": N_("Vote"),
    "phase_results": N_("Results"),
    "phase_help_collect": N_("Add your ideas"),
    "phase_help_group": N_("The facilitator is grouping ideas"),
    "phase_help_vote": N_("Vote for the ideas you support"),
    "phase_help_vote_themes": N_("Vote for the themes and ideas you support"),
    "phase_help_results": N_("Results"),
    "private_note": N_(
        "Private brainstorm: others see your ideas once the facilitator reveals them."
    ),
    "credit_named": N_("Your idea will be shown with your name: %(name)s."),
    "credit_affiliation": N_(
        "Your idea will be shown with your city or organisation only: %(affiliation)s. "
        "Your name is not shown."
    ),
    "credit_affiliation_none": N_("Your idea will be shown without your name."),
    "credit_anonymous": N_(
        "Your idea will be shown anonymously (Chatham House): no name or city, now or later."
    ),
    "credit_kept": N_(
        "What you post keeps this credit: a later change can only hide more, never reveal more."
    ),
    # Two sentences shown together: Chinese puts no space between them.
    "two_sentences": C_("two sentences", "%(first)s %(second)s"),
    "count_ideas": NP_("%(n)s idea", "%(n)s ideas"),
    "count_replies": NP_("%(n)s reply", "%(n)s replies"),
    "count_pending": NP_("%(n)s awaiting approval", "%(n)s awaiting approval"),
    "count_hidden": NP_("%(n)s hidden", "%(n)s hidden"),
    "count_withdrawn": NP_("%(n)s withdrawn", "%(n)s withdrawn"),
    "count_merged": NP_("%(n)s merged", "%(n)s merged"),
    "supporters": NP_("%(n)s supporter", "%(n)s supporters"),
    "hidden_ideas": NP_(
        "%(n)s idea from others, hidden until the facilitator reveals it",
        "%(n)s ideas from others, hidden until the facilitator reveals them",
    ),
    "tallies_hidden": N_("Vote counts stay hidden until the results."),
    "brought_here": N_("The facilitator brought everyone to this prompt"),
    "time_left": N_("%(time)s left"),
    "time_up": N_("Time is up"),
    "other_ideas": N_("Ideas in no theme"),
    "ideas_in_theme": N_("Ideas in %(name)s"),
    "theme_empty": N_("No ideas in this theme yet."),
    "vote_theme": N_("Vote for the theme %(name)s"),
    "take_back_theme_vote": N_("Take back vote for the theme %(name)s"),
    "edited": N_("edited"),
    "awaiting_approval": N_("Waiting for the facilitator's approval"),
    "reactions": N_("Reactions"),
    "reaction_count": N_("%(name)s: %(n)s"),
    "reaction_👍": N_("Agree"),
    "reaction_💡": N_("Good idea"),
    "reaction_❤️": N_("Love it"),
    "reaction_👏": N_("Applause"),
    "reaction_🤔": N_("Not sure"),
    "build_on": N_("Build on this"),
    "build_on_label": N_("Build on this idea"),
    "post_reply": N_("Post"),
    "replies": N_("Ideas building on this one"),
    "reply_refused": N_("Your reply was not posted: %(reason)s"),
    "edit": N_("Edit"),
    "reword_idea": N_("Reword this idea"),
    "reword_reply": N_("Reword this reply"),
    "save": N_("Save"),
    "cancel": N_("Cancel"),
    "withdraw": N_("Withdraw"),
    "withdraw_question": N_("Withdraw this idea? Votes on it go back to those who cast them."),
    "withdraw_yes": N_("Yes, withdraw it"),
    "keep_it": N_("Keep it"),
    "withdrawn": N_("Your idea was withdrawn."),
    "connection_offline": N_("Reconnecting…"),
    "prompt_number": N_("Prompt %(n)s"),
    "joined": NP_("participant joined", "participants joined"),
    "status_draft": N_("Draft"),
    "open_prompt": C_("action", "Open"),
    "reopen_prompt": N_("Reopen"),
    "close_prompt": N_("Close"),
    "ideas_ranked": N_("Ideas ranked by votes"),
    "votes_hidden": N_("votes hidden until results"),
    "end_confirm": N_(
        "End the session? Every open prompt closes and participants see that the roundtable "
        "has ended. You can reopen it."
    ),
    "session_ended": N_("Session ended at %(time)s."),
    "session_live": N_("The session is running."),
    "attribution_rule": N_(
        "A more protective choice applies at once; a more open one only to ideas posted afterwards."
    ),
    "votes_each": NP_("%(n)s vote each", "%(n)s votes each"),
    "draft_hint": N_("Not open yet: participants cannot see this prompt."),
    "prompt_saved": N_("Prompt added."),
    "edit_prompt": N_("Edit"),
    "edit_prompt_text": N_("Prompt text"),
    "edit_prompt_votes": N_("Votes per participant"),
    "save_prompt": N_("Save"),
    "cancel_edit": N_("Cancel"),
    "delete_prompt": N_("Delete"),
    "confirm_delete_prompt": N_("Delete this draft for good?"),
    "confirm_delete": N_("Yes, delete"),
    "keep_prompt": N_("Keep it"),
    "move_up": N_("Move up"),
    "move_down": N_("Move down"),
    "prompt_updated": N_("Prompt saved."),
    "prompt_deleted": N_("Draft deleted."),
    "prompt_moved": N_("Prompt moved."),
    "link_copied": N_("Join link copied."),
    "presenter_link_created": N_("Presenter link ready: open it on the projector's computer."),
    "presenter_link_copied": N_("Presenter link copied."),
    "presenter_link_rotated": N_("New presenter link ready; the old one no longer works."),
    "presenter_link_revoked": N_("Presenter link revoked; screens that used it have stopped."),
    "presenter_link_rotate_confirm": N_(
        "Make a new presenter link? Screens using the current one will stop."
    ),
    "presenter_link_revoke_confirm": N_("Revoke the presenter link? Screens using it will stop."),
    "link_not_copied": N_("Could not copy the link; select it and copy it by hand."),
    "error_prompt_empty": N_("Write the prompt first."),
    "phases": N_("Phase"),
    "private": N_("Private brainstorm"),
    "hide_tallies": N_("Hide tallies until results"),
    "late_ideas": N_("Allow ideas after collecting"),
    "prompt_settings": N_("Settings"),
    "prompt_attribution": N_("Attribution for this prompt"),
    "attribution_same": N_("Same as roundtable"),
    "attribution_named": N_("Named"),
    "attribution_affiliation": N_("City or organisation only"),
    "attribution_anonymous": N_("Anonymous (Chatham House)"),
    "reveal": N_("Reveal ideas"),
    "hidden_from_room": N_("Private: participants see only their own ideas."),
    "revealed": N_("Revealed"),
    "focus": N_("Bring everyone here"),
    "unfocus": N_("Let everyone roam"),
    "focused": N_("Everyone is here"),
    "timer": N_("Timer"),
    "timer_duration": N_("Duration"),
    "minutes": NP_("%(n)s minute", "%(n)s minutes"),
    "custom_seconds": N_("Other (seconds)"),
    "seconds": N_("Seconds"),
    "advance_phase": N_("Advance to the next phase when time is up"),
    "advance_close": N_("Close the prompt when time is up"),
    "timer_start": N_("Start timer"),
    "timer_restart": N_("Restart timer"),
    "timer_stop": N_("Stop timer"),
    "error_bad_seconds": N_("A timer runs from %(min)s seconds to %(max)s minutes."),
    "themes": N_("Themes"),
    "suggest_themes": N_("Suggest themes"),
    "suggested_themes": N_("Suggested themes"),
    "suggested_theme_name": N_("Suggested theme name"),
    "suggest_reason_generic": N_("Nothing to suggest yet."),
    "suggestions": NP_("%(n)s theme suggested.", "%(n)s themes suggested."),
    "no_suggestions": N_("No themes to suggest: group a few more similar ideas first."),
    "accept": N_("Accept"),
    "reject": N_("Reject"),
    "new_theme_name": N_("New theme name"),
    "new_theme": N_("New theme"),
    "theme_name": N_("Theme name"),
    "delete_theme": N_("Delete theme"),
    "theme": N_("Theme"),
    "not_in_theme": N_("Not in a theme"),
    "ideas_not_in_theme": N_("Ideas not in a theme"),
    "idea_view": N_("Show ideas"),
    "view_all": N_("All ideas"),
    "view_themes": N_("By theme"),
    "error_theme_name_empty": N_("Give the theme a name first."),
    "premoderate": N_("Pre-moderation: approve each idea before the room sees it"),
    "approve": N_("Approve"),
    "hide": N_("Hide"),
    "restore": N_("Restore"),
    "spotlight": N_("Spotlight"),
    "clear_spotlight": N_("Clear spotlight"),
    "spotlighted": N_("In the spotlight"),
    "edit_idea": N_("Edit the idea"),
    "merge": N_("Merge"),
    "merge_into": N_("Merge into…"),
    "choose_merge_target": N_("Choose the idea to merge this one into."),
    "building_on": N_("Builds on the idea above"),
    "status_pending": N_("Waiting for approval"),
    "status_hidden": N_("Hidden"),
    "status_merged": N_("Merged"),
    "status_deleted": N_("Withdrawn by its author"),
    "screen_phase_collect": N_("Collecting ideas"),
    "screen_phase_group": N_("Grouping"),
    "screen_phase_vote": N_("Voting"),
    "screen_phase_results": N_("Results"),
    "page_of": N_("Page %(page)s of %(pages)s"),
    "unit_votes": NP_("vote", "votes"),
    "unit_supporters": NP_("supporter", "supporters"),
    "screen_time_left": N_("left"),
    "screen_no_ideas_yet": N_("Ideas will appear here as they arrive."),
    "no_words_yet": N_("The word cloud grows as ideas arrive."),
    "no_votes_yet": N_("No votes yet."),
    "private_count": NP_("idea so far", "ideas so far"),
    "screen_private_note": N_(
        "Private brainstorm: the ideas appear when the facilitator reveals them."
    ),
    "voting_open": N_("Voting is open: vote on your device. Results are shown at the end."),
    "voting_live": N_("Voting is open: vote on your device."),
    "grouping": N_("Ideas grouped into themes"),
    "ungrouped": N_("Not grouped yet"),
    "screen_results": N_("Themes ranked by supporters, then ideas ranked by votes"),
    "word_cloud": N_("Word cloud"),
    "idea_list": N_("Idea list"),
    "join_screen": N_("Join screen"),
    "back_to_prompt": N_("Back to the prompt"),
    "revoked": N_("Link no longer valid"),
    "creating": N_("Creating…"),
    "error_title_required": N_("Give the roundtable a title."),
    # Polls, scales, rankings and assessments: answering them, and their results.
    "kind_ideas": N_("Ideas"),
    "kind_poll": N_("Poll"),
    "kind_scale": N_("Scale"),
    "kind_ranking": N_("Ranking"),
    "kind_assessment": N_("Assessment"),
    "kind_questions": N_("Questions"),
    "kind_statements": N_("Statements"),
    # Between the items of a list written out in a sentence: "Trams, Bikes".
    "list_separator": C_("list separator", ", "),
    "choose_one": N_("Choose one option."),
    "choose_up_to": NP_("Choose up to %(n)s option.", "Choose up to %(n)s options."),
    "scale_help": N_("How much do you agree? Choose one value."),
    "scale_low": N_("%(value)s = strongly disagree"),
    "scale_high": N_("%(value)s = strongly agree"),
    "ranking_help": N_(
        "Put the options in your order, most important first: add them, then move them with "
        "the arrows or by dragging. Rank as many as you like."
    ),
    "assessment_help": N_(
        "Score each item on each criterion, from %(min)s (lowest) to %(max)s (highest), and "
        "save each item's scores. You can change them until the prompt closes."
    ),
    "send_answer": N_("Send answer"),
    "change_answer": N_("Change answer"),
    "answer_saved": N_("Your answer was saved."),
    "answer_kept": N_(
        "Not sent yet: your answer is kept on this device and sent when the connection is back."
    ),
    "answer_refused": N_("Your answer was not saved: %(reason)s"),
    "your_answer_is": N_("Your answer: %(answer)s"),
    "your_rating_is": N_("Your rating: %(value)s out of %(max)s"),
    "your_ranking_is": N_("Your ranking: %(ranking)s"),
    "ranked_as": N_("%(n)s. %(option)s"),
    "error_choose_option": N_("Choose an option first."),
    "error_choose_value": N_("Choose a value first."),
    "error_rank_one": N_("Rank at least one option first."),
    "error_score_one": N_("Score at least one criterion first."),
    "error_comment_needs_score": N_("Give %(criterion)s a score to send your comment on it."),
    "your_ranking": N_("Your ranking"),
    "not_ranked": N_("Not ranked"),
    "ranking_empty": N_(
        "Nothing ranked yet: add the options that matter to you, most important first."
    ),
    "ranking_all": N_("You have ranked every option."),
    "ranked_now": N_("%(option)s is now number %(n)s."),
    "left_out_now": N_("%(option)s is left out of your ranking."),
    "move_option_up": N_("Move %(option)s up"),
    "move_option_down": N_("Move %(option)s down"),
    "leave_option_out": N_("Leave %(option)s out"),
    "add_to_ranking": N_("Add"),
    "add_option_to_ranking": N_("Add %(option)s to your ranking"),
    # How many scores an assessment has been given, of one per item and criterion.
    "scored_of": N_("Scored %(done)s of %(total)s"),
    "criteria_scored": NP_(
        "%(done)s of %(n)s criterion scored", "%(done)s of %(n)s criteria scored"
    ),
    "item_scored": N_("Scored"),
    "weight_n": N_("weight %(weight)s"),
    "comment_on": N_("Comment on %(criterion)s (optional)"),
    "save_scores": N_("Save scores"),
    "scores_saved": N_("Scores saved."),
    "results_hidden": N_("Results are hidden until the facilitator shows them."),
    "responses": NP_("%(n)s response", "%(n)s responses"),
    "rank_n": N_("Rank %(n)s"),
    "points": NP_("%(n)s point", "%(n)s points"),
    "value_count": NP_("%(value)s: %(n)s response", "%(value)s: %(n)s responses"),
    "average": N_("Average %(mean)s"),
    "spread": N_("Spread ±%(spread)s"),
    "not_scored_yet": N_("Not scored yet"),
    "score_of": N_("%(score)s / %(max)s"),
    "weighted_score": N_("Weighted score %(score)s / %(max)s"),
    "criterion": N_("Criterion"),
    "average_heading": N_("Average"),
    "average_spread_heading": N_("Average ± spread"),
    "scored_by": N_("Scored by"),
    "comments": N_("Comments"),
    "criteria_of": N_("Scores of %(item)s by criterion"),
    "criterion_weight": N_("%(name)s (weight %(weight)s)"),
    "radar_label": N_("Average scores of %(item)s on each criterion"),
    "results_poll": N_("Options, with how many chose each"),
    "results_ranking": N_("Options ranked by points (Borda count)"),
    "results_assessment": N_("Items ranked by weighted score"),
    # The participant's page: a panel's questions, statements and the speakers' queue.
    "ask_question": N_("Ask a question"),
    "ask": N_("Ask"),
    "questions_help": N_(
        "Ask the panel a question, and upvote the ones you want answered: the most upvoted "
        "come first."
    ),
    "credit_question_named": N_("Your question will be shown with your name: %(name)s."),
    "credit_question_affiliation": N_(
        "Your question will be shown with your city or organisation only: %(affiliation)s. "
        "Your name is not shown."
    ),
    "credit_question_affiliation_none": N_("Your question will be shown without your name."),
    "credit_question_anonymous": N_(
        "Your question will be shown anonymously (Chatham House): no name or city, now or later."
    ),
    "questions_premoderated": N_("The facilitator reads each question before the room sees it."),
    "questions_list": N_("Questions, most upvoted first"),
    "question_count": NP_("%(n)s question", "%(n)s questions"),
    "answered_count": NP_("%(n)s answered", "%(n)s answered"),
    "upvote": N_("Upvote"),
    "upvotes": NP_("%(n)s upvote", "%(n)s upvotes"),
    "answered": N_("Answered"),
    "being_answered": N_("Being answered now"),
    "being_answered_now": N_("Being answered now: %(text)s"),
    "no_questions_yet": N_("No questions yet. Ask the first one!"),
    "no_questions": N_("No questions were asked."),
    "question_refused": N_("Your question was not sent: %(reason)s"),
    "new_question_from": N_("New question from %(name)s"),
    "new_questions": NP_("%(n)s new question", "%(n)s new questions"),
    # Statements: each participant marks each one agree, disagree or pass.
    "opinion_agree": C_("opinion", "Agree"),
    "opinion_disagree": C_("opinion", "Disagree"),
    "opinion_pass": C_("opinion", "Pass"),
    "statements_help": N_(
        "Agree, disagree or pass on each statement. You can change your mind while the prompt "
        "is open."
    ),
    "statements_progress": NP_(
        "You have responded to %(done)s of %(n)s statement.",
        "You have responded to %(done)s of %(n)s statements.",
    ),
    "statements_list": N_("Statements"),
    "opinion_counts": N_("%(agree)s agree · %(disagree)s disagree · %(pass)s pass"),
    "consensus": N_("Broad agreement"),
    "divisive": N_("Divides the room"),
    "opinion_groups": NP_(
        "%(n)s opinion group among %(voters)s voters.",
        "%(n)s opinion groups among %(voters)s voters.",
    ),
    "too_few_voters": NP_(
        "%(n)s voter so far: too few yet to find opinion groups.",
        "%(n)s voters so far: too few yet to find opinion groups.",
    ),
    "statements_hidden": N_(
        "The counts and opinion groups are shown when the facilitator reveals the results."
    ),
    "your_opinion_was": N_("Your opinion: %(opinion)s"),
    "opinion_refused": N_("Your opinion was not saved: %(reason)s"),
    "propose_statement": N_("Propose a statement"),
    "propose": N_("Propose"),
    "propose_note": N_(
        "The facilitator checks each proposed statement before it is put to the room."
    ),
    "your_proposals": N_("Your proposals awaiting approval"),
    "statement_refused": N_("Your statement was not sent: %(reason)s"),
    "no_statements_yet": N_("No statements yet: the facilitator will add them here."),
    "no_statements": N_("No statements were put to the room."),
    "new_statements": NP_("%(n)s new statement", "%(n)s new statements"),
    # The speakers' queue.
    "speakers_queue": N_("Speakers' queue"),
    "raise_hand": N_("Raise hand"),
    "lower_hand": N_("Lower hand"),
    "end_my_turn": N_("I have finished"),
    "queue_name_note": N_("The queue shows your name and city or organisation."),
    # Your place among the hands up, by the ordinal plural rules of the page's language:
    # "one" for 1, 21, 31... (1st), "two" for 2, 22... (2nd), "few" for 3, 23... (3rd), "other"
    # for the rest (4th). Languages without ordinal forms give all four the same sentence.
    "queue_place_one": N_("You are %(n)sst in line."),
    "queue_place_two": N_("You are %(n)snd in line."),
    "queue_place_few": N_("You are %(n)srd in line."),
    "queue_place_other": N_("You are %(n)sth in line."),
    "queue_next": N_("You are next in line."),
    "queue_you_speak": N_("You have the floor."),
    "queue_speaking": N_("Speaking: %(name)s"),
    "queue_waiting": NP_("%(n)s hand up", "%(n)s hands up"),
    "turn_over": N_("%(time)s over time"),
    "turn_running": N_("%(time)s so far"),
    "your_time_is_up": N_("Your speaking time is up."),
    "hand_raised": N_("Your hand is up."),
    "hand_lowered": N_("Your hand is down."),
    # The console: setting up polls, scales, rankings and assessments, and their results.
    "setup_options": N_("Options"),
    "setup_options_hint": N_("From %(min)s to %(max)s options, each different."),
    "option_n": N_("Option %(n)s"),
    "add_option": N_("Add an option"),
    "remove_option_n": N_("Remove option %(n)s"),
    "remove_line": N_("Remove"),
    "setup_max_choices": N_("Options each participant may choose"),
    "setup_items": N_("Items to assess"),
    "setup_items_hint": N_("The initiatives (or anything else) to score: up to %(max)s."),
    "item_n": N_("Item %(n)s"),
    "add_item": N_("Add an item"),
    "remove_item_n": N_("Remove item %(n)s"),
    "setup_scale": N_("Scale"),
    "scale_from_to": N_("From %(min)s to %(max)s"),
    "setup_criteria": N_("Criteria"),
    "setup_criteria_hint": N_(
        "Start from the Guangzhou Award's criteria or write your own. An item's score is the "
        "average of its criteria, each counted as many times as its weight."
    ),
    "criterion_n": N_("Criterion %(n)s"),
    "criterion_weight_label": N_("Weight"),
    "criterion_description_label": N_("What it means (optional)"),
    "add_criterion": N_("Add a criterion"),
    "remove_criterion": N_("Remove criterion"),
    "remove_criterion_n": N_("Remove criterion %(n)s"),
    "summary_options": N_("Options: %(options)s"),
    "summary_max_choices": N_("Up to %(n)s choices each"),
    "summary_items": N_("Items: %(items)s"),
    "summary_criteria": N_("Criteria: %(criteria)s"),
    "setup_of_prompt": N_("How this prompt is set up"),
    "hide_results": N_("Hide results from participants until the prompt closes"),
    "results_heading": N_("Results"),
    "results_hidden_from_room": N_(
        "Participants and the big screen see only how many answered until the prompt closes."
    ),
    # The big screen: answered prompts.
    "screen_answer_live": N_("Answer on your device: the results move as answers arrive."),
    "screen_answer_hidden": N_("Answer on your device. The results are shown when it closes."),
    "unit_responses": NP_("response", "responses"),
    "unit_points": NP_("point", "points"),
    "out_of": N_("out of %(max)s"),
    # The console and the big screen: a panel's questions, statements, the speakers' queue.
    "questions_heading": N_("Questions, most upvoted first"),
    "unit_upvotes": NP_("upvote", "upvotes"),
    "count_questions": NP_("%(n)s question", "%(n)s questions"),
    "count_answered": NP_("%(n)s answered", "%(n)s answered"),
    "premoderate_questions": N_("Pre-moderation: approve each question before the room sees it"),
    "answer_now": N_("Answer now"),
    "answering_label": N_("Being answered"),
    "mark_answered": N_("Mark answered"),
    # Takes back "Mark answered": the question waits to be answered again.
    "undo_answered": C_("answered question", "Undo"),
    "stop_answering": N_("Stop answering"),
    "no_questions_yet_staff": N_("No questions yet."),
    "statements_heading": N_("Statements"),
    "statement": N_("Statement"),
    "proposals_heading": N_("Proposed by participants, waiting for approval"),
    "setup_statements": N_("Statements"),
    "setup_statements_hint": N_(
        "Short statements people can agree or disagree with, one a line. You can add more "
        "to the draft, and while it is open."
    ),
    "statement_n": N_("Statement %(n)s"),
    "add_statement": N_("Add a statement"),
    "remove_statement_n": N_("Remove statement %(n)s"),
    "new_statements_label": N_("New statements"),
    "new_statements_hint": N_(
        "One statement a line. Enter adds them; Shift+Enter starts a new line."
    ),
    "add_statements": N_("Add statements"),
    "statements_added": NP_("%(n)s statement added.", "%(n)s statements added."),
    "error_statement_empty": N_("Write a statement first."),
    "error_statement_too_long": N_("A statement is at most %(max)s characters long."),
    "no_statements_yet_staff": N_("No statements yet."),
    "participant_statements": N_("Participants may propose statements (you approve each one)"),
    "hide_opinions": N_("Hide results from participants until the prompt closes"),
    "opinions_hidden_from_room": N_(
        "Participants and the big screen see only how many voted until the prompt closes."
    ),
    "opinions_hidden": N_("The counts are shown when the prompt closes."),
    # A statement's counts, read as labels: "5 agree · 1 disagree · 0 pass".
    "count_agree": NP_("%(n)s agree", "%(n)s agree"),
    "count_disagree": NP_("%(n)s disagree", "%(n)s disagree"),
    "count_pass": NP_("%(n)s pass", "%(n)s pass"),
    "count_voters": NP_("%(n)s voter", "%(n)s voters"),
    "count_statements": NP_("%(n)s statement", "%(n)s statements"),
    "count_groups": NP_("%(n)s opinion group", "%(n)s opinion groups"),
    # A statement every opinion group agrees with, and one on which the groups split.
    "consensus_badge": N_("Consensus"),
    "divisive_badge": N_("Divisive"),
    "groups_heading": N_("Opinion groups"),
    "groups_too_few": N_(
        "Opinion groups appear once %(voters)s people have each taken a side on "
        "%(opinions)s statements or more."
    ),
    "groups_one": N_("The room is one opinion group: it does not split on these statements."),
    "groups_found": NP_(
        "%(voters)s voters fall into %(n)s opinion group. The table gives the share of each "
        "group that agrees and disagrees with each statement.",
        "%(voters)s voters fall into %(n)s opinion groups. The table gives the share of each "
        "group that agrees and disagrees with each statement.",
    ),
    "groups_caption": N_("How each opinion group voted on each statement"),
    "group_n": N_("Group %(n)s"),
    "people": NP_("%(n)s person", "%(n)s people"),
    "share_agree": N_("%(share)s agree"),
    "share_disagree": N_("%(share)s disagree"),
    "queue_heading": N_("Speakers' queue"),
    "queue_show": N_("Show"),
    "queue_hide": C_("a panel", "Hide"),
    "queue_summary_speaking": N_("%(name)s is speaking (%(time)s)"),
    "queue_summary_nobody": N_("Nobody has the floor"),
    "hands_waiting": NP_("%(n)s hand raised", "%(n)s hands raised"),
    "speaking_now": N_("Speaking now"),
    # A speaker and their city or organisation: "Amina (Dakar)".
    "speaker_with_place": N_("%(name)s (%(place)s)"),
    # The same city or organisation, shown apart from the name it follows: "(Dakar)".
    "in_brackets": N_("(%(place)s)"),
    "speaking_for": N_("Speaking for %(time)s"),
    "over_time_by": N_("Over time by %(time)s"),
    "turn_of": N_("Time given: %(time)s"),
    "no_time_limit": N_("No limit"),
    "nobody_speaking": N_("Nobody has the floor."),
    "next_speaker": N_("Next speaker"),
    "next_speaker_named": N_("Next speaker: %(name)s"),
    "end_turn": N_("End turn"),
    "waiting_to_speak": N_("Waiting to speak"),
    "no_hands": N_("No hands raised."),
    "give_floor": N_("Give the floor"),
    "time_per_speaker": N_("Time per speaker"),
    "time_per_speaker_hint": N_("Given to each speaker called from now on."),
    "error_turn_seconds": N_(
        "A turn lasts from %(min)s seconds to %(max)s minutes, or 0 for no limit."
    ),
    "speaking_time": N_("Speaking time so far"),
    "speaker": N_("Speaker"),
    "speaker_place": N_("City or organisation"),
    "turns": N_("Turns"),
    "time_spoken": N_("Time"),
    "nobody_spoke_yet": N_("Nobody has spoken yet."),
    "screen_questions": N_("Questions still to answer, most upvoted first"),
    "screen_questions_note": N_("Ask your question and upvote others on your device."),
    "screen_no_questions_yet": N_("No questions yet: ask yours on your device."),
    "screen_all_answered": N_("Every question has been answered."),
    "screen_statements": N_("Statements, with how the room voted on each"),
    "screen_statements_live": N_(
        "Agree, disagree or pass on your device: the bars move as votes arrive."
    ),
    "screen_statements_hidden": N_(
        "Agree, disagree or pass on your device. The results are shown when it closes."
    ),
    "screen_no_statements_yet": N_("No statements yet."),
    "screen_groups": NP_(
        "%(n)s opinion group among %(voters)s voters",
        "%(n)s opinion groups among %(voters)s voters",
    ),
    "screen_one_group": N_("%(voters)s voters, one opinion group: the room does not split"),
    "unit_voters": NP_("voter", "voters"),
    "group_agrees": N_("Group %(n)s: %(share)s agree"),
    # On the big screen, above the next people in the speakers' queue.
    "up_next": N_("Next"),
    "and_more": NP_("and %(n)s more", "and %(n)s more"),
    # Under the clock of someone speaking without a time limit, and of one over their time.
    "screen_speaking_for": N_("speaking"),
    "screen_over_time": N_("over time"),
    # The console's templates of prompts.
    "templates_shipped": N_("Come with Roundtable"),
    "templates_saved": N_("Saved for this event"),
    "template_option": NP_("%(name)s (%(n)s prompt)", "%(name)s (%(n)s prompts)"),
    "template_kinds": N_("Prompts: %(kinds)s."),
    "template_used": NP_(
        "Added %(n)s draft prompt from “%(name)s”.", "Added %(n)s draft prompts from “%(name)s”."
    ),
    "template_saved": NP_(
        "Saved “%(name)s” with %(n)s prompt.", "Saved “%(name)s” with %(n)s prompts."
    ),
    "template_deleted": N_("Deleted the template “%(name)s”."),
    "template_delete_confirm": N_(
        "Delete the template “%(name)s”? Roundtables that used it keep their prompts."
    ),
    "template_name_needed": N_("Give the template a name."),
    # The rapporteur's page.
    # Said of the session, so that it is never read as the connection's "Live" beside it.
    "room_status_scheduled": N_("Session not started"),
    "room_status_live": N_("Session running"),
    "room_status_closed": N_("Session ended"),
    "idea_pending": N_("Awaiting approval"),
    "cite": N_("Cite"),
    "cite_label": N_("Cite: %(text)s"),
    "cited": N_("Added as a source."),
    "cite_started": N_("A new takeaway cites it."),
    "reply_count": NP_("%(n)s reply", "%(n)s replies"),
    "kind_takeaway": N_("Takeaway"),
    "kind_decision": N_("Decision"),
    "kind_action": N_("Action item"),
    "kind_question": N_("Open question"),
    "action_status_open": C_("action item", "Open"),
    "action_status_in_progress": N_("In progress"),
    "action_status_done": N_("Done"),
    "label_kind": N_("Kind"),
    "label_text": N_("Text"),
    "label_owner": N_("Owner"),
    "label_due": N_("Due date"),
    "label_status": N_("Status"),
    "sdg_goals": N_("Sustainable Development Goals"),
    "sdg_picker": N_("SDG tags"),
    "streams_label": N_("Streams this speaks to"),
    "streams_picker": N_("Streams"),
    "sdg_1": N_("No poverty"),
    "sdg_2": N_("Zero hunger"),
    "sdg_3": N_("Good health and well-being"),
    "sdg_4": N_("Quality education"),
    "sdg_5": N_("Gender equality"),
    "sdg_6": N_("Clean water and sanitation"),
    "sdg_7": N_("Affordable and clean energy"),
    "sdg_8": N_("Decent work and economic growth"),
    "sdg_9": N_("Industry, innovation and infrastructure"),
    "sdg_10": N_("Reduced inequalities"),
    "sdg_11": N_("Sustainable cities and communities"),
    "sdg_12": N_("Responsible consumption and production"),
    "sdg_13": N_("Climate action"),
    "sdg_14": N_("Life below water"),
    "sdg_15": N_("Life on land"),
    "sdg_16": N_("Peace, justice and strong institutions"),
    "sdg_17": N_("Partnerships for the goals"),
    "sources": N_("Sources"),
    "source_idea": N_("Idea"),
    "source_theme": N_("Theme"),
    "idea_gone": N_("an idea no longer shown"),
    "theme_gone": N_("a theme no longer shown"),
    "remove_source": N_("Remove"),
    "remove_source_label": N_("Remove source: %(text)s"),
    "delete_outcome": N_("Delete"),
    "confirm_delete_outcome": N_("Delete this outcome?"),
    "outcome_deleted": N_("Outcome deleted."),
    "outcome_added": N_("Outcome added."),
    "save_saved": N_("Saved"),
    "save_saving": N_("Saving…"),
    "save_unsaved": N_("Not saved yet"),
    "save_failed": N_("Not saved: %(reason)s"),
    "a_colleague": N_("A colleague"),
    "changed_while_editing": N_("%(name)s changed this while you were editing"),
    "their_version": N_("Their version (%(name)s)"),
    "your_version": N_("Your version"),
    "keep_theirs": N_("Keep theirs"),
    "use_mine": N_("Use mine"),
    "drafting": N_("Drafting…"),
    "draft_added": NP_("%(n)s takeaway drafted.", "%(n)s takeaways drafted."),
    "draft_nothing": N_("Nothing new to draft: the top themes and ideas are already there."),
    "notes_kept": N_("Not saved yet: kept on this device until the connection is back."),
    "notes_merged": N_("Merged with %(name)s's changes"),
    "notes_conflict": N_(
        "%(name)s changed the same lines. Your text is kept: choose which version to keep."
    ),
    "notes_conflict_short": N_("a colleague changed the same lines"),
    "their_notes": N_("Their notes (%(name)s)"),
    "your_notes": N_("Your notes"),
    "use_theirs": N_("Use theirs"),
    "keep_mine": N_("Keep mine (save over)"),
    "p_joined": N_("Joined"),
    "p_joined_help": N_("People who joined the roundtable."),
    "p_contributed": N_("Contributed"),
    "p_contributed_help": N_("People who posted at least one idea or reply."),
    "p_voted": N_("Voted"),
    "p_voted_help": N_("People who cast at least one vote."),
    "p_contributions": N_("Contributions"),
    "p_contributions_help": N_("Ideas and replies posted."),
    "p_gini": N_("Gini coefficient"),
    "p_gini_help": N_(
        "0 means everyone contributed equally; 1 means one person made every contribution."
    ),
    "p_top_fifth": N_("Most active fifth"),
    "p_top_fifth_help": N_(
        "The share of contributions made by the most active fifth of participants; "
        "in an even room it would be one fifth."
    ),
    "p_not_enough": N_("Not enough contributions yet."),
    "p_affiliations": N_("Contributions by city or organisation"),
    "p_affiliation": N_("City or organisation"),
    "p_no_affiliation": N_("Not given"),
    "p_people": N_("People"),
    "p_chart": N_("Contributions over time"),
    "p_chart_bar": NP_("%(time)s: %(n)s contribution", "%(time)s: %(n)s contributions"),
    "p_no_timeline": N_("No contributions yet."),
}


@cache
def plural_samples(language: str) -> dict[str, int]:
    """For each CLDR plural category of a language, a count that falls in it."""
    rule = Locale.parse(language).plural_form
    samples: dict[str, int] = {}
    for n in (*range(0, 200), 1_000_000):
        samples.setdefault(rule(n), n)
    return samples


def client_strings() -> dict[str, str | dict[str, str]]:
    """The dictionary in the request's language; a plural becomes {category: form}."""
    translations = get_translations()
    samples = plural_samples(str(get_locale() or "en"))
    built: dict[str, str | dict[str, str]] = {}
    for key, message in STRINGS.items():
        if isinstance(message, Contextual):
            built[key] = translations.pgettext(message.context, message.message)
        elif isinstance(message, tuple):
            singular, plural = message
            built[key] = {
                category: translations.ngettext(singular, plural, n)
                for category, n in samples.items()
            }
        else:
            built[key] = translations.gettext(message)
    return built
