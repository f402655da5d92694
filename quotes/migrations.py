"""The database schema as named steps, each applied once (sqlite-utils Migrations)."""
from __future__ import annotations

import os
import re

from sqlite_utils import Database, Migrations

from .cluster import note_changes, recluster, refresh_clusters
from .same_statement import lookup_key
from .surnames import PENDING_SURNAMES, settle_waiting

migrations = Migrations("quotes")


@migrations()
def create_tables(db: Database) -> None:
    db.table("documents").create(
        {
            "id": int,
            "path": str,
            "content_hash": str,
            "title": str,
            "outlet": str,
            "published": str,
            "url": str,
            "author": str,
            "engine": str,
            "ingested_at": str,
            "n_quotes": int,
            "text": str,
        },
        pk="id",
        not_null={"path", "content_hash", "text"},
    )
    db.table("documents").create_index(["path"], unique=True)
    db.table("speakers").create(
        {"id": int, "name": str, "type": str, "title": str, "n_quotes": int, "n_documents": int},
        pk="id",
        not_null={"name", "type"},
    )
    db.table("speakers").create_index(["name"], unique=True)
    db.table("speaker_aliases").create(
        {"speaker_id": int, "alias": str},
        pk=("speaker_id", "alias"),
        foreign_keys=[("speaker_id", "speakers", "id")],
    )
    db.table("speaker_aliases").create_index(["alias"])
    db.table("quotes").create(
        {
            "id": int,
            "document_id": int,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
            "marks": str,
            "closed": int,
            "speaker_id": int,
            "speaker": str,  # copied from speakers.name (or the words written) so facets need no join
            "speaker_type": str,
            "speaker_title": str,
            "mention": str,
            "mention_start": int,
            "mention_end": int,
            "cue": str,
            "cue_start": int,
            "cue_end": int,
            "sieve": str,
            "confidence": float,
            "addressee": str,
            "place": str,
            "said_on": str,
            "cluster_id": int,
            "outlet": str,  # copied from documents
            "published": str,  # copied from documents
        },
        pk="id",
        not_null={"document_id", "start", "end", "text", "kind"},
        foreign_keys=[("document_id", "documents", "id"), ("speaker_id", "speakers", "id")],
    )
    for columns in (
        ["document_id"],
        ["speaker_id", "said_on"],
        ["speaker"],
        ["speaker_type"],
        ["kind"],
        ["cue"],
        ["sieve"],
        ["outlet"],
        ["published"],
    ):
        db.table("quotes").create_index(columns)
    db.table("quotes").enable_fts(["text"], create_triggers=True, tokenize="porter")
    db.create_view(
        "quotes_view",
        """
        select
          quotes.id, quotes.text, quotes.speaker, quotes.speaker_type, quotes.speaker_title,
          quotes.cue, quotes.kind, quotes.mention, quotes.sieve, quotes.confidence,
          quotes.addressee, quotes.place, quotes.said_on,
          documents.title as document, documents.path, documents.outlet, documents.published,
          quotes.start, quotes.end, quotes.document_id, quotes.speaker_id
        from quotes
          join documents on documents.id = quotes.document_id
        """,
    )


@migrations()
def add_situation_details(db: Database) -> None:
    """Where the place and date of a quote came from, and the article's dateline."""
    quotes = db.table("quotes")
    for column in ("place_basis", "said_on_phrase", "said_on_basis"):
        quotes.add_column(column, str)
    db.table("documents").add_column("dateline", str)
    for columns in (["place"], ["addressee"], ["said_on"]):
        quotes.create_index(columns)
    db.table("documents").create_index(["outlet"])
    db.table("documents").create_index(["published"])


@migrations()
def add_speaker_identity(db: Database) -> None:
    """Cross-document speakers: match keys, surname index, unresolved candidates, outlets,
    curation overrides, and the name as extracted before linking."""
    speakers = db.table("speakers")
    speakers.add_column("key", str)
    speakers.add_column("surname", str)
    speakers.add_column("candidates", str)
    speakers.add_column("n_outlets", int)
    speakers.create_index(["surname"])
    speakers.create_index(["key"])
    db.table("quotes").add_column("extracted_speaker", str)
    db.table("speaker_overrides").create(
        {"id": int, "action": str, "name": str, "target": str, "created_at": str}, pk="id", not_null={"action", "name"}
    )
    db.table("speaker_overrides").create_index(["name"])


@migrations()
def add_quote_clusters(db: Database) -> None:
    """Occurrences of the same quote across articles, with the normalised text they are matched on."""
    db.table("clusters").create(
        {
            "id": int, "text": str, "speaker_id": int, "speaker": str, "first_seen": str,
            "n_quotes": int, "n_documents": int, "n_outlets": int, "conflict": str,
        },
        pk="id",
        foreign_keys=[("speaker_id", "speakers", "id")],
    )
    for columns in (["n_outlets"], ["n_documents"], ["speaker_id"]):
        db.table("clusters").create_index(columns)
    db.table("quotes").add_column("norm", str)
    db.table("quotes").create_index(["norm"])
    db.table("quotes").create_index(["cluster_id"])
    # No foreign key on quotes.cluster_id: adding one rebuilds the table (sqlite-utils transform),
    # which would drop the full-text triggers and copy every row of a large database.


@migrations()
def add_repeated_quotes_view(db: Database) -> None:
    """Quotes that appear in more than one article, most widely carried first."""
    db.create_view(
        "repeated_quotes",
        """
        select id, text, speaker, n_outlets, n_documents, n_quotes, first_seen, conflict
        from clusters where n_documents > 1 order by n_outlets desc, n_documents desc
        """,
    )


@migrations()
def index_quote_text_per_article(db: Database) -> None:
    """The full-text index is filled once per stored article (`store.save_result`) rather than by
    a trigger per quote row, which made each quote cost four times as much to store. Text that
    changes (never, in this program) still reindexes; a speaker or cluster update no longer does."""
    db.execute("drop trigger if exists quotes_ai")
    db.execute("drop trigger if exists quotes_au")
    db.execute(
        """create trigger quotes_au after update of text on quotes begin
             insert into quotes_fts (quotes_fts, rowid, text) values ('delete', old.rowid, old.text);
             insert into quotes_fts (rowid, text) values (new.rowid, new.text);
           end"""
    )


@migrations()
def index_speaker_counts(db: Database) -> None:
    """The speakers' counts and title (`identify.refresh_counts`) read from one covering index:
    recounting a prolific speaker after each batch otherwise reads every one of their quote rows."""
    db.table("quotes").create_index(["speaker_id", "document_id", "outlet", "speaker_title"], if_not_exists=True)


@migrations()
def add_document_identity(db: Database) -> None:
    """A document is its source: the file's absolute, resolved path, and for a JSON Lines record
    its given `id`, else its line (`key`, unique); no longer the path as typed (which stored the
    same article twice when reached by another path) nor a record's url (which two records can
    share). `path` holds the resolved file, `line` and `record_id` the record.

    Rows stored before are keyed by resolving their path from the current folder, where that
    file exists (else their key is the path as stored, and the next ingest that reads the same
    text from a file moves them there); of rows that prove to be the same document, the newest
    stays."""
    from .read import source_key
    from .records import record_key
    from .store import refresh, remove_documents

    documents = db.table("documents")
    for column, kind in (("key", str), ("line", int), ("record_id", str)):
        documents.add_column(column, kind)
    db.execute("drop index if exists idx_documents_path")  # unique: two rows may now share a path
    newest: dict[str, int] = {}
    older: list[str] = []
    for document_id, path in db.execute("select id, path from documents order by id").fetchall():
        record = re.fullmatch(r"(.+\.jsonl)#(\d+)", path)
        if record and os.path.isfile(record[1]):
            source, line = source_key(record[1]), int(record[2])
        else:
            source, line = (source_key(path), None) if os.path.isfile(path) else (path, None)
        key = record_key(source, line)
        if key in newest:  # the same document stored twice: the older copy goes
            older.append(f"{key}#older-copy-{newest[key]}")
            db.execute("update documents set key = ? where id = ?", [older[-1], newest[key]])
        db.execute("update documents set key = ?, path = ?, line = ? where id = ?", [key, source, line, document_id])
        newest[key] = document_id
    refresh(db, remove_documents(db, older))  # their quotes are clustered again by cluster_order_free
    documents.create_index(["key"], unique=True)
    documents.create_index(["path"])
    documents.create_index(["content_hash"])


@migrations()
def add_speaker_kind(db: Database) -> None:
    """What kind of speaker each quote has (`resolve.kinds`): a named person, an organisation, an
    anonymous source, a document or unknown, for the index's facet; quotes_view shows it."""
    from .resolve.kinds import speaker_kind

    quotes = db.table("quotes")
    quotes.add_column("speaker_kind", str)
    rows = db.execute("select id, speaker_type, extracted_speaker from quotes").fetchall()
    db.conn.executemany("update quotes set speaker_kind = ? where id = ?", [(speaker_kind(kind, name), id_) for id_, kind, name in rows])
    quotes.create_index(["speaker_kind"])
    # the outlets page counts an outlet's quotes by kind and by speaker from these alone
    quotes.create_index(["outlet", "speaker_kind"])
    quotes.create_index(["outlet", "speaker_id"])
    # a lone surname's quotes without a speaker row are found again when its full name comes
    db.execute("create index if not exists idx_quotes_extracted_speaker on quotes (extracted_speaker collate nocase)")
    # the view as create_tables made it, with the kind after the speaker
    (view,) = db.execute("select sql from sqlite_master where type = 'view' and name = 'quotes_view'").fetchone()
    db.execute("drop view quotes_view")
    db.execute(view.replace("quotes.speaker, quotes.speaker_type", "quotes.speaker, quotes.speaker_kind, quotes.speaker_type", 1))


@migrations()
def index_quote_paragraphs(db: Database) -> None:
    """A full-text index of the paragraph each quote is in, for a search about a topic the quote
    itself does not name (the search page's "words around the quote"). The paragraph is not
    copied: a quote keeps its offsets in the article's text (context_start, context_end), and the
    index reads it through the view quote_contexts."""
    from .store import QUOTE_CONTEXTS, paragraph_of

    quotes = db.table("quotes")
    quotes.add_column("context_start", int)
    quotes.add_column("context_end", int)
    for document_id, text in db.execute("select id, text from documents").fetchall():
        spans = db.execute("select id, start, end from quotes where document_id = ?", [document_id]).fetchall()
        db.conn.executemany("update quotes set context_start = ?, context_end = ? where id = ?", [(*paragraph_of(text, start, end), id_) for id_, start, end in spans])
    db.execute(f"create view quote_contexts as {QUOTE_CONTEXTS}")
    db.execute("create virtual table quotes_context_fts using fts5 (context, content='quote_contexts', content_rowid='id', tokenize='porter')")
    db.execute("insert into quotes_context_fts (quotes_context_fts) values ('rebuild')")  # every paragraph, read through the view
    # A quote is deleted before its document (store._remove_document), so its paragraph can be read
    # back, as an external-content index needs to take the words out.
    db.execute(
        """create trigger quotes_context_ad after delete on quotes begin
             insert into quotes_context_fts (quotes_context_fts, rowid, context) values ('delete', old.id,
               (select substr(text, old.context_start + 1, old.context_end - old.context_start) from documents where id = old.document_id));
           end"""
    )


@migrations()
def index_facets_within_facets(db: Database) -> None:
    """Datasette's quotes table counts its speaker facet within the rows a click on another facet
    leaves ("person" among the kinds of speaker, one outlet): from these indexes alone, rather
    than by reading most of the table's rows (2.6 s for "person" at a million quotes; 86 ms now)."""
    quotes = db.table("quotes")
    quotes.create_index(["speaker_kind", "speaker"], if_not_exists=True)
    quotes.create_index(["outlet", "speaker"], if_not_exists=True)


@migrations()
def count_facets(db: Database) -> None:
    """The default facets of Datasette's quotes table counted as quotes are written
    (facet_counts.py), and the table's count within the same filters read from an index: a
    filter that keeps most of a million quotes took 850 ms, three facets and the count each
    reading the rows it keeps. The index on (kind, speaker_type, speaker_kind) serves what the
    one on kind alone did, and (outlet, speaker_kind, kind, speaker_type) what (outlet,
    speaker_kind) did. The planner learns the new indexes' shape at once where it knew the old
    ones' (else it may read a broad filter through them and sort it: 0.5 s)."""
    from .facet_counts import WITHIN, create_facet_counts

    create_facet_counts(db)
    quotes = db.table("quotes")
    db.execute("drop index if exists idx_quotes_kind")
    quotes.create_index(list(WITHIN), if_not_exists=True)
    db.execute("drop index if exists idx_quotes_outlet_speaker_kind")
    quotes.create_index(["outlet", "speaker_kind", "kind", "speaker_type"], if_not_exists=True)
    if db["sqlite_stat1"].exists():
        db.execute("analyze quotes")


@migrations()
def cluster_order_free(db: Database) -> None:
    """Clusters no longer depend on the order articles were stored in (`cluster`): each quote
    keeps its lookup key (how nearly identical quotes are found), the quotes waiting to be
    clustered are kept in `cluster_pending` (so that an interrupted `load` finishes them next
    time), and every stored quote is clustered again."""
    db.table("quotes").add_column("lookup_key", str)
    rows = db.execute("select id, norm from quotes where norm is not null").fetchall()
    db.conn.executemany("update quotes set lookup_key = ? where id = ?", [(lookup_key(norm), quote_id) for quote_id, norm in rows])
    db.table("quotes").create_index(["lookup_key"])
    note_changes(db, "1", [])  # every quote
    db.execute("update quotes set cluster_id = null")  # placed afresh: no cluster keeps an earlier member by its id
    refresh_clusters(db, recluster(db) | {row[0] for row in db.execute("select id from clusters")})


@migrations()
def people_order_free(db: Database) -> None:
    """Which full names are one person no longer depends on the order articles were stored in
    (`surnames`): every surname is settled again from all the full names written with it, and
    the quotes that moved are clustered again. A speaker's aliases are made from its quotes
    (`surnames._alias_rows`): each quote keeps the name its mention gave (`mention_alias`), here
    the longest alias of its speaker its mention holds."""
    db.table("quotes").add_column("mention_alias", str)
    db.execute(
        """update quotes set mention_alias = (select alias from speaker_aliases where speaker_aliases.speaker_id = quotes.speaker_id
             and instr(quotes.mention, alias) > 0 order by length(alias) desc, alias limit 1) where speaker_id is not null"""
    )
    db.execute(PENDING_SURNAMES)
    db.execute("insert or ignore into surname_pending select distinct surname from speakers where type = 'person' and surname is not null")
    settle_waiting(db)
    refresh_clusters(db, recluster(db))
