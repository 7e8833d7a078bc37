"""The guides' full-text search index (`../shared/specs/guides.md` §3: "indexed by the platform's
search, the same engine as the library's"; docs/guides.md "Finder links and search").

Raw tables, not models, as the library's (practices/0002): the ORM has no FTS5 API and the
index is derived data, rebuilt at any time with `microfuture.guides.search.reindex_all()`. One
row per guide text (a guide in one language), so a language a curator adds is searched too.

SQLite: `guides_search_fts`, an FTS5 virtual table (rowid = the GuideText's id) with the
language (not searched) and the title, summary and body as plain text; ranked with bm25
weights 10 / 4 / 1, the library's tokenizer (`unicode61 remove_diacritics 2`).

PostgreSQL: `guides_search_doc` with a weighted `tsvector` (title A, summary B, body C) under a
GIN index, in the library's text-search configuration `practices_unaccent` (a copy of `simple`
that folds diacritics; created by practices/0002, hence the dependency).

No foreign key to guides_guidetext: Django's flush (TRUNCATE on PostgreSQL) refuses a table
another one references. The signals keep the rows in step, and a search reads the guides
through the ORM, so a leftover row never shows.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE guides_search_fts USING fts5("
    "language UNINDEXED, title, summary, body,"
    " tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS guides_search_fts"]

PG_FORWARD = [
    "CREATE TABLE guides_search_doc ("
    " text_id bigint PRIMARY KEY,"
    " language varchar(10) NOT NULL,"
    " title text NOT NULL DEFAULT '',"
    " summary text NOT NULL DEFAULT '',"
    " body text NOT NULL DEFAULT '',"
    " document tsvector NOT NULL)",
    "CREATE INDEX guides_search_doc_document ON guides_search_doc USING gin (document)",
    "CREATE INDEX guides_search_doc_language ON guides_search_doc (language)",
]
PG_BACKWARD = ["DROP TABLE IF EXISTS guides_search_doc"]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)
    # Texts already in the database are indexed by the post_migrate hook in signals.py (it
    # uses the current models and the markup's resolver, which a migration must not).


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("guides", "0001_guides_glossary_counts"),
        ("practices", "0002_search_index"),
    ]

    operations = [migrations.RunPython(forward, backward)]
