import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "empathic.settings")
application = get_wsgi_application()

# The embedded runner (no Celery broker) picks up, in this process, conversations that were
# waiting when the server last stopped, and any whose worker died.
from empathic.conversations.jobs import start_sweeper  # noqa: E402 (needs the apps loaded)

start_sweeper()
