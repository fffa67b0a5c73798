import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from areas.reach import refresh_reach

    refresh_reach(apps=apps)


class Migration(migrations.Migration):

    dependencies = [
        ("areas", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitReach",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("target", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                             to="areas.adminunit")),
                ("unit", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                           related_name="reach", to="areas.adminunit")),
            ],
            options={
                "verbose_name": "Phạm vi đơn vị",
                "verbose_name_plural": "Phạm vi đơn vị",
                "constraints": [models.UniqueConstraint(fields=("unit", "target"), name="unit_reach_unique")],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
