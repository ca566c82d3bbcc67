"""gunicorn settings: several workers with threads; never preload (each worker builds its own app)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
preload_app = False
accesslog = "-"
# the access log carries paths and status codes only; advice requests carry client data in the body
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
timeout = 60
