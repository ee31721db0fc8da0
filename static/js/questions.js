// A panel's questions on the participant page: ask one (credited as the prompt's attribution
// says), upvote those you want answered, see which one the panel is answering now and which it
// has answered. participant.js hands every `questions` prompt to this module.

import { runBusy } from "./actions.js";
import { clientConfig } from "./config.js";
import { attributionOf, authorLine, wirePostForm } from "./ideas.js";
import { announce, el, setCountdown, setLinkedText, syncList, t, tn } from "./render.js";

/** Where a question stands in the list: the one being answered, mine awaiting approval (and
 * those still sending), the open ones, then those answered. */
function band(question, spotlightId) {
  if (question.sending) return 1;
  if (question.id === spotlightId) return 0;
  if (question.status === "pending") return 1;
  return question.answered ? 3 : 2;
}

// Questions still sending have no id yet: they are the newest.
const placed = (question) => (question.sending ? Number.MAX_SAFE_INTEGER : question.id);

/**
 * The order of a panel's questions: the one in the spotlight first, then my own not yet shown to
 * the room, then the others by upvotes (the newest first among equals), the answered ones last.
 */
export function questionOrder(spotlightId = null) {
  return (a, b) =>
    band(a, spotlightId) - band(b, spotlightId) ||
    (b.votes || 0) - (a.votes || 0) ||
    placed(b) - placed(a);
}

/** The questions the viewer may read: not replies, not withheld (my own pending ones are
 * sent to me in full). */
export function readableQuestions(prompt) {
  return [...prompt.ideas.values()].filter((idea) => !idea.hidden && !idea.parent_id);
}

/** "5 questions · 2 answered": shown questions, and how many the panel has answered. */
export function questionsLine(questions) {
  const shown = questions.filter((q) => !q.sending && (q.status || "visible") === "visible");
  const answered = shown.filter((q) => q.answered).length;
  const parts = [tn("question_count", shown.length)];
  if (answered) parts.push(tn("answered_count", answered));
  return parts.join(" · ");
}

/**
 * The questions prompts of the participant page, over `room` (a LiveRoom): `redraw()` draws
 * the page again, `announcer` is its polite live region, `me()` who I am as the room may credit
 * me (null before joining), `drafts` keeps what I type ({read(promptId), keep(promptId, text)}).
 */
export function setUpQuestions({ room, redraw, announcer, me, drafts }) {
  const ideaMax = clientConfig().idea_max;
  // The question last seen in the spotlight, by prompt, so that a new one is announced once.
  const spotlit = new Map();

  function creditNote(attribution) {
    const who = me();
    let line;
    if (attribution === "anonymous") line = t("credit_question_anonymous");
    else if (attribution === "affiliation") {
      line = who.affiliation
        ? t("credit_question_affiliation", { affiliation: who.affiliation })
        : t("credit_question_affiliation_none");
    } else line = t("credit_question_named", { name: authorLine(who) });
    return t("two_sentences", { first: line, second: t("credit_kept") });
  }

  // -- the prompt's card -----------------------------------------------------------------

  function askForm(prompt) {
    const base = `question-${prompt.id}`;
    const textarea = el("textarea", {
      id: `${base}-input`,
      name: "text",
      rows: 2,
      maxLength: ideaMax,
      required: true,
      "aria-describedby": `${base}-counter ${base}-credit ${base}-premod`,
      value: drafts.read(prompt.id),
    });
    const form = el("form", { className: "idea-form ask-form", noValidate: true }, [
      el("label", { for: textarea.id }, t("ask_question")),
      textarea,
      el("div", { className: "form-row" }, [
        el("span", { id: `${base}-counter`, className: "counter" }),
        el("button", { type: "submit", className: "button primary" }, t("ask")),
      ]),
      el("p", { className: "form-error", role: "status", "aria-live": "polite" }),
      el("p", { className: "hint credit-note", id: `${base}-credit` }),
      el("p", { className: "hint premod-note", id: `${base}-premod` }, t("questions_premoderated")),
    ]);
    wirePostForm(form, {
      max: ideaMax,
      keep: (text) => drafts.keep(prompt.id, text),
      send: (text) => room.postIdea(prompt.id, text),
    });
    return form;
  }

  function create(prompt) {
    const section = el(
      "section",
      { className: "card prompt questions-prompt", "aria-labelledby": `prompt-${prompt.id}` },
      [
        el("p", { className: "focus-note" }, t("brought_here")),
        el("div", { className: "prompt-head" }, [
          el("span", { className: "badge open" }, t("status_open")),
          el("span", { className: "pill kind-pill" }, t("kind_questions")),
          el("span", { className: "countdown", role: "timer" }),
        ]),
        el("h2", { id: `prompt-${prompt.id}`, className: "prompt-text", tabIndex: -1 }),
        el("p", { className: "hint questions-help" }, t("questions_help")),
        askForm(prompt),
        el("p", { className: "hint tallies-note" }, t("tallies_hidden")),
        el("p", { className: "hint question-count" }),
        el("ol", { className: "questions", "aria-label": t("questions_list") }),
        el("p", { className: "empty" }),
        el("p", { className: "form-error action-error", role: "status", "aria-live": "polite" }),
      ],
    );
    section.querySelector(".questions").addEventListener("click", (event) => {
      const button = event.target.closest("button.upvote");
      if (button && !button.disabled) upvote(section, button);
    });
    return section;
  }

  function createClosed(prompt) {
    return el(
      "section",
      {
        className: "card prompt closed questions-prompt",
        "aria-labelledby": `closed-${prompt.id}`,
      },
      [
        el("div", { className: "prompt-head" }, [
          el("span", { className: "badge closed" }, t("status_closed")),
          el("span", { className: "pill kind-pill" }, t("kind_questions")),
        ]),
        el("h3", { id: `closed-${prompt.id}`, className: "prompt-text" }),
        el("p", { className: "hint question-count" }),
        el("ol", { className: "questions", "aria-label": t("questions_list") }),
        el("p", { className: "empty" }, t("no_questions")),
      ],
    );
  }

  /** What this page's viewer may do with a questions prompt right now. */
  function contextOf(prompt) {
    const open = prompt.status === "open";
    const participant = room.role === "participant";
    return {
      open,
      canAsk: open && participant && prompt.can_post !== false,
      canVote: open && participant && prompt.can_vote !== false,
      voted: room.state.votedFor(prompt.id),
      spotlightId: open ? (room.state.roundtable?.spotlight_idea_id ?? null) : null,
    };
  }

  function questionsOf(prompt, ctx) {
    const sending = room
      .pendingIdeas(prompt.id)
      .filter((entry) => !entry.parent_id)
      .map((entry) => ({ sending: true, ...entry }));
    return [...sending, ...readableQuestions(prompt)].sort(questionOrder(ctx.spotlightId));
  }

  function update(section, prompt, focused) {
    const ctx = contextOf(prompt);
    section.classList.toggle("focused", focused);
    section.querySelector(".focus-note").hidden = !focused;
    setCountdown(section.querySelector(".countdown"), prompt.timer, room.serverNow());
    setLinkedText(section.querySelector(".prompt-text"), prompt.text);
    const form = section.querySelector(".ask-form");
    form.hidden = !ctx.canAsk;
    const credit = form.querySelector(".credit-note");
    credit.hidden = !me();
    credit.textContent = me() ? creditNote(attributionOf(prompt, room.state.roundtable)) : "";
    form.querySelector(".premod-note").hidden = !prompt.premoderate;
    const questions = questionsOf(prompt, ctx);
    const counted = questions.some((q) => !q.sending && q.votes != null);
    section.querySelector(".tallies-note").hidden =
      !prompt.tallies_hidden || counted || questions.length === 0;
    drawList(section, prompt, questions, ctx);
    const empty = section.querySelector(".empty");
    empty.hidden = questions.length > 0;
    empty.textContent = ctx.canAsk ? t("no_questions_yet") : t("no_questions");
    announceSpotlight(prompt, ctx.spotlightId);
  }

  function updateClosed(section, prompt) {
    setLinkedText(section.querySelector(".prompt-text"), prompt.text);
    const ctx = contextOf(prompt);
    const questions = questionsOf(prompt, ctx);
    drawList(section, prompt, questions, ctx);
    section.querySelector(".empty").hidden = questions.length > 0;
  }

  function drawList(section, prompt, questions, ctx) {
    const count = section.querySelector(".question-count");
    count.hidden = questions.length === 0;
    count.textContent = questionsLine(questions);
    const list = section.querySelector(".questions");
    // Upvotes move questions up the list: a question keeps the focus when it moves.
    const focused = list.contains(document.activeElement) ? document.activeElement : null;
    syncList(
      list,
      questions,
      (q) => (q.sending ? `sending-${q.client_id}` : q.id),
      (q) => createQuestion(q),
      (li, q) => updateQuestion(li, q, ctx),
    );
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
  }

  /** Say once which question the panel takes up, when it moves into the spotlight. */
  function announceSpotlight(prompt, spotlightId) {
    const question = spotlightId == null ? null : prompt.ideas.get(spotlightId);
    const now = question && !question.hidden ? question.id : null;
    if (now === spotlit.get(prompt.id)) return;
    const first = !spotlit.has(prompt.id);
    spotlit.set(prompt.id, now);
    if (!first && now !== null) {
      announce(announcer, t("being_answered_now", { text: question.text }));
    }
  }

  // -- one question ------------------------------------------------------------------------

  function createQuestion(q) {
    const textId = q.sending ? `sending-${q.client_id}` : `question-text-${q.id}`;
    const countId = `${textId}-upvotes`;
    return el("li", { className: "question" }, [
      el("p", { className: "now-note" }, t("being_answered")),
      el("p", { className: "idea-text", id: textId }),
      el("div", { className: "question-foot" }, [
        el("span", { className: "author" }),
        el("span", { className: "mine-note" }, t("yours")),
        el("span", { className: "idea-note approval-note" }, t("awaiting_approval")),
        el("span", { className: "answered-note" }, t("answered")),
        el("span", { className: "question-side" }, [
          el("span", { className: "votes" }),
          el("span", { className: "visually-hidden upvote-total", id: countId }),
          q.sending
            ? null
            : el(
                "button",
                {
                  type: "button",
                  className: "button upvote",
                  "aria-describedby": `${textId} ${countId}`,
                  "aria-pressed": "false",
                  "data-idea-id": q.id,
                },
                [
                  el("span", { className: "upvote-arrow", "aria-hidden": "true" }, "▲"),
                  el("span", { className: "upvote-label" }, t("upvote")),
                  el("span", { className: "upvote-count", "aria-hidden": "true" }),
                ],
              ),
        ]),
      ]),
    ]);
  }

  function updateQuestion(li, q, ctx) {
    const text = li.querySelector(".idea-text");
    if (text.dataset.text !== q.text) {
      setLinkedText(text, q.text);
      text.dataset.text = q.text;
    }
    const mine = !q.sending && room.state.isMine(q.id);
    const awaiting = !q.sending && q.status === "pending";
    const spotlight = !q.sending && q.id === ctx.spotlightId;
    const voted = !q.sending && ctx.voted.has(q.id);
    li.classList.toggle("pending", Boolean(q.sending));
    li.classList.toggle("mine", mine);
    li.classList.toggle("awaiting", awaiting);
    li.classList.toggle("answered", Boolean(q.answered));
    li.classList.toggle("spotlight", spotlight);
    li.classList.toggle("voted", voted);
    li.querySelector(".now-note").hidden = !spotlight;
    li.querySelector(".author").textContent = q.sending ? t("sending") : authorLine(q);
    li.querySelector(".mine-note").hidden = !mine;
    li.querySelector(".approval-note").hidden = !awaiting;
    li.querySelector(".answered-note").hidden = !q.answered;
    const counted = !q.sending && q.votes != null;
    const total = counted ? tn("upvotes", q.votes) : "";
    li.querySelector(".upvote-total").textContent = total;
    const button = li.querySelector("button.upvote");
    const votable = ctx.canVote && !awaiting && (q.status || "visible") === "visible";
    const votes = li.querySelector(".votes");
    votes.hidden = votable || !counted || awaiting;
    votes.textContent = total;
    if (!button) return;
    button.hidden = !votable;
    button.setAttribute("aria-pressed", String(voted));
    // No count beside "Upvote" until someone upvotes; the description says "0 upvotes".
    button.querySelector(".upvote-count").textContent = counted && q.votes ? String(q.votes) : "";
  }

  async function upvote(section, button) {
    const ideaId = Number(button.dataset.ideaId);
    const retract = button.getAttribute("aria-pressed") === "true";
    const error = section.querySelector(".action-error");
    await runBusy(button, () => room.vote(ideaId, { retract }), {
      report: (message) => {
        if (message) announce(error, message);
        else error.textContent = "";
      },
      after: redraw,
    });
    // The question may have moved up or down the list: the focus goes with it.
    const again = section.querySelector(`button.upvote[data-idea-id="${ideaId}"]`);
    if (again && !again.hidden && document.activeElement !== again) again.focus();
  }

  return { create, update, createClosed, updateClosed };
}
