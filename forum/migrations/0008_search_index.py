"""Full-text search indexes: GIN indexes on PostgreSQL, FTS5 tables on SQLite.

The FTS5 tables are "external content" tables kept in step with forum_post
and forum_thread by triggers, so the application writes nothing extra.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE forum_post_fts USING fts5(body, content='forum_post', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER forum_post_fts_insert AFTER INSERT ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER forum_post_fts_delete AFTER DELETE ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(forum_post_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER forum_post_fts_update AFTER UPDATE OF body ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(forum_post_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO forum_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "INSERT INTO forum_post_fts(rowid, body) SELECT id, body FROM forum_post",
    "CREATE VIRTUAL TABLE forum_thread_fts USING fts5(title, content='forum_thread', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER forum_thread_fts_insert AFTER INSERT ON forum_thread BEGIN "
    "INSERT INTO forum_thread_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER forum_thread_fts_delete AFTER DELETE ON forum_thread BEGIN "
    "INSERT INTO forum_thread_fts(forum_thread_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER forum_thread_fts_update AFTER UPDATE OF title ON forum_thread BEGIN "
    "INSERT INTO forum_thread_fts(forum_thread_fts, rowid, title) VALUES ('delete', old.id, old.title); "
    "INSERT INTO forum_thread_fts(rowid, title) VALUES (new.id, new.title); END",
    "INSERT INTO forum_thread_fts(rowid, title) SELECT id, title FROM forum_thread",
]
SQLITE_UNDO = [
    "DROP TABLE IF EXISTS forum_post_fts",
    "DROP TABLE IF EXISTS forum_thread_fts",
]
POSTGRES = [
    "CREATE INDEX forum_post_search ON forum_post USING gin (to_tsvector('english', body))",
    "CREATE INDEX forum_thread_search ON forum_thread USING gin (to_tsvector('english', title))",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS forum_post_search",
    "DROP INDEX IF EXISTS forum_thread_search",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("forum", "0007_follows")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        ),
    ]
