"""Full-text search index of sentence text (see ``communique.tracker.services.search``).

SQLite: an FTS5 table with the trigram tokenizer over ``tracker_sentence`` kept in sync by
triggers. PostgreSQL: the pg_trgm extension and a GIN trigram index on ``UPPER(text)``.
Other databases: nothing (search falls back to substring scans).
"""

from django.db import migrations


def create_index(apps, schema_editor):  # noqa: ANN001, ANN201
    from communique.tracker.services.search import ensure_search_index

    ensure_search_index(schema_editor.connection)


def drop_index(apps, schema_editor):  # noqa: ANN001, ANN201
    from communique.tracker.services.search import drop_search_index

    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("tracker", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
