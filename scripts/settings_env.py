"""Print the database and media settings of the project as shell variables (for the scripts).

Reads the same environment as the app (DATABASE_URL, MEDIA_ROOT, DJANGO_ENV …), so a backup
always takes the database and the files the app really uses.
"""

import os
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings  # noqa: E402

database = settings.DATABASES["default"]
values = {
    "DB_ENGINE": database["ENGINE"].rsplit(".", 1)[-1],
    "DB_NAME": str(database["NAME"]),
    "DB_URL": os.environ.get("DATABASE_URL", ""),
    "MEDIA_DIR": str(settings.MEDIA_ROOT),
}
for key, value in values.items():
    print(f"{key}={shlex.quote(value)}")
