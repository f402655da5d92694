"""Which quotes are the same statement (`related`), and all the pairs of them among quotes held
in memory (`AllRelatives`; `stored_relatives` finds them through the database's indexes).

Two quotes are the same statement when their normalised texts are identical, one holds the
other ("must go" inside the sentence it was cut from), or they are nearly identical (a small
edit, a trimmed start) with the same four longest words (their `lookup_key`, by which the index
finds them; for one speaker's quotes, three of the four). Said by the same speaker, that is
enough; whoever they are attributed to, both must also be long enough that the same words are
the same quote. The relation depends on the two quotes alone, and every pair it holds for is
found from either side, so that clusters do not depend on the order of storing.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from rapidfuzz import fuzz

NEAR_IDENTICAL = 88  # rapidfuzz ratio of normalised texts
MIN_CONTAINED_WORDS = 2  # "close" alone is in too many sentences to mean anything
MIN_STATEMENT_WORDS = 5  # a partial quote shorter than this is a fragment (Member.clustered): no cluster
LONG_QUOTE_WORDS = 8  # long enough that the same words are the same quote, whoever it is attributed to
LOOKUP_WORDS = 4
MEMBER_COLUMNS = "quotes.id, quotes.norm, quotes.speaker_id, quotes.kind, quotes.lookup_key, quotes.cluster_id"


class Member(NamedTuple):
    """A stored quote as clustering sees it (or as it was, before it was removed or moved)."""

    id: int
    norm: str
    speaker_id: int | None
    kind: str  # full, partial, heading
    key: str  # lookup_key
    words: int
    clustered: bool  # it has words, and is no fragment (a few words quoted inside a sentence)
    long: bool  # of LONG_QUOTE_WORDS or more
    rank: tuple[int, str]  # its place in the order quotes are clustered in: longer first, the same text together

    @classmethod
    def of(cls, quote_id: int, norm: str | None, speaker_id: int | None, kind: str, key: str | None) -> Member:
        norm = norm or ""
        words = norm.count(" ") + 1 if norm else 0
        fragment = kind == "partial" and words < MIN_STATEMENT_WORDS  # "political revolution" recurs in many statements
        return cls(quote_id, norm, speaker_id, kind, key or "", words, bool(norm) and not fragment, words >= LONG_QUOTE_WORDS, (-len(norm), norm))


def related(a: Member, b: Member) -> bool:
    """Whether A and B are the same statement (the module's docstring says when)."""
    if not (a.clustered and b.clustered):
        return False
    if not (a.speaker_id is not None and a.speaker_id == b.speaker_id or a.long and b.long):
        return False
    if a.norm == b.norm or _contained(a.norm, b.norm):
        return True
    return _alike(a, b) and fuzz.ratio(a.norm, b.norm) >= NEAR_IDENTICAL


def _alike(a: Member, b: Member) -> bool:
    """Whether A and B have the lookup words that nearly identical quotes must share: all four
    (the same `lookup_key`), or for one speaker's, all but one (a name spelt another way)."""
    if a.key == b.key:
        return True
    shared = len(set(a.key.split()).intersection(b.key.split()))
    # Three, or all of the larger key when it has fewer: no more than a lookup from either side
    # keeps (`alike_candidate`), so that each finds the other
    most = max(a.key.count(" "), b.key.count(" ")) + 1
    return a.speaker_id is not None and a.speaker_id == b.speaker_id and shared >= min(LOOKUP_WORDS - 1, most)


def alike_candidate(key: str, shared: int) -> bool:
    """Whether a quote sharing SHARED of the lookup words KEY may be nearly identical to the quote
    of that key (`_alike` decides): what both lookups keep of a speaker's quotes."""
    return shared >= min(key.count(" ") + 1, LOOKUP_WORDS) - 1


def _contained(a: str, b: str) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return shorter.count(" ") + 1 >= MIN_CONTAINED_WORDS and f" {shorter} " in f" {longer} "


def lookup_key(norm: str) -> str:
    """The four longest distinct words of the normalised text NORM, the rarest-looking, by which
    nearly identical quotes are found (`quotes.lookup_key`); ties are broken alphabetically, so
    that every run (whatever its hash seed) gives the same."""
    return " ".join(sorted(sorted(set(norm.split())), key=len, reverse=True)[:LOOKUP_WORDS])  # a stable sort: by length, then alphabetically


class AllRelatives:
    """The relatives of every one of MEMBERS among them, found in memory: what `recluster` reads
    when every stored quote is to be placed (a first ingest or load, a migration). The pairs
    come from the same keys the indexes give `stored_relatives.Relatives` (a lookup key, a run of
    eight words a quote starts with, a speaker's short texts and lookup words), so both give the
    same relatives."""

    def __init__(self, members: list[Member], cluster: dict[int, int | None]) -> None:
        self.cluster = cluster
        self.held: dict[int, list[Member]] = defaultdict(list)  # stored cluster → its quotes
        for m in members:
            if cluster.get(m.id) is not None:
                self.held[cluster[m.id]].append(m)
        # Quotes of one text, speaker and kind are related to the same quotes: they are looked at
        # once, as one type (the first of them stands for all).
        grouped: dict[tuple, list[Member]] = defaultdict(list)
        for m in members:
            if m.clustered:
                grouped[m.norm, m.speaker_id, m.kind].append(m)
        self.types = list(grouped.values())
        self.type_of = {m.id: t for t, same in enumerate(self.types) for m in same}
        candidates: list[set[int]] = [{t} for t in range(len(self.types))]  # itself: identical quotes
        by_key, by_start, by_said, by_word = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
        openings: dict[int, set[str]] = defaultdict(set)
        for t, (m, *_) in enumerate(self.types):
            by_key[m.key].append(t)
            if m.long:
                by_start[" ".join(m.norm.split(" ", LONG_QUOTE_WORDS)[:LONG_QUOTE_WORDS])].append(t)
            if m.speaker_id is not None:
                by_said[m.speaker_id, m.norm].append(t)
                openings[m.speaker_id].add(" ".join(m.norm.split(" ", 2)[:2]))
                for word in m.key.split():
                    by_word[m.speaker_id, word].append(t)
        for group in by_key.values():
            for t in group:
                candidates[t].update(group)
        for t, (m, *_) in enumerate(self.types):
            found = candidates[t]
            words = m.norm.split()
            if m.long:
                for start in range(len(words) - LONG_QUOTE_WORDS + 1):
                    found.update(by_start.get(" ".join(words[start : start + LONG_QUOTE_WORDS]), ()))
            if m.speaker_id is not None:
                for start in range(len(words) - 1):
                    if f"{words[start]} {words[start + 1]}" not in openings[m.speaker_id]:
                        continue
                    for end in range(start + 2, min(len(words), start + LONG_QUOTE_WORDS - 1) + 1):
                        found.update(by_said.get((m.speaker_id, " ".join(words[start:end])), ()))
                shared = Counter(other for word in m.key.split() for other in by_word[m.speaker_id, word])
                found.update(other for other, count in shared.items() if alike_candidate(m.key, count))
        for t, found in enumerate(candidates):  # a pair found from one side is a pair from both
            for other in found:
                candidates[other].add(t)
        self.related_types = [[o for o in found if related(self.types[t][0], self.types[o][0])] for t, found in enumerate(candidates)]
        self.found: dict[int, list[Member]] = {}

    def __call__(self, member: Member) -> list[Member]:
        t = self.type_of.get(member.id)
        if t is None:
            return []
        if t not in self.found:
            self.found[t] = [other for o in self.related_types[t] for other in self.types[o]]
        return [other for other in self.found[t] if other.id != member.id]

    def twins(self, member: Member) -> list[Member]:
        return [other for other in self(member) if other.norm == member.norm]

    def spoken_by(self, member: Member) -> list[Member]:
        return [other for other in self(member) if other.speaker_id == member.speaker_id]

    def ready(self, member: Member) -> bool:
        return True

    def prefetch(self, members: list[Member], text: list[Member] | None = None) -> None:
        pass

    def holders(self, cluster_id: int) -> list[Member]:
        return self.held.get(cluster_id, [])
