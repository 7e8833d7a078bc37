"""The full-text search index of the good-practice library (spec §4; docs/practices-search.md).

Raw tables, not models: the ORM has no FTS5 API and the index is derived data, rebuilt at any
time with `microfuture.practices.search.reindex_all()`.

Every backend: `practices_search_facet (practice_id, facet, value)`: one row per mechanism kind
and target group of a practice, so facet counts are GROUP BY queries.

SQLite: `practices_search_fts`, an FTS5 virtual table (rowid = practice id) with one column per
field and language; ranking weights per weight class (title 10, summary/factors 4, body 1).

PostgreSQL: the `unaccent` extension, a text-search configuration `practices_unaccent` (a copy
of `simple` that folds diacritics, so highlighting works on the original text) and
`practices_search_doc` with a weighted `tsvector` column `document` and the titles' own
`title_document`, each under a GIN index.
"""

from django.db import migrations

TEXT_COLUMNS = ["title_sl", "title_en", "summary_sl", "summary_en", "factors_sl", "factors_en",
                "body_sl", "body_en"]

# No foreign keys to practices_practice: Django's flush (TRUNCATE on PostgreSQL) only knows
# its own tables and is refused for a table that another one references. The index is kept
# in step by the signals (post_delete removes a practice's rows), and every search joins the
# practices table, so a leftover row could never show.
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

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE practices_search_fts USING fts5("
    + ", ".join(TEXT_COLUMNS)
    + ", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS practices_search_fts"]

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'practices_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION practices_unaccent (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION practices_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END
    $$;
    """,
    "CREATE TABLE practices_search_doc ("
    " practice_id bigint PRIMARY KEY, "
    + ", ".join(f"{c} text NOT NULL DEFAULT ''" for c in TEXT_COLUMNS)
    + ", document tsvector NOT NULL, title_document tsvector NOT NULL DEFAULT '')",
    "CREATE INDEX practices_search_doc_document ON practices_search_doc USING gin (document)",
    # The title words alone (exactly the weight-A part of `document`): the ranking's title
    # tier is `title_document @@ …` under its own GIN index, with no weight restriction, so no
    # row is rechecked (a weighted `document @@ 'x':*A` rechecks, i.e. de-TOASTs, every match).
    "CREATE INDEX practices_search_doc_title ON practices_search_doc USING gin (title_document)",
]
PG_BACKWARD = [
    "DROP TABLE IF EXISTS practices_search_doc",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS practices_unaccent",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in FACET_TABLE:
        schema_editor.execute(sql, params=None)
    if vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql, params=None)
    elif vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql, params=None)
    # Records already in the library are indexed by the post_migrate hook in signals.py
    # (it uses the current models, which a migration must not).


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql, params=None)
    schema_editor.execute("DROP TABLE IF EXISTS practices_search_facet", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("practices", "0001_library_practices_factors_regions_insights"),
    ]

    operations = [migrations.RunPython(forward, backward)]
