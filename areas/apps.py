from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class AreasConfig(AppConfig):
    name = "areas"
    verbose_name = "Đơn vị hành chính và phân quyền"

    def ready(self):
        from areas.models import AdminUnit
        from areas.scope import forget_closures

        # A cached scope must not outlive the unit tree it was computed from.
        post_save.connect(forget_closures, sender=AdminUnit, dispatch_uid="areas-closure-save")
        post_delete.connect(forget_closures, sender=AdminUnit, dispatch_uid="areas-closure-delete")
        m2m_changed.connect(forget_closures, sender=AdminUnit.successors.through,
                            dispatch_uid="areas-closure-successors")
