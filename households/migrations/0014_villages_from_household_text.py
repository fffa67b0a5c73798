"""Each commune's villages from the village text its households already carry, and the link."""

from collections import Counter, defaultdict

from django.db import migrations

from households.models.village import clean_village_name, preferred_spelling, village_key


def _order(key: str):
    """Numbered villages by number («Thôn 2» before «Thôn 10»), then named ones alphabetically."""
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def create_villages(apps, schema_editor):
    Household = apps.get_model("households", "Household")
    Village = apps.get_model("households", "Village")
    spellings: dict[int, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for commune_id, text in Household.objects.exclude(village="").values_list("commune_id", "village").iterator():
        if key := village_key(text):
            spellings[commune_id][key][clean_village_name(text)] += 1
    for commune_id, keys in spellings.items():
        for number, key in enumerate(sorted(keys, key=_order), start=1):
            name = preferred_spelling(keys[key])  # the spelling most households use
            village = Village.objects.create(commune_id=commune_id, name=name, key=key, number=number)
            ids = [pk for pk, text in Household.objects.filter(commune_id=commune_id).exclude(village="")
                   .values_list("pk", "village") if village_key(text) == key]
            Household.objects.filter(pk__in=ids).update(village_unit=village)


class Migration(migrations.Migration):
    dependencies = [("households", "0013_villages_and_household_codes")]
    operations = [migrations.RunPython(create_villages, migrations.RunPython.noop)]
