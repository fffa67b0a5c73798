from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class HouseholdsConfig(AppConfig):
    name = "households"
    verbose_name = "Hộ gia đình"

    def ready(self):
        from households.models import reference

        # The filter forms' cached list of ethnic groups follows an administrator's edit at once.
        for signal in (post_save, post_delete):
            signal.connect(reference._groups.clear, sender=reference.EthnicGroup,
                           dispatch_uid=f"households-groups-{signal is post_save}")
