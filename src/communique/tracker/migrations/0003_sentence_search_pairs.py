"""The character-pair index for 1- and 2-character search terms (SQLite), added after 0002.

Databases migrated with the first 0002 have only the trigram table: this rebuilds the whole
search index with the pair table (``ensure_search_index`` does nothing when it is complete).
"""

from django.db import migrations


def create_index(apps, schema_editor):  # noqa: ANN001, ANN201
    from communique.tracker.services.search import ensure_search_index

    ensure_search_index(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("tracker", "0002_sentence_search"),
    ]

    operations = [
        migrations.RunPython(create_index, migrations.RunPython.noop, elidable=False),
    ]
