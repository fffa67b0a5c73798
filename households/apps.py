from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _ethnic_groups_changed(**_kwargs) -> None:
    from areas import versioned
    from households.models.reference import ETHNIC_GROUPS

    versioned.bump(ETHNIC_GROUPS)


def _households_changed(created=True, **_kwargs) -> None:
    from areas import versioned
    from households.filters import HOUSEHOLD_COMMUNES

    if created:  # a new or deleted household may change which communes hold any
        versioned.bump(HOUSEHOLD_COMMUNES)


class HouseholdsConfig(AppConfig):
    name = "households"
    verbose_name = "Hộ gia đình"

    def ready(self):
        from households.models import EthnicGroup, Household

        # Every server's cached list of ethnic groups follows an administrator's edit at once.
        for signal in (post_save, post_delete):
            signal.connect(_ethnic_groups_changed, sender=EthnicGroup,
                           dispatch_uid=f"households-groups-{signal is post_save}")
            signal.connect(_households_changed, sender=Household,
                           dispatch_uid=f"households-communes-{signal is post_save}")
