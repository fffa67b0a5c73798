"""The register a plan's number belongs to is the issue date's year (issue 12, finding H2).

Numbers were always *taken* from a counter per issuing body, type and year of the issue date,
but the unique constraint checked them per body, type and the plan's ``year``: a 2027 plan
issued in December 2026 took a 2026 number, and once 2027's counter reached the same number
every issue of that body failed on the constraint. This migration stores the register each
number was taken from (``register_year``), moves the constraint onto it, and raises every
counter to at least the highest number its register already holds.

Collisions: the counter was keyed by the issue date's year, so numbers given by the app are
unique per (body, type, issue year) and cannot collide under the new key; only numbers typed
by hand can. If some do, the migration stops, lists them and changes nothing. It renumbers
nothing: a number printed on a signed document is a legal fact, and which of two documents
keeps it is for the office's records clerk to decide from the paper register. Correct those
rows (the number as printed on the paper copy), then run ``migrate`` again.

A number without an issue date (again only by hand) is filed in the plan's year. Migrating
back restores the old constraint, which fails if plans now legitimately share a number across
a year boundary; that is the state this migration exists to leave.
"""

from django.db import migrations, models
from django.db.models import Count, F, Max
from django.db.models.functions import Coalesce, ExtractYear

KEY = ("issuing_body", "type_abbr", "register", "number")


def _clash_report(filed, clashes) -> str:
    lines = []
    for clash in clashes:
        plans = filed.filter(**{name: clash[name] for name in KEY}).order_by("pk")
        listed = ", ".join(f"#{p.pk} ({p.issue_date or 'chưa có ngày'})" for p in plans)
        lines.append(f"  cơ quan #{clash['issuing_body']}, sổ {clash['type_abbr']} năm "
                     f"{clash['register']}, số {clash['number']:02d}: kế hoạch {listed}")
    return ("Các kế hoạch sau trùng số trong cùng một sổ đăng ký văn bản; không tự đánh lại số "
            "(số đã in trên văn bản đã ký). Hãy sửa theo sổ giấy rồi chạy migrate lại:\n"
            + "\n".join(lines))


def file_numbers_in_their_register(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Counter = apps.get_model("plans", "RegisterCounter")
    numbered = Plan.objects.filter(number__isnull=False)
    filed = numbered.annotate(register=Coalesce(ExtractYear("issue_date"), F("year"),
                                                output_field=models.IntegerField()))
    clashes = list(filed.values(*KEY).annotate(plans=Count("pk")).filter(plans__gt=1)
                   .order_by(*KEY))
    if clashes:  # checked before any row changes: the migration leaves the data as it was
        raise RuntimeError(_clash_report(filed, clashes))
    numbered.filter(issue_date__isnull=False).update(register_year=ExtractYear("issue_date"))
    numbered.filter(issue_date__isnull=True).update(register_year=F("year"))
    registers = numbered.values("issuing_body", "type_abbr", "register_year")
    for register in registers.annotate(last=Max("number")).order_by():
        counter, _ = Counter.objects.get_or_create(
            issuing_body_id=register["issuing_body"], type_abbr=register["type_abbr"],
            year=register["register_year"])
        if counter.last_number < register["last"]:
            counter.last_number = register["last"]
            counter.save(update_fields=["last_number"])


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0003_plan_list_order_index"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="plan",
            name="plan_number_unique",
        ),
        migrations.AddField(
            model_name="plan",
            name="register_year",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True,
                                                   verbose_name="Năm sổ đăng ký"),
        ),
        migrations.RunPython(file_numbers_in_their_register, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("number__isnull", False)),
                fields=("issuing_body", "type_abbr", "register_year", "number"),
                name="plan_number_unique"),
        ),
    ]
