"""When a plan was approved: the earliest date it may be issued on.

Plans already approved or issued take the time of their last «Phê duyệt» revision; one
without such a revision keeps none, and its creation date bounds its issue date instead.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def approval_from_revisions(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Revision = apps.get_model("plans", "PlanRevision")
    last = (Revision.objects.filter(plan=OuterRef("pk"), action="Phê duyệt")
            .order_by("-at", "-pk").values("at")[:1])
    Plan.objects.filter(status__in=["approved", "issued"]).update(approved_at=Subquery(last))


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0004_plan_register_year"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="approved_at",
            field=models.DateTimeField(blank=True, editable=False, null=True,
                                       verbose_name="Thời điểm phê duyệt"),
        ),
        migrations.RunPython(approval_from_revisions, migrations.RunPython.noop),
    ]
