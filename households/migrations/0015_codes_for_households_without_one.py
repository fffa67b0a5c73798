"""Households stored without a code get one by the default rule: commune code, village number,
sequence in the village («25123-03-017»), skipping codes already taken."""

from collections import defaultdict

from django.db import migrations


def give_codes(apps, schema_editor):
    Household = apps.get_model("households", "Household")
    CodeSequence = apps.get_model("households", "CodeSequence")
    missing = (Household.objects.filter(code="").select_related("commune", "village_unit")
               .order_by("commune_id", "village_unit__number", "id"))
    taken: dict[int, set[str]] = defaultdict(set)
    last: dict[tuple[int, str], int] = {}
    for household in missing.iterator():
        commune = household.commune
        if commune.pk not in taken:
            taken[commune.pk] = set(Household.objects.filter(commune=commune).exclude(code="")
                                    .values_list("code", flat=True))
        number = household.village_unit.number if household.village_unit_id else 0
        prefix = f"{commune.code}-{number:02d}-"
        n = last.get((commune.pk, prefix), 0) + 1
        while f"{prefix}{n:03d}" in taken[commune.pk]:
            n += 1
        household.code = f"{prefix}{n:03d}"
        taken[commune.pk].add(household.code)
        last[(commune.pk, prefix)] = n
        Household.objects.filter(pk=household.pk).update(code=household.code)
    for (commune_id, prefix), n in last.items():
        CodeSequence.objects.update_or_create(commune_id=commune_id, prefix=prefix + "{stt}",
                                              defaults={"last": n})


class Migration(migrations.Migration):
    dependencies = [("households", "0014_villages_from_household_text")]
    operations = [migrations.RunPython(give_codes, migrations.RunPython.noop)]
