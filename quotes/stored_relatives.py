"""The stored quotes related to quotes that changed (`same_statement.related`), looked up
through the database's indexes: what `cluster.recluster` reads when most of the corpus stays."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from itertools import accumulate

from sqlite_utils import Database

from .same_statement import LONG_QUOTE_WORDS, MEMBER_COLUMNS, Member, alike_candidate, lookup_key, related


class Relatives:
    """The stored quotes related to a quote, from three lookups: those with its lookup key (the
    same text, or nearly), and for a long quote those its words hold or that hold its words
    (`_fetch_text`), and among its speaker's quotes the short ones it holds or that hold it, and
    those sharing three of its lookup words (`_Spoken`). `cluster` holds the stored cluster of every quote seen. Lookups are made for
    many quotes at once (`prefetch`)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.cluster: dict[int, int | None] = {}
        self.alike: dict[str, list[Member]] = {}
        self.by_text: dict[str, list[Member]] = {}
        self.spoken: dict[int, _Spoken] = {}
        self.by_speaker: dict[tuple, list[Member]] = {}
        self.found: dict[tuple, list[Member]] = {}

    def __call__(self, member: Member) -> list[Member]:
        key = (member.norm, member.speaker_id, member.kind)
        if key not in self.found:
            self.prefetch([member])
            candidates = [*self.alike.get(member.key, []), *(self.by_text[member.norm] if member.clustered and member.long else [])]
            found = {other.id: other for other in candidates if related(member, other)}
            found.update((other.id, other) for other in self.spoken_by(member))
            self.found[key] = list(found.values())
        return [other for other in self.found[key] if other.id != member.id]

    def spoken_by(self, member: Member) -> list[Member]:
        """MEMBER's relatives among its speaker's short quotes (held in it, or holding it)."""
        if not member.clustered or member.speaker_id is None:
            return []
        key = (member.norm, member.speaker_id, member.kind)
        if key not in self.by_speaker:
            self._fetch_speakers([member.speaker_id] if member.speaker_id not in self.spoken else [])
            self.by_speaker[key] = [other for other in self.spoken[member.speaker_id].related_to(member) if related(member, other)]
        return [other for other in self.by_speaker[key] if other.id != member.id]

    def twins(self, member: Member) -> list[Member]:
        """The other stored quotes with MEMBER's text (once its lookup key was looked up)."""
        return [other for other in self.alike.get(member.key, []) if other.norm == member.norm and other.id != member.id]

    def ready(self, member: Member) -> bool:
        """Whether MEMBER's relatives need no lookup."""
        return not member.clustered or (
            member.key in self.alike
            and (not member.long or member.norm in self.by_text)
            and (member.speaker_id is None or member.speaker_id in self.spoken)
        )

    def prefetch(self, members: list[Member], text: list[Member] | None = None) -> None:
        """Look up, in a few statements, what `__call__` needs for MEMBERS (their words, for TEXT
        alone when given)."""
        clustered = [m for m in members if m.clustered]
        keys = sorted({m.key for m in clustered if m.key not in self.alike})
        for key in keys:
            self.alike[key] = []
        for member in self._members(self._select(f"select {MEMBER_COLUMNS} from quotes where lookup_key in ({{}})", keys)):
            self.alike[member.key].append(member)
        self._fetch_text(sorted({m.norm for m in (clustered if text is None else text) if m.clustered and m.long and m.norm not in self.by_text}))
        self._fetch_speakers(sorted({m.speaker_id for m in clustered if m.speaker_id is not None and m.speaker_id not in self.spoken}))

    def stored(self, quote_ids: list[int]) -> list[Member]:
        """The quotes QUOTE_IDS as stored now (those still there)."""
        return self._members(self._select(f"select {MEMBER_COLUMNS} from quotes where id in ({{}})", sorted(set(quote_ids))))

    def holders(self, cluster_id: int) -> list[Member]:
        """The quotes stored in CLUSTER_ID."""
        return self._members(self.db.execute(f"select {MEMBER_COLUMNS} from quotes where cluster_id = ?", [cluster_id]).fetchall())

    def _fetch_text(self, norms: list[str]) -> None:
        """For each of the long texts NORMS, the long quotes it holds, found by a prefix in the index
        of normalised texts (a run of eight of its words that they start with), and those that
        hold it, found in the full-text index by its lookup words."""
        for norm in norms:
            self.by_text[norm] = []
        bounds = []
        for who, norm in enumerate(norms):
            words = norm.split()
            runs = {" ".join(words[start : start + LONG_QUOTE_WORDS]) for start in range(len(words) - LONG_QUOTE_WORDS + 1)}
            bounds += [(run, run + "!", who) for run in sorted(runs)]  # the run alone, or the run and a space
        for start in range(0, len(bounds), 3000):
            part = bounds[start : start + 3000]
            rows = self.db.execute(
                f"""with bounds (low, high, who) as (values {", ".join(["(?, ?, ?)"] * len(part))})
                    select bounds.who, {MEMBER_COLUMNS} from bounds join quotes on quotes.norm >= bounds.low and quotes.norm < bounds.high""",
                [value for bound in part for value in bound],
            ).fetchall()
            for who, *row in rows:
                if row[1] != norms[who] and f" {row[1]} " in f" {norms[who]} ":
                    self.by_text[norms[who]] += self._members([row])
        for start in range(0, len(norms), 50):
            self._fetch_holders(norms[start : start + 50])

    def _fetch_holders(self, norms: list[str]) -> None:
        """The long quotes holding each of NORMS: one full-text query for them all, by the lookup
        words of each, its rows then kept by their text."""
        wanted = {norm: lookup_key(norm).split() for norm in norms}
        match = " OR ".join("(" + " AND ".join(f'"{word}"' for word in words) + ")" for words in wanted.values())
        rows = self.db.execute(f"select {MEMBER_COLUMNS} from quotes_fts cross join quotes on quotes.id = quotes_fts.rowid where quotes_fts match ?", [match]).fetchall()
        wanting: dict[str, list[str]] = {}
        for norm, words in wanted.items():
            wanting.setdefault(words[0], []).append(norm)
        for row in rows:
            text = f" {row[1]} "
            held = [norm for word in set(row[1].split()).intersection(wanting) for norm in wanting[word] if len(norm) < len(row[1]) and f" {norm} " in text]
            if held:
                (member,) = self._members([row])
                for norm in held:
                    self.by_text[norm].append(member)

    def _fetch_speakers(self, speaker_ids: list[int]) -> None:
        rows = self._select(f"select {MEMBER_COLUMNS} from quotes where speaker_id in ({{}})", speaker_ids)
        quotes: dict[int, list[tuple]] = {speaker_id: [] for speaker_id in speaker_ids}
        for row in rows:
            quotes[row[2]].append(row)
        self.spoken.update((speaker_id, _Spoken(said, self._members)) for speaker_id, said in quotes.items())

    def _select(self, sql: str, values: list) -> list[tuple]:
        """The rows of SQL with its `{}` filled by VALUES' placeholders, 500 at a time."""
        rows = []
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            rows += self.db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def _members(self, rows: list[tuple]) -> list[Member]:
        """Members of ROWS (MEMBER_COLUMNS), their stored clusters noted."""
        found = []
        for quote_id, norm, speaker_id, kind, key, cluster_id in rows:
            self.cluster[quote_id] = cluster_id
            found.append(Member.of(quote_id, norm, speaker_id, kind, key))
        return found


class _Spoken:
    """One speaker's stored quotes, indexed for the short ones (of fewer than LONG_QUOTE_WORDS)
    a quote of theirs holds (its runs of words) or that hold it (a search of their texts); what
    is long on both sides is found by words alone (`Relatives._fetch_text`)."""

    def __init__(self, rows: list[tuple], members: Callable[[list[tuple]], list[Member]]) -> None:
        self.members = members  # ROWS (MEMBER_COLUMNS) as Members, made for those related only
        self.by_norm: dict[str, list[tuple]] = {}
        self.by_word: dict[str, list[str]] = {}  # lookup word → the texts it is one of
        for row in rows:
            if row[1]:
                if row[1] not in self.by_norm:
                    for word in (row[4] or "").split():
                        self.by_word.setdefault(word, []).append(row[1])
                self.by_norm.setdefault(row[1], []).append(row)
        self.openings = {" ".join(norm.split(" ", 2)[:2]) for norm in self.by_norm}
        self.texts = "".join(f" {norm} \n" for norm in self.by_norm)
        self.starts = list(accumulate((len(norm) + 3 for norm in self.by_norm), initial=0))
        self.order = list(self.by_norm)

    def related_to(self, member: Member) -> list[Member]:
        texts = self._held(member.norm.split())
        if not member.long:
            texts.update(self._holding(member.norm))
        texts.update(self._alike(member.key))
        return self.members([row for text in texts for row in self.by_norm[text]])

    def _alike(self, key: str) -> set[str]:
        """The texts sharing all the lookup words of KEY but one."""
        shared = Counter(text for word in key.split() for text in self.by_word.get(word, ()))
        return {text for text, count in shared.items() if alike_candidate(key, count)}

    def _held(self, words: list[str]) -> set[str]:
        """The short texts that are a run of WORDS, tried only from where the first two words of
        one of them are."""
        found = set()
        for start in range(len(words) - 1):
            if f"{words[start]} {words[start + 1]}" not in self.openings:
                continue
            run = words[start]
            for end in range(start + 1, min(len(words), start + LONG_QUOTE_WORDS - 1)):
                run += " " + words[end]
                if run in self.by_norm:
                    found.add(run)
        return found

    def _holding(self, norm: str) -> set[str]:
        """The texts holding NORM as whole words: one search through them all."""
        found, needle = set(), f" {norm} "
        at = self.texts.find(needle)
        while at >= 0:
            found.add(self.order[bisect_right(self.starts, at) - 1])
            at = self.texts.find(needle, at + 1)
        return found
