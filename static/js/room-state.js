// What the room looks like to this client, kept from a snapshot and the events after it.
// No browser or network here: the live client feeds it, the pages read it.

// Statuses of an idea no longer in the room, for its author as for everyone.
const GONE = new Set(["hidden", "deleted", "merged"]);

/** What the room looks like: the roundtable, its prompts with their ideas, my votes and ideas. */
export class RoomState {
  constructor() {
    this.roundtable = null;
    this.participants = 0;
    this.prompts = new Map();
    this.myVotes = new Map();
    // Themes I voted for, by prompt id: votes on themes spend the prompt's budget too.
    this.myThemeVotes = new Map();
    // Ideas I wrote, in full, by id: from my acks and from `mine: true` in my snapshot.
    // The room is told about them too, and in a private brainstorm its copy is hidden.
    this.myIdeas = new Map();
    // My answers to polls, scales, rankings and assessments, by prompt id: from my snapshot
    // (`my_response`) and my acks. The room is told only how many answered, never who.
    this.myResponses = new Map();
    // My opinions on statements, by prompt id, then by statement (idea) id.
    this.myOpinions = new Map();
    // The speakers' queue ({speaking, waiting, seconds, spoken?}) and my own turn's id, which
    // only my snapshot and my acks carry: everyone is sent the same queue.
    this.queue = { speaking: null, waiting: [], seconds: null };
    this.myTurn = null;
  }

  replace(snapshot) {
    this.roundtable = snapshot.roundtable;
    this.participants = snapshot.participants;
    this.prompts = new Map();
    this.takeMine(snapshot);
    for (const prompt of snapshot.prompts) this.upsertPrompt(prompt);
    this.takeMyVotes(snapshot);
    this.takeMyResponses(snapshot);
    this.takeMyOpinions(snapshot);
    if (snapshot.queue) this.takeQueue(snapshot.queue);
  }

  /** My opinions, when the snapshot carries them (a participant's does, for statements). */
  takeMyOpinions(snapshot) {
    for (const prompt of snapshot.prompts) {
      if (!prompt.my_opinions) continue;
      const mine = new Map();
      for (const [ideaId, opinion] of Object.entries(prompt.my_opinions)) {
        mine.set(Number(ideaId), opinion);
      }
      this.myOpinions.set(prompt.id, mine);
    }
  }

  /** My opinion on a statement as my `opinion.cast` ack gives it. */
  takeMyOpinion(promptId, ideaId, opinion) {
    if (!this.myOpinions.has(promptId)) this.myOpinions.set(promptId, new Map());
    this.myOpinions.get(promptId).set(ideaId, opinion);
  }

  /** My opinion on a statement, or null before I give one. */
  opinionOn(promptId, ideaId) {
    return this.myOpinions.get(promptId)?.get(ideaId) ?? null;
  }

  /** A statement's counts (null while hidden from me). */
  opinionTally(ideaId, opinions) {
    for (const prompt of this.prompts.values()) {
      const idea = prompt.ideas.get(ideaId);
      if (idea) idea.opinions = opinions;
    }
  }

  /**
   * The queue as the server sent it. `mine`, when present (my snapshot, my acks), names my
   * turn; a queue without it keeps the turn I know while it is still waiting or speaking.
   */
  takeQueue(queue) {
    if ("mine" in queue) this.myTurn = queue.mine;
    const fields = { ...queue };
    delete fields.mine;
    this.queue = fields;
    const turns = [queue.speaking, ...(queue.waiting || [])].filter(Boolean);
    if (this.myTurn != null && !turns.some((turn) => turn.turn_id === this.myTurn)) {
      this.myTurn = null;
    }
  }

  /** Where my hand is: "speaking", "waiting" (with its place, 1 first) or null. */
  myHand() {
    if (this.myTurn == null) return null;
    if (this.queue.speaking?.turn_id === this.myTurn) return { state: "speaking" };
    const place = this.queue.waiting.findIndex((turn) => turn.turn_id === this.myTurn);
    return place < 0 ? null : { state: "waiting", place: place + 1 };
  }

  isMine(ideaId) {
    return this.myIdeas.has(ideaId);
  }

  /** An idea I wrote, in full, as my ack or my snapshot gives it. */
  takeMyIdea(idea) {
    this.myIdeas.set(idea.id, { ...this.myIdeas.get(idea.id), ...idea });
    this.upsertIdea(idea);
  }

  /** My own ideas, marked `mine` in my snapshot (a participant's snapshot only). */
  takeMine(snapshot) {
    for (const prompt of snapshot.prompts) {
      for (const idea of prompt.ideas || []) if (idea.mine && !idea.hidden) this.takeMyIdea(idea);
    }
  }

  /** My own votes on ideas and themes, when the snapshot carries them (a participant's does). */
  takeMyVotes(snapshot) {
    for (const prompt of snapshot.prompts) {
      if (Array.isArray(prompt.my_votes)) this.myVotes.set(prompt.id, new Set(prompt.my_votes));
      if (Array.isArray(prompt.my_theme_votes)) {
        this.myThemeVotes.set(prompt.id, new Set(prompt.my_theme_votes));
      }
    }
  }

  /** My answers, when the snapshot carries them (a participant's does, null before answering). */
  takeMyResponses(snapshot) {
    for (const prompt of snapshot.prompts) {
      if (!("my_response" in prompt)) continue;
      if (prompt.my_response) this.myResponses.set(prompt.id, prompt.my_response);
      else this.myResponses.delete(prompt.id);
    }
  }

  /** My whole answer to a prompt as the server now keeps it (a `response.submit` ack's). */
  takeMyResponse(promptId, response) {
    if (response) this.myResponses.set(promptId, response);
  }

  /** My answer to a prompt, or null before I answer. */
  responseTo(promptId) {
    return this.myResponses.get(promptId) || null;
  }

  /** How many answered an answered prompt, and its results (null while hidden from me). */
  takeResults(promptId, responses, results) {
    const prompt = this.prompts.get(promptId);
    if (!prompt) return;
    if (typeof responses === "number") prompt.responses = responses;
    prompt.results = results ?? null;
  }

  upsertPrompt(prompt) {
    const known = this.prompts.get(prompt.id);
    const ideas = known ? known.ideas : new Map();
    for (const idea of prompt.ideas || []) this.mergeIdea(ideas, idea);
    // A prompt sent without its themes keeps the ones we know; with them, they are the truth.
    const themes = Array.isArray(prompt.themes)
      ? new Map(prompt.themes.map((theme) => [theme.id, theme]))
      : (known && known.themes) || new Map();
    // My own votes and answer are kept apart (myVotes, myThemeVotes, myResponses).
    const fields = { ...prompt };
    delete fields.my_votes;
    delete fields.my_theme_votes;
    delete fields.my_response;
    delete fields.my_opinions;
    this.prompts.set(prompt.id, { ...known, ...fields, ideas, themes });
  }

  upsertTheme(theme) {
    const prompt = this.prompts.get(theme.prompt_id);
    if (prompt) prompt.themes.set(theme.id, { ...prompt.themes.get(theme.id), ...theme });
  }

  /** A theme is gone: its ideas are ungrouped (their own `idea.updated` events follow). */
  removeTheme(theme) {
    const prompt = this.prompts.get(theme.prompt_id);
    if (!prompt) return;
    prompt.themes.delete(theme.id);
    for (const idea of prompt.ideas.values()) if (idea.theme_id === theme.id) idea.theme_id = null;
    this.myThemeVotes.get(prompt.id)?.delete(theme.id);
  }

  /** A theme's own votes and its support (its voters and its ideas' voters, each once). */
  themeTally(themeId, votes, support) {
    for (const prompt of this.prompts.values()) {
      const theme = prompt.themes.get(themeId);
      if (!theme) continue;
      theme.votes = votes;
      if (support !== undefined) theme.support = support;
    }
  }

  upsertIdea(idea) {
    const prompt = this.prompts.get(idea.prompt_id);
    if (prompt) this.mergeIdea(prompt.ideas, idea);
    if (GONE.has(idea.status)) this.voteLeaves(idea);
  }

  /**
   * An idea I voted for left the room. The server gave my vote back, or, for a merge,
   * moved it to the idea it went into unless I had voted for that one too.
   */
  voteLeaves(idea) {
    const mine = this.myVotes.get(idea.prompt_id);
    if (!mine || !mine.has(idea.id)) return;
    const kept = new Set(mine);
    kept.delete(idea.id);
    if (idea.status === "merged" && idea.merged_into != null) kept.add(idea.merged_into);
    this.myVotes.set(idea.prompt_id, kept);
  }

  mergeIdea(ideas, idea) {
    const mine = this.myIdeas.get(idea.id);
    if (mine && !idea.hidden) this.myIdeas.set(idea.id, { ...mine, ...idea });
    // The room's hidden copy of my own idea must not blank the full one I hold, while it
    // is only kept from the others (private or awaiting approval); one that is withdrawn,
    // hidden by the facilitator or merged away is gone for me too.
    const gone = idea.hidden && GONE.has(idea.status);
    const shown = idea.hidden && mine && !gone ? mine : idea;
    const merged = { ...ideas.get(idea.id), ...shown };
    if (!shown.hidden) delete merged.hidden;
    ideas.set(idea.id, merged);
  }

  tally(ideaId, votes) {
    for (const prompt of this.prompts.values()) {
      const idea = prompt.ideas.get(ideaId);
      if (idea) idea.votes = votes;
    }
    const mine = this.myIdeas.get(ideaId);
    if (mine) mine.votes = votes;
  }

  /** Apply one server event; every event carries absolute values, so twice is harmless. */
  apply(event) {
    switch (event.type) {
      case "prompt.created":
      case "prompt.updated":
        this.upsertPrompt(event.prompt);
        break;
      case "prompt.deleted":
        // Only drafts are deleted: no ideas or votes of mine can go with them.
        this.prompts.delete(event.prompt.id);
        break;
      case "idea.created":
      case "idea.updated":
        this.upsertIdea(event.idea);
        break;
      case "vote.tally":
        if (event.theme_id != null) this.themeTally(event.theme_id, event.votes, event.support);
        else this.tally(event.idea_id, event.votes);
        break;
      case "theme.created":
      case "theme.updated":
        this.upsertTheme(event.theme);
        break;
      case "theme.deleted":
        this.removeTheme(event.theme);
        break;
      case "results.updated":
        this.takeResults(event.prompt_id, event.responses, event.results);
        break;
      case "opinion.tally":
        this.opinionTally(event.idea_id, event.opinions);
        break;
      case "queue.updated":
        this.takeQueue(event.queue);
        break;
      case "participants.count":
        this.participants = event.participants;
        break;
      case "roundtable.updated":
        this.roundtable = { ...this.roundtable, ...event.roundtable };
        break;
      default:
        break;
    }
  }

  promptOf(ideaId) {
    for (const prompt of this.prompts.values()) if (prompt.ideas.has(ideaId)) return prompt;
    return null;
  }

  votedFor(promptId) {
    return this.myVotes.get(promptId) || new Set();
  }

  themesVotedFor(promptId) {
    return this.myThemeVotes.get(promptId) || new Set();
  }

  /** The votes I have left on a prompt; null where votes have no budget (a panel's questions). */
  votesLeft(prompt) {
    if (prompt.kind === "questions") return null;
    const spent = this.votedFor(prompt.id).size + this.themesVotedFor(prompt.id).size;
    return Math.max(0, prompt.votes_per_participant - spent);
  }
}
