"""Function words of the languages ideas are written in, left out when ideas are compared."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Articles, pronouns, prepositions, conjunctions, auxiliaries and the fillers people put in
# front of an idea ("we need", "more", "every"): words that say nothing about its topic.
ENGLISH = _words(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either else
    etc even ever every few for from further get gets getting give had has have having he her
    here hers him his how i if in into is it its itself just let lets like make makes many may
    me might more most much must my need needs no nor not now of off on once one only or other
    our ours out over own per please same she should so some such than that the their theirs
    them then there these they this those through to too under until up upon us use used using
    very via was we well were what when where whether which while who whom whose why will with
    within without would yet you your yours
    """
)

FRENCH = _words(
    """
    à afin ai aie ainsi alors au aucun aussi autre aux avec avoir avons ayant c ça car ce ceci
    cela celle celles celui ces cet cette ceux chaque chez comme comment d dans de des donc dont
    du elle elles en encore entre est et été étaient était être eu eux faire fait faut il ils j
    je l la le les leur leurs lors lui m ma mais me même mes moi moins mon n ne ni nos notre
    nous on ont ou où par pas peu peut plus pour pourquoi qu quand que quel quelle quelles quels
    qui s sa sans se ses si soit son sont sous sur t ta te tes toi ton tous tout toute toutes
    très tu un une vers vos votre vous y
    """
)

SPANISH = _words(
    """
    a al algo algunas algunos ante antes así aun aunque cada como con contra cual cuales cuando
    de del desde donde dos el él ella ellas ellos en entre era es esa esas ese eso esos esta
    está están estas este esto estos fue fueron ha han hasta hay la las le les lo los más me
    mi mis mucho muy nada ni no nos nosotros nuestra nuestras nuestro nuestros o os otra otras
    otro otros para pero poco por porque que qué quien se sea ser si sí sin sobre son su sus
    también tan te tiene tienen todo todos tu tus un una unas uno unos usted y ya yo
    """
)

# Particles, pronouns, connectives and empty verbs as the segmenter cuts them. Lone characters
# never become terms; the common ones are listed so a shortened name does not end on one.
CHINESE = _words(
    """
    的 了 和 与 及 或 在 是 有 也 都 就 而 把 被 让 给 对 从 向 到 为 以 于 用 要 会 能 可 将
    这 那 其 之 等 个 些 每 各 不 没 很 更 最 又 还 并 但 如 若
    我们 你们 他们 她们 它们 大家 自己 这些 那些 这个 那个 一个 一些 每个 各个 所有 以及 或者
    还是 而且 并且 但是 因为 所以 如果 为了 通过 可以 能够 需要 应该 进行 使用 提供 实现 同时
    之间 其中 以后 之后 时候 方面 问题 更加 非常 已经 正在 一下 起来 出来 什么 怎么 如何 哪些
    """
)

BY_LANGUAGE = {"en": ENGLISH, "fr": FRENCH, "es": SPANISH, "zh": CHINESE}
