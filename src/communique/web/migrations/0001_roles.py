"""Create the three role groups: viewer, editor, admin."""

from __future__ import annotations

from django.db import migrations

ROLES = ("viewer", "editor", "admin")


def create_groups(apps, schema_editor) -> None:  # noqa: ANN001 - migration signature
    group = apps.get_model("auth", "Group")
    for name in ROLES:
        group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
