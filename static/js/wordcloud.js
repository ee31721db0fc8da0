// Words of the ideas, counted for a word cloud: split by the browser's word segmenter
// (Intl.Segmenter, whose dictionaries also split Chinese and Japanese, which put no spaces
// between words), common words and particles left out, most frequent first.

// Words that say nothing about an idea, in the languages rooms are held in. Data, not text
// shown to anyone: a word in this list is simply never drawn.
const STOP_WORDS = new Set(
  [
    // English
    "a about above after again against all also am an and any are as at be because been before",
    "being below between both but by can could did do does doing down during each even ever every",
    "few for from further get gets got had has have having he her here hers herself him himself his",
    "how i if in into is it its itself just let like made make many may me might more most much must",
    "my myself need no nor not now of off on once one only or other our ours ourselves out over own",
    "per same she should so some such than that the their theirs them themselves then there these",
    "they this those through to too under until up upon us use used using very via was we well were",
    "what when where which while who whom why will with within without would yet you your yours",
    "yourself yourselves it's don't can't won't isn't aren't we're they're let's i'm",
    // French
    "au aux avec ce ces cette dans de des du elle en et eux il ils je la le les leur leurs lui ma",
    "mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur",
    "ta te tes toi ton tu un une vos votre vous est sont être avoir plus très tout tous",
    // Spanish and Portuguese
    "el los las del al lo y o u en un una unos unas por para con sin sobre entre es son ser que",
    "como más muy su sus se le les nos este esta estos estas ese esa eso e da do das dos na no nas",
    "nos num numa uma um com sem sobre entre é são ser ter mais muito seu sua seus suas isso isto",
    // German
    "der die das den dem des ein eine einer eines einem einen und oder aber nicht mit von zu im",
    "in auf für ist sind sein wir ihr sie es ich du auch als am an bei nach wie mehr sehr",
    // Chinese: particles, pronouns and link words, as the word segmenter cuts them
    "的 了 着 过 地 得 之 其 吗 呢 吧 啊 呀 哦 嘛 和 与 及 或 在 是 有 也 都 就 还 又 而 把 被",
    "让 给 从 向 到 为 对 将 等 这 那 个 很 更 最 不 没 要 会 能 我 你 他 她 它 们",
    "我们 你们 他们 她们 它们 大家 自己 这个 那个 这些 那些 这样 那样 这里 那里 一个 一些",
    "一下 没有 可以 应该 需要 必须 能够 因为 所以 但是 不过 如果 为了 以及 或者 还是 就是",
    "而且 并且 然后 以后 之后 之前 已经 非常 十分 更加 比较 进行 通过 对于 关于 由于 其他",
    "所有 每个 什么 怎么 如何 为什么 不是 也是 都是 还有 可能 一样 同时 目前 现在",
  ]
    .join(" ")
    .split(" "),
);

const WORD_PATTERN = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const ONLY_LATIN = /^[\p{Script=Latin}\p{N}'’-]+$/u;
const ONLY_DIGITS = /^[\p{N}]+$/u;

function segmenter(lang) {
  if (typeof Intl === "undefined" || typeof Intl.Segmenter !== "function") return null;
  try {
    return new Intl.Segmenter(lang || undefined, { granularity: "word" });
  } catch {
    return null;
  }
}

function* wordsOf(text, split) {
  if (split) {
    for (const part of split.segment(text)) if (part.isWordLike) yield part.segment;
  } else {
    for (const match of text.matchAll(WORD_PATTERN)) yield match[0];
  }
}

/** Whether a word is worth drawing: not a stop word, not a number, not a stray letter. */
function meaningful(word) {
  if (STOP_WORDS.has(word) || ONLY_DIGITS.test(word)) return false;
  // Latin-script words need three letters; one Chinese character can already be a word,
  // but a single one is too often a particle.
  return ONLY_LATIN.test(word) ? word.length >= 3 : word.length >= 2;
}

/**
 * The `limit` most frequent words of `texts`, as [{word, count}], most frequent first.
 * Words are counted without regard to case and shown in the form people wrote most often.
 */
export function wordFrequencies(texts, { lang = "", limit = 50 } = {}) {
  const split = segmenter(lang);
  const counts = new Map();
  for (const text of texts) {
    if (!text) continue;
    for (const raw of wordsOf(text, split)) {
      const word = raw.replace(/^['’-]+|['’-]+$/gu, "");
      const key = word.toLocaleLowerCase(lang || undefined);
      if (!meaningful(key)) continue;
      const entry = counts.get(key) || { count: 0, forms: new Map() };
      entry.count += 1;
      entry.forms.set(word, (entry.forms.get(word) || 0) + 1);
      counts.set(key, entry);
    }
  }
  const words = [];
  for (const [key, { count, forms }] of counts) {
    let shown = key;
    let best = 0;
    for (const [form, n] of forms) {
      if (n > best) {
        shown = form;
        best = n;
      }
    }
    words.push({ key, word: shown, count });
  }
  words.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return words.slice(0, limit);
}

/** A word's weight between 0 and 1: its count's place between the least and most frequent. */
export function weight(count, least, most) {
  if (most <= least) return 0.5;
  return Math.sqrt((count - least) / (most - least));
}

const SPIRAL_STEP = 0.1; // radians
const SPIRAL_GROWTH = 1.2; // pixels of radius per radian
const SPIRAL_TRIES = 6000;

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Place sized word elements (most frequent first) in `box` on a spiral out from its centre,
 * each at the first spot that overlaps no word placed before it, stretched to the box's
 * shape. Sets `--x` and `--y` on each placed word and hides the ones that found no room;
 * returns how many did not fit. With `giveUp`, it stops at the first word that does not.
 */
export function spiralLayout(box, nodes, { padding = 8, giveUp = false } = {}) {
  const width = box.clientWidth;
  const height = box.clientHeight;
  const stretch = height > 0 ? width / height : 1;
  const placed = [];
  let missed = 0;
  for (const node of nodes) {
    node.hidden = false;
    const size = node.getBoundingClientRect();
    const w = size.width + padding * 2;
    const h = size.height + padding / 2;
    let spot = null;
    for (let step = 0; step < SPIRAL_TRIES && !spot; step += 1) {
      const angle = step * SPIRAL_STEP;
      const radius = SPIRAL_GROWTH * angle;
      if (radius > height && radius * stretch > width) break;
      const candidate = {
        x: width / 2 + radius * stretch * Math.cos(angle) - w / 2,
        y: height / 2 + radius * Math.sin(angle) - h / 2,
        w,
        h,
      };
      const inside =
        candidate.x >= 0 &&
        candidate.y >= 0 &&
        candidate.x + w <= width &&
        candidate.y + h <= height;
      if (inside && !placed.some((other) => overlaps(candidate, other))) spot = candidate;
    }
    if (!spot) {
      node.hidden = true;
      missed += 1;
      if (giveUp) return missed;
      continue;
    }
    placed.push(spot);
    node.style.setProperty("--x", `${(spot.x + padding).toFixed(2)}px`);
    node.style.setProperty("--y", `${(spot.y + padding / 4).toFixed(2)}px`);
  }
  return missed;
}
