"""An import's row-by-row report is stored column by column and read back as a list of dicts.

The column type stays jsonb (no SQL): only the field class changes, which expands the stored
columns when a batch is read. Reports stored before, as lists of dicts, read as they are.
"""

from django.db import migrations

import households.models.batch


class Migration(migrations.Migration):
    dependencies = [("households", "0007_import_report_lz4")]

    operations = [
        migrations.AlterField(
            model_name="importbatch",
            name="rows",
            field=households.models.batch.ReportField(blank=True, default=list, verbose_name="Kết quả từng dòng"),
        ),
    ]
