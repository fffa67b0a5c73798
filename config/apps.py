"""Third-party apps under the names our administrators read in the admin."""

from django_tasks_db.apps import TasksAppConfig


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Tác vụ nền"
