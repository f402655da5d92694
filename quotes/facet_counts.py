"""The quotes table's facets counted as quotes are written, so that Datasette's table answers them
at once however many rows a filter keeps.

Datasette counts a facet by reading every row the page's filters keep: at a million quotes,
"full quotes by persons" keeps two thirds of them, and each of the three default facets took
200 ms or more. `quote_facet_counts` holds, for each counted facet column, how many quotes have
each value within each combination of the columns a reader narrows the table by most (the kind
of quote, of speaker type and of speaker). The writer adds each article's quotes as it stores
them; triggers take out a deleted quote and move an updated one (curation, a speaker settled
again); so the counts stay exact, and a facet within those filters sums a few rows of them
(`tables.CountedFacet`). Any other filter is counted as Datasette counts it.

Inserts have no trigger: any AFTER INSERT trigger on quotes, even an empty one, makes SQLite keep
a statement journal of every page each row's INSERT touches (twenty indexes): 90 µs a quote, a
third of `load`'s time. One grouped statement per article costs a few.
"""
from __future__ import annotations

COUNTED = ("speaker", "speaker_kind", "outlet")  # the quotes table's default facets (metadata.yml)
WITHIN = ("kind", "speaker_type", "speaker_kind")  # the filters the counts are kept within
NONE = ""  # a filter column's NULL in the counts' key, which may not hold NULL


def create_facet_counts(db) -> None:
    """The table of counts, filled from the quotes stored, and the triggers that keep it."""
    within = ", ".join(WITHIN)
    db.execute(
        f"""create table quote_facet_counts (
              facet text not null, value text not null, {', '.join(f'{column} text not null' for column in WITHIN)},
              n integer not null, primary key (facet, value, {within})
            ) without rowid"""
    )
    count_quotes(db)
    columns = ", ".join(dict.fromkeys((*COUNTED, *WITHIN)))
    db.execute(f"create trigger quote_facet_counts_ad after delete on quotes begin {_counted('old', -1)} end")
    db.execute(f"create trigger quote_facet_counts_au after update of {columns} on quotes begin {_counted('old', -1)} {_counted('new', 1)} end")


def count_quotes(db, document_id: int | None = None) -> None:
    """Add the quotes of DOCUMENT_ID, just stored, to the counts (all quotes: to counts just made)."""
    where, params = ("where document_id = ?", [document_id] * len(COUNTED)) if document_id is not None else ("", [])
    db.execute(
        f"""insert into quote_facet_counts select * from ({' union all '.join(_counts_of(facet, where) for facet in COUNTED)}) where true
            on conflict do update set n = n + excluded.n""",
        params,
    )


def _counts_of(facet: str, where: str) -> str:
    """The query of FACET's counts among the quotes WHERE keeps, as rows of quote_facet_counts."""
    condition = f"{where} and" if where else "where"
    return (
        f"select '{facet}' as facet, {facet} as value, {_within_of('quotes')}, count(*) as n from quotes"
        f" {condition} {facet} is not null group by {facet}, {', '.join(WITHIN)}"
    )


def _within_of(row: str) -> str:
    return ", ".join(f"coalesce({row}.{column}, '{NONE}') as {column}" for column in WITHIN)


def _counted(row: str, step: int) -> str:
    """Statements adding STEP to the counts of the quote ROW (new or old), one per counted facet."""
    return " ".join(
        f"""insert into quote_facet_counts select '{facet}', {row}.{facet}, {_within_of(row)}, {step} where {row}.{facet} is not null
            on conflict do update set n = n + excluded.n;"""
        for facet in COUNTED
    )


def counts_sql(facet: str, within: dict[str, str], limit: int) -> tuple[str, dict]:
    """The query of FACET's values and counts among the quotes whose columns have the values
    WITHIN (column → value, columns of WITHIN), most quoted first, as Datasette orders a facet."""
    conditions = "".join(f" and {column} = :{column}" for column in within)
    sql = f"""select value, sum(n) as count from quote_facet_counts where facet = :facet{conditions}
              group by value having count > 0 order by count desc, value limit {int(limit)}"""
    return sql, {"facet": facet, **within}


def _out_of_step() -> str:
    stored = f"select facet, value, {', '.join(WITHIN)}, n from quote_facet_counts where n != 0"
    counted = " union all ".join(_counts_of(facet, "") for facet in COUNTED)
    return f"""with stored as ({stored}), counted as ({counted})
        select facet || ' ' || value from (select * from stored except select * from counted
                                          union all select * from (select * from counted except select * from stored))"""


# The counts that differ from the quotes table's, for `quotes check` (none in a whole database)
OUT_OF_STEP = _out_of_step()
