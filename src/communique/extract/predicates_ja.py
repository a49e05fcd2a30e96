"""Main predicates of a Japanese sentence and their speech acts, from SudachiPy morphemes.

A joint statement's sentence has one topic (``双方は、``) and a chain of main predicates:
the sentence-final one and those joined to it by the conjunctive form (``…を確認し、``,
``…しており、``, ``…するとともに、``). Predicates inside noun modifiers (``…を強化する具体的
プロジェクト``) are never anchors, because an anchor is either the end of the sentence or a
conjunctive form followed by ``、``. The cue words live in ``data/cues.ja.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from communique.datafiles import load_yaml
from communique.morph import Morpheme, tokenize


@dataclass(frozen=True, slots=True)
class Predicate:
    head: str  # lemma of the head (歓迎, 表す, 再確認)
    head_index: int  # token index of the head
    end_index: int  # token index of the predicate's last morpheme
    tail: tuple[str, ...]  # lemmas after the head (する, て, いる, た)
    chained: bool  # True for a conjunctive (…し、) predicate, False for the sentence-final one
    light: bool = False  # the head is a noun carried by a light verb (意見交換を行い, 一致をみた)


@dataclass(frozen=True)
class JapaneseCues:
    head_acts: dict[str, str]
    agree: frozenset[str]
    confirm: frozenset[str]
    express: frozenset[str]
    express_objects: dict[str, str]
    express_default: str
    quote_markers: frozenset[str]
    nominal_heads: dict[str, str]
    copulas: frozenset[str]
    principle_nouns: frozenset[str]
    continuation: frozenset[str]
    action_verbs: frozenset[str]
    ongoing: frozenset[str]
    future: frozenset[str]
    purpose: frozenset[str]
    prefixes: frozenset[str]
    announce: frozenset[str] = frozenset()
    announce_objects: dict[str, str] | None = None
    confirm_objects: dict[str, str] | None = None
    light_verbs: dict[str, frozenset[str]] | None = None
    consider_markers: frozenset[str] = frozenset()

    @property
    def known_heads(self) -> frozenset[str]:
        return (
            frozenset(self.head_acts) | self.agree | self.confirm | self.express | self.action_verbs | self.announce
        )


@cache
def cues() -> JapaneseCues:
    data: dict[str, Any] = load_yaml("cues.ja.yaml")
    head_acts = {word: act for act, words in data["heads"].items() for word in words}
    return JapaneseCues(
        head_acts=head_acts,
        agree=frozenset(data["agree"]),
        confirm=frozenset(data["confirm"]),
        express=frozenset(data["express"]),
        express_objects=dict(data["express_objects"]),
        express_default=data["express_default"],
        quote_markers=frozenset(data["quote_markers"]),
        nominal_heads=dict(data["nominal_heads"]),
        copulas=frozenset(data["copulas"]),
        principle_nouns=frozenset(data["principle_nouns"]),
        continuation=frozenset(data["continuation"]),
        action_verbs=frozenset(data["action_verbs"]),
        ongoing=frozenset(data["aspect"]["ongoing"]),
        future=frozenset(data["aspect"]["future"]),
        purpose=frozenset(data["purpose"]),
        prefixes=frozenset(data["prefixes"]),
        announce=frozenset(data.get("announce", [])),
        announce_objects=dict(data.get("announce_objects", {})),
        confirm_objects=dict(data.get("confirm_objects", {})),
        light_verbs={particle: frozenset(verbs) for particle, verbs in data.get("light_verbs", {}).items()},
        consider_markers=frozenset(data.get("consider_markers", [])),
    )


def _is_punct(m: Morpheme) -> bool:
    return m.pos[0] in ("補助記号", "空白")


def _is_tail(m: Morpheme) -> bool:
    """Auxiliaries and light verbs that follow a predicate's head (し, て, いる, た, れる, せる)."""
    if m.pos[0] == "助動詞":
        return True
    if m.pos[0] == "動詞" and m.pos[1] == "非自立可能":
        return True
    return m.pos[0] == "助詞" and m.pos[1] == "接続助詞" and m.surface in ("て", "で")


def _predicate_ending_at(tokens: list[Morpheme], end: int, chained: bool) -> Predicate | None:
    """Walk back from the predicate's last morpheme over its auxiliaries to the head."""
    k = end
    tail: list[str] = []
    while k >= 0 and _is_tail(tokens[k]):
        tail.append(tokens[k].lemma)
        k -= 1
    if k < 0:
        return None
    light = _light_verb_noun(tokens, k, tail)
    if light is not None:
        noun, noun_tail, lemma = light
        return Predicate(lemma, noun, end, noun_tail, chained, light=True)
    head_token = tokens[k]
    if head_token.surface == "に" and k > 0 and tokens[k - 1].pos[0] in ("名詞", "形状詞") and tail:
        # …を楽しみにしている: a noun + に + する phrase; its head is "楽しみに".
        return Predicate(tokens[k - 1].lemma + "に", k - 1, end, tuple(reversed(tail)), chained)
    if head_token.pos[0] not in ("名詞", "動詞", "形状詞", "形容詞", "接尾辞", "代名詞"):
        return None  # として、 / にて: a particle, not a predicate
    head = head_token.lemma
    if k > 0 and tokens[k - 1].pos[0] == "接頭辞" and tokens[k - 1].surface in cues().prefixes:
        head = tokens[k - 1].surface + head
    return Predicate(head, k, end, tuple(reversed(tail)), chained)


def _light_verb_noun(tokens: list[Morpheme], k: int, tail: list[str]) -> tuple[int, tuple[str, ...], str] | None:
    """A cue noun carried by a light verb: 意見交換を行い / 意見の一致をみた / 合意に達した.

    ``k`` is the head found by walking back over auxiliaries (``tail`` holds their lemmas, last
    first); the light verb is either that head (行う) or, being auxiliary-like, in the tail (みる).
    Returns the index of the noun, the predicate's tail from the light verb on, and the head lemma.
    """
    c = cues()
    if not c.light_verbs:
        return None
    head = tokens[k]
    if head.pos[0] == "動詞":
        particle_index, verb_lemmas = k - 1, [head.lemma, *reversed(tail)]
    elif head.pos[0] == "助詞" and tail:
        particle_index, verb_lemmas = k, list(reversed(tail))
    else:
        return None
    if particle_index < 1:
        return None
    particle = tokens[particle_index].surface
    verbs = c.light_verbs.get(particle)
    if not verbs or verb_lemmas[0] not in verbs:
        return None
    cue_nouns = c.known_heads - c.action_verbs
    noun = tokens[particle_index - 1]
    if noun.pos[0] != "名詞":
        return None
    tail_out = tuple(["する", *verb_lemmas[1:]])
    if particle_index >= 2 and tokens[particle_index - 2].pos[0] == "名詞":
        compound = tokens[particle_index - 2].lemma + noun.lemma  # 意見 + 交換
        if compound in cue_nouns:
            return particle_index - 1, tail_out, compound
    if noun.lemma not in cue_nouns:
        return None
    return particle_index - 1, tail_out, noun.lemma


def _has_consider_marker(tokens: list[Morpheme], start: int, end: int) -> bool:
    """The clause holds an exploratory word (可能性, 検討する): its promise is a ``consider``."""
    c = cues()
    # only the words after the last comma: a fronted purpose clause (AIの可能性を活用するため、)
    # is not what is agreed
    for k in range(end - 1, start - 1, -1):
        if tokens[k].surface in ("、", "，"):
            start = k + 1
            break
    return any(t.lemma in c.consider_markers or c.head_acts.get(t.lemma) == "consider" for t in tokens[start:end])


def _topic_index(tokens: list[Morpheme]) -> int:
    """Index of the topic marker は of ``Xは、``; -1 when the sentence has none."""
    for i, m in enumerate(tokens[:-1]):
        if m.surface == "は" and m.pos[1] == "係助詞" and tokens[i + 1].surface == "、":
            return i
    return -1


def _has_own_subject(tokens: list[Morpheme], start: int, head: int) -> bool:
    """True when a が-subject governs the head directly (…社が…を計画しており、…ことを歓迎した).

    Such a clause is embedded in the object of a later predicate. A が followed by a verb
    before the head belongs to a relative or nominal clause of its own (日本が資金援助する
    プロジェクト, …センターが設立されることを) and does not count.
    """
    for k in range(head - 1, start - 1, -1):
        t = tokens[k]
        if t.pos[0] in ("動詞", "助動詞"):
            return False
        if t.surface == "が" and t.pos[1] == "格助詞":
            return True
    return False


def _is_purpose_clause(tokens: list[Morpheme], start: int) -> bool:
    """True when the text after a chained predicate ends a purpose clause (…を促進するため、)."""
    purpose = cues().purpose
    for i in range(start, len(tokens) - 1):
        m = tokens[i]
        if m.surface == "、":
            return False
        if m.lemma in purpose and i > 0 and tokens[i - 1].pos[0] in ("動詞", "助動詞"):
            nxt = tokens[i + 1]
            after = tokens[i + 2] if nxt.surface == "に" and i + 2 < len(tokens) else nxt
            return after.surface == "、"
    return False


def find_predicates(tokens: list[Morpheme]) -> list[Predicate]:
    """The main predicates of a sentence, in text order: chained ones, then the final one."""
    out: list[Predicate] = []
    known = cues().known_heads
    topic = _topic_index(tokens)
    clause_start = topic + 1
    for i, m in enumerate(tokens):
        if m.surface != "、" or i == 0:
            continue
        end = i - 1
        prev = tokens[end]
        if (
            prev.surface == "に"
            and end >= 2
            and tokens[end - 1].surface == "とも"
            and tokens[end - 2].surface == "と"
        ):
            end -= 3  # …するとともに、
        elif not (
            (prev.pos[0] in ("動詞", "助動詞") and prev.conjugation.startswith("連用形"))
            or (prev.pos[0] == "助詞" and prev.surface in ("て", "で"))
        ):
            continue
        if end < 0:
            continue
        pred = _predicate_ending_at(tokens, end, chained=True)
        if pred is None or pred.head not in known or pred.head_index <= topic:
            continue
        if _has_own_subject(tokens, clause_start, pred.head_index):
            continue
        if _is_purpose_clause(tokens, i + 1):
            continue
        out.append(pred)
        clause_start = i + 1
    last = len(tokens) - 1
    while last >= 0 and _is_punct(tokens[last]):
        last -= 1
    if last >= 0:
        final = _predicate_ending_at(tokens, last, chained=False)
        if final is not None:
            out.append(final)
    return out


def _object_phrase(tokens: list[Morpheme], head_index: int, particles: tuple[str, ...]) -> tuple[int, int]:
    """Token span [start, end) of the noun phrase before the case particle that precedes the head."""
    k = head_index - 1
    while k >= 0 and tokens[k].pos[0] in ("副詞", "接頭辞"):  # 改めて確認した, 再確認
        k -= 1
    if k >= 0 and tokens[k].pos[0] == "形容詞" and tokens[k].conjugation.startswith("連用形"):
        k -= 1
    if k < 0 or tokens[k].surface not in particles:
        return head_index, head_index
    end = k
    # について / に関して: step over the compound particle to the noun.
    start = end
    while start > 0 and (
        tokens[start - 1].pos[0] in ("名詞", "接尾辞", "接頭辞") or tokens[start - 1].surface in ("の", "・")
    ):
        start -= 1
    return start, end


def _verb_group_before(tokens: list[Morpheme], index: int) -> tuple[int, int]:
    """Span of the verb group that modifies the noun at ``index`` (…を継続していくとの強い意志)."""
    k = index - 1
    while k >= 0 and (
        tokens[k].pos[0] in ("形容詞", "連体詞", "形状詞")
        or (tokens[k].pos[0] == "助詞" and tokens[k].surface in ("の", "と"))
        or (tokens[k].pos[0] == "助動詞" and tokens[k].surface == "な")
    ):
        k -= 1
    end = k + 1
    while k >= 0 and _is_tail(tokens[k]):
        k -= 1
    if k >= 0 and tokens[k].pos[0] in ("名詞", "動詞"):
        k -= 1
    while k >= 0 and tokens[k].pos[0] == "副詞":
        k -= 1
    return k + 1, end


def _lemmas(tokens: list[Morpheme], start: int, end: int) -> list[str]:
    return [t.lemma for t in tokens[start:end]]


def _own_action_clause(tokens: list[Morpheme], koto: int, clause_start: int) -> bool:
    """True when ``…ことを`` holds a verb of the actor's own (no が-subject of its own)."""
    if koto == 0 or tokens[koto - 1].pos[0] not in ("動詞", "助動詞"):
        return False
    if tokens[koto - 1].lemma in ("だ", "ある", "です"):
        return False  # …が重要であること: a proposition, not an action
    return not any(t.surface == "が" and t.pos[1] == "格助詞" for t in tokens[clause_start:koto])


def _will_act(tokens: list[Morpheme], noun_index: int) -> str:
    """決意 / 意思 / コミットメント: continued concrete action is commit, a principle affirm."""
    start, end = _verb_group_before(tokens, noun_index)
    if end > start and set(_lemmas(tokens, start, end)) & cues().continuation:
        return "commit"
    return "affirm"


def _intention_act(tokens: list[Morpheme], noun_index: int) -> str:
    """意向: what is intended decides between commit and consider (…を探る意向)."""
    start, end = _verb_group_before(tokens, noun_index)
    c = cues()
    lemmas = _lemmas(tokens, start, end)
    if any(c.head_acts.get(w) == "consider" for w in lemmas):
        return "consider"
    return "commit"


def _object_act(tokens: list[Morpheme], index: int, table: dict[str, str]) -> str | None:
    """The act an object noun gives (関心 -> consider), resolving intention and will nouns."""
    act = table.get(tokens[index].lemma)
    if act == "intention":
        return _intention_act(tokens, index)
    if act == "will":
        return _will_act(tokens, index)
    return act


def _quoted_act(tokens: list[Morpheme], head_index: int) -> str:
    """…を供与する用意がある旨表明した / …を支援する旨表明した: the quoted content decides."""
    c = cues()
    k = head_index - 1
    while k >= 0 and tokens[k].pos[0] in ("副詞", "接頭辞"):
        k -= 1
    if k < 0 or tokens[k].lemma not in c.quote_markers:
        return c.express_default
    for j in range(k - 1, max(-1, k - 6), -1):
        act = _object_act(tokens, j, c.express_objects)
        if act is not None:
            return act
    prev = tokens[k - 1] if k > 0 else None
    if (
        prev is not None
        and prev.pos[0] in ("動詞", "助動詞")
        and prev.lemma not in c.copulas
        and prev.lemma != "た"
    ):
        return _intention_act(tokens, k)
    return c.express_default


def _is_done(pred: Predicate) -> bool:
    """A plain action in the past (した), ongoing (している) or continued up to now (してきた)."""
    c = cues()
    tail = list(pred.tail)
    for i, w in enumerate(tail[:-1]):
        if w in ("て", "で") and tail[i + 1] in c.ongoing:
            return True
    return "た" in tail


def _announced_act(tokens: list[Morpheme], pred: Predicate, clause_start: int) -> str:
    """発表した: announcing one's own new undertaking (立ち上げ, 開始) or action (…することを) is a
    promise; announcing anything else (a result, a past fact) is a report."""
    c = cues()
    start, end = _object_phrase(tokens, pred.head_index, ("を",))
    if end > start:
        last = tokens[end - 1]
        if last.lemma == "こと" and _own_action_clause(tokens, end - 1, clause_start):
            return "consider" if _has_consider_marker(tokens, clause_start, end - 1) else "commit"
        act = _object_act(tokens, end - 1, c.announce_objects or {})
        if act is not None:
            return act
        for noun, noun_act in (c.announce_objects or {}).items():
            if last.lemma.endswith(noun):  # 支援策, 行動計画: a compound headed by a listed noun
                return noun_act
        act = _object_act(tokens, end - 1, c.express_objects)
        if act in ("commit", "consider"):
            return act
    return "report"


def classify(tokens: list[Morpheme], pred: Predicate, clause_start: int, final_done: bool) -> str | None:
    """The speech act of one main predicate, or None when it is not a predicate at all."""
    c = cues()
    head = pred.head
    if head in c.express:
        start, end = _object_phrase(tokens, pred.head_index, ("を", "に"))
        if end == start:
            return _quoted_act(tokens, pred.head_index)
        for k in range(end - 1, start - 1, -1):
            act = _object_act(tokens, k, c.express_objects)
            if act is not None:
                return act
        last = tokens[end - 1]
        if last.lemma == "こと" and _own_action_clause(tokens, end - 1, clause_start):
            return _intention_act(tokens, end - 1)  # …を支援することを表明した
        if last.lemma in c.action_verbs:
            return "commit"  # …への支援の継続を表明した: an action of the actor's own
        return c.express_default
    if head in c.agree:
        start, end = _object_phrase(tokens, pred.head_index, ("で", "に", "と"))
        if set(_lemmas(tokens, start, end)) & c.principle_nouns:
            return "affirm"
        return "consider" if _has_consider_marker(tokens, clause_start, pred.head_index) else "commit"
    if head in c.announce:
        return _announced_act(tokens, pred, clause_start)
    if head in c.confirm:
        start, end = _object_phrase(tokens, pred.head_index, ("を",))
        lemmas = _lemmas(tokens, start, end)
        if set(lemmas) & c.principle_nouns:
            return "affirm"
        if end > start:
            last = tokens[end - 1]
            if c.express_objects.get(last.lemma) == "will":
                return _will_act(tokens, end - 1)
            if last.lemma == "こと" and _own_action_clause(tokens, end - 1, clause_start):
                # …可能性を追求することを確認した: an exploratory action is a consider
                return "consider" if _has_consider_marker(tokens, clause_start, end - 1) else "commit"
            if c.confirm_objects and last.lemma in c.confirm_objects:
                return c.confirm_objects[last.lemma]  # 進捗を確認した: a note; 実施を確認した: a promise
            if last.lemma in c.action_verbs:
                return "commit"  # …の着実な実施を確認した: confirming an action to carry on
        return "affirm"
    if head in c.head_acts:
        act = c.head_acts[head]
        if act == "report" and pred.light and not pred.chained and not _is_done(pred):
            return "commit"  # 協議を行う。: a meeting still to hold is a promise
        return act
    if head in c.principle_nouns:
        return "affirm"  # …が重要である。
    if head.endswith("に"):
        return None  # a noun + に + する phrase not in the lexicon
    start, end = _object_phrase(tokens, pred.head_index, ("を",))
    if end > start and tokens[end - 1].lemma in c.principle_nouns:
        return "affirm"  # …との認識を共有した / …の重要性を共有した: a position, not an action
    head_token = tokens[pred.head_index]
    if head_token.pos[0] in ("名詞", "接尾辞", "代名詞") and pred.tail and pred.tail[0] in c.copulas:
        # A noun and a copula: …受け入れる予定である (a plan) or a statement of fact.
        return _object_act(tokens, pred.head_index, c.nominal_heads) or "report"
    is_verbal = head_token.pos[0] == "動詞" or "する" in pred.tail
    if not is_verbal:
        return None
    if pred.chained:
        return "report" if final_done or _is_done(pred) else "commit"
    return "report" if _is_done(pred) else "commit"


def sentence_acts(text: str) -> list[str]:
    """The set of acts of the sentence's main predicates, in the order of ``model.ACTS``."""
    from communique.model import ACTS

    if not text or not text.strip():
        return []
    tokens = tokenize(text)
    preds = find_predicates(tokens)
    if not preds:
        return []
    final = preds[-1] if not preds[-1].chained else None
    c = cues()
    plain_final = final is not None and final.head not in c.known_heads - c.action_verbs
    final_done = plain_final and final is not None and _is_done(final)
    found: set[str] = set()
    topic = _topic_index(tokens)
    clause_start = topic + 1
    for pred in preds:
        act = classify(tokens, pred, clause_start, final_done)
        if act is not None:
            found.add(act)
        clause_start = pred.end_index + 1
    return [a for a in ACTS if a in found]
