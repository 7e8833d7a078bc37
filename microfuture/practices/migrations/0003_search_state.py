"""The search's change token (`SearchState`); facets and the title tier leave the database
(docs/practices-search.md).

Facet filters and counts, and the ranking's title tier, are now made in memory
(search_facets.py) from the practices table itself, so the facet table of 0002 and, on
PostgreSQL, the titles-only `title_document` are no longer read: both are dropped. On
PostgreSQL the match becomes the function `practices_search_match` (see PG_MATCH). On SQLite
the FTS5 table gains a `facets` column (see SQLITE_FORWARD). Going back re-creates what it
changed empty: run `search.reindex_all()` after migrating back.
"""

from django.db import migrations, models

FACET_TABLE = [
    """
    CREATE TABLE practices_search_facet (
        practice_id bigint NOT NULL,
        facet varchar(20) NOT NULL,
        value varchar(120) NOT NULL,
        PRIMARY KEY (practice_id, facet, value)
    )
    """,
    "CREATE INDEX practices_search_facet_value"
    " ON practices_search_facet (facet, value, practice_id)",
]

# The match in one round trip: the ids of the documents matching `query`, answered from the
# GIN index. The planner prices `@@` like `=` and, for a broad query, picks a sequential scan
# that de-TOASTs every document (30-45 ms at 10,000 records, against ~6 ms for the bitmap
# index scan, which answers an unweighted query exactly, without rechecks); the function's
# own SET clause switches sequential scans off for its one statement only. Called as
# `SELECT array_agg(m) FROM practices_search_match(to_tsquery(...)) m`: in FROM, the rows come
# back in one piece, and the tsquery is made once by the caller.
PG_MATCH = """
    CREATE OR REPLACE FUNCTION practices_search_match(query tsquery)
    RETURNS SETOF bigint
    LANGUAGE sql STABLE
    SET enable_seqscan = off
    AS $$
        SELECT practice_id FROM practices_search_doc WHERE document @@ query
    $$
"""

PG_FORWARD = [
    PG_MATCH,
    "ALTER TABLE practices_search_doc DROP COLUMN title_document",
]
PG_BACKWARD = [
    "DROP FUNCTION IF EXISTS practices_search_match(tsquery)",
    "ALTER TABLE practices_search_doc ADD COLUMN title_document tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX practices_search_doc_title ON practices_search_doc USING gin (title_document)",
]


# SQLite: the FTS5 table gains a `facets` column holding each facet value of the record as a
# token (search.facet_token), so that scoring the matches past the title tier (bm25, which
# FTS5 computes only inside its own MATCH) can be limited to the selected facets' records.
# Re-created empty; the post_migrate hook in signals.py re-indexes every record.
TEXT_COLUMNS = ["title_sl", "title_en", "summary_sl", "summary_en", "factors_sl", "factors_en",
                "body_sl", "body_en"]


def _fts(columns):
    return ("CREATE VIRTUAL TABLE practices_search_fts USING fts5(" + ", ".join(columns)
            + ", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')")


SQLITE_FORWARD = ["DROP TABLE practices_search_fts", _fts([*TEXT_COLUMNS, "facets"])]
SQLITE_BACKWARD = ["DROP TABLE practices_search_fts", _fts(TEXT_COLUMNS)]


def forward(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS practices_search_facet", params=None)
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)
    for sql in FACET_TABLE:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("practices", "0002_search_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
