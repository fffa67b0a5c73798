"""The project's own app (its management commands, e.g. ``worker``), and third-party apps under
the names our administrators read in the admin."""

from django.apps import AppConfig
from django_tasks_db.apps import TasksAppConfig


class ProjectConfig(AppConfig):
    name = "config"
    verbose_name = "Cấu hình"


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Tác vụ nền"
