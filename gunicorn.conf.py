"""gunicorn settings: several workers with threads; never preload (each worker builds its own app)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
preload_app = False
accesslog = "-"
# the access log carries the path without its query string (search words stay out), the status and the request
# id; advice and rights-check requests carry client data in the body, which is never logged
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
timeout = 60
