"""The only module-level app: `gunicorn wsgi:app` and `flask --app wsgi ...`."""

from rechtenverkenner import create_app

app = create_app()
