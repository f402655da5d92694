"""The quotes table's facets counted as quotes are written, so that Datasette's table answers them
at once however many rows a filter keeps.

Datasette counts a facet by reading every row the page's filters keep: at a million quotes,
"full quotes by persons" keeps two thirds of them, and each of the three default facets took
200 ms or more. `quote_facet_counts` holds, for each counted facet column, how many quotes have
each value within each combination of the columns a reader narrows the table by most (the kind
of quote, of speaker type and of speaker), over all outlets and again per outlet (`by_outlet`),
so that a click on an outlet and then on a kind is counted at once too. The writer adds each
article's quotes as it stores them; triggers take out a deleted quote and move an updated one
(curation, a speaker settled again); so the counts stay exact, and a facet within those filters
sums a few rows of them (`tables.CountedFacet`). Any other filter is counted as Datasette counts
it.

Inserts have no trigger: any AFTER INSERT trigger on quotes, even an empty one, makes SQLite keep
a statement journal of every page each row's INSERT touches (twenty indexes): 90 µs a quote, a
third of `load`'s time. One grouped statement per article costs a few.
"""
from __future__ import annotations

COUNTED = ("speaker", "speaker_kind", "outlet")  # the quotes table's default facets (metadata.yml)
WITHIN = ("kind", "speaker_type", "speaker_kind")  # the filters the counts are kept within
PER = "outlet"  # and the one they are kept per, besides all outlets together
FILTERS = (*WITHIN, PER)  # the filters a page may have for its facets to be read from the counts
NONE = ""  # a filter column's NULL in the counts' key, which may not hold NULL
GROUPINGS = ((0, f"'{NONE}'"), (1, f"coalesce({{row}}.{PER}, '{NONE}')"))  # by_outlet, the outlet in the key


def create_facet_counts(db) -> None:
    """The table of counts, filled from the quotes stored, and the triggers that keep it."""
    within = ", ".join(WITHIN)
    db.execute(
        f"""create table quote_facet_counts (
              facet text not null, by_outlet integer not null, outlet text not null, value text not null,
              {', '.join(f'{column} text not null' for column in WITHIN)}, n integer not null,
              primary key (facet, by_outlet, outlet, value, {within})
            ) without rowid"""
    )
    count_quotes(db)
    columns = ", ".join(dict.fromkeys((*COUNTED, *FILTERS)))
    db.execute(f"create trigger quote_facet_counts_ad after delete on quotes begin {_counted('old', -1)} end")
    db.execute(f"create trigger quote_facet_counts_au after update of {columns} on quotes begin {_counted('old', -1)} {_counted('new', 1)} end")


def count_quotes(db, document_id: int | None = None) -> None:
    """Add the quotes of DOCUMENT_ID, just stored, to the counts (all quotes: to counts just made)."""
    # "where true": SQLite needs a WHERE before the ON CONFLICT of an INSERT … SELECT to parse it
    db.execute(
        f"{_counts_with(document_id is not None)} insert into quote_facet_counts select * from counted where true"
        " on conflict do update set n = n + excluded.n",
        [document_id] if document_id is not None else [],
    )


SOURCE_COLUMNS = ", ".join(dict.fromkeys((PER, *COUNTED, *WITHIN)))


def _counts_with(of_one_document: bool = False) -> str:
    """A WITH clause naming `counted`: the counts of every facet and grouping, as rows of
    quote_facet_counts, for one document's quotes (a parameter) or for all, read in one pass."""
    if of_one_document:
        source = f"select {SOURCE_COLUMNS}, 1 as n from quotes where document_id = ?"
    else:
        source = f"select {SOURCE_COLUMNS}, count(*) as n from quotes group by {SOURCE_COLUMNS}"
    parts = []
    for facet in COUNTED:
        for by_outlet, outlet in GROUPINGS:
            outlet = outlet.format(row="source")
            parts.append(
                f"select '{facet}' as facet, {by_outlet} as by_outlet, {outlet} as outlet, {facet} as value, {_within_of('source')},"
                f" sum(n) as n from source where {facet} is not null group by {outlet}, {facet}, {', '.join(WITHIN)}"
            )
    return f"with source as materialized ({source}), counted as ({' union all '.join(parts)})"


def _within_of(row: str) -> str:
    return ", ".join(f"coalesce({row}.{column}, '{NONE}') as {column}" for column in WITHIN)


def _counted(row: str, step: int) -> str:
    """Statements adding STEP to the counts of the quote ROW (new or old), per facet and grouping."""
    return " ".join(
        f"""insert into quote_facet_counts select '{facet}', {by_outlet}, {outlet.format(row=row)}, {row}.{facet}, {_within_of(row)}, {step}
            where {row}.{facet} is not null on conflict do update set n = n + excluded.n;"""
        for facet in COUNTED
        for by_outlet, outlet in GROUPINGS
    )


def counts_sql(facet: str, filters: dict[str, str], limit: int) -> tuple[str, dict]:
    """The query of FACET's values and counts among the quotes whose columns have the values
    FILTERS (column → value, columns of FILTERS), most quoted first, as Datasette orders a facet."""
    within = {column: value for column, value in filters.items() if column in WITHIN}
    conditions = "".join(f" and {column} = :{column}" for column in within)
    sql = f"""select value, sum(n) as count from quote_facet_counts
              where facet = :facet and by_outlet = :by_outlet and outlet = :outlet{conditions}
              group by value having count > 0 order by count desc, value limit {int(limit)}"""
    return sql, {"facet": facet, "by_outlet": int(PER in filters), "outlet": filters.get(PER, NONE), **within}


def _out_of_step() -> str:
    stored = f"select facet, by_outlet, outlet, value, {', '.join(WITHIN)}, n from quote_facet_counts where n != 0"
    return f"""{_counts_with()}, stored as ({stored})
        select facet || ' ' || value from (select * from stored except select * from counted
                                          union all select * from (select * from counted except select * from stored))"""


# The counts that differ from the quotes table's, for `quotes check` (none in a whole database)
OUT_OF_STEP = _out_of_step()
