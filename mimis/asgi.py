"""ASGI entry point (for example ``uvicorn mimis.asgi:application``)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mimis.settings")
application = get_asgi_application()
