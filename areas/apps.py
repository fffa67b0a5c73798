from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete


class AreasConfig(AppConfig):
    name = "areas"
    verbose_name = "Đơn vị hành chính và phân quyền"

    def ready(self):
        from areas import reach
        from areas.models import AdminUnit

        # Who reaches which unit (the closure table scopes read) follows every change to the tree.
        post_save.connect(reach.unit_saved, sender=AdminUnit, dispatch_uid="areas-reach-save")
        pre_delete.connect(reach.unit_deleting, sender=AdminUnit, dispatch_uid="areas-reach-deleting")
        post_delete.connect(reach.unit_deleted, sender=AdminUnit, dispatch_uid="areas-reach-delete")
        m2m_changed.connect(reach.successions_changed, sender=AdminUnit.successors.through,
                            dispatch_uid="areas-reach-successions")
