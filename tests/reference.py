"""The reference data that migrations load, for transactional tests run after a flush.

A transactional test ends with a flush, which removes the data migrations' rows (ethnic groups,
poverty standards, the budget catalogue, the programmes, the current legal bases) for every
transactional test after it. Tests that need them load them again here, each loader idempotent.
Used instead of ``serialized_rollback``, whose reload collides with the content types that a
previous transactional test's flush re-creates (the order of the whole suite decides whether it
fails).
"""

import importlib

REFERENCE_DATA = ["budgets.migrations.0002_load_catalog", "households.migrations.0002_ethnic_groups",
                  "households.migrations.0003_poverty_standards",
                  "households.migrations.0016_poverty_standard_wording_and_indicator_checks",
                  "budgets.migrations.0010_merged_programme_2026_2035",
                  "plans.migrations.0010_current_period_bases"]


def load_reference_data() -> None:
    from django.apps import apps

    for module in REFERENCE_DATA:
        importlib.import_module(module).load(apps, None)
