"""The one-use token of the form that created a draft: a double submit finds the first draft."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0005_plan_approved_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="creation_token",
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
    ]
