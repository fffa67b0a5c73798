"""WSGI entry point: ``gunicorn config.wsgi``."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# WeasyPrint's import and first font load take about half a second: pay it when the worker
# starts, never in an officer's first PDF request.
from documents.pdf import warm_up  # noqa: E402

warm_up()
