"""gunicorn's settings for Common Ground's pages and form posts, behind nginx.

    gunicorn -c deploy/gunicorn.conf.py config.wsgi:application

The views are synchronous, so WSGI workers run them with no hop between
threads (Daphne serves only the WebSockets). Environment:
GUNICORN_BIND (127.0.0.1:8000), WEB_CONCURRENCY (worker processes: one per
core), GUNICORN_WORKER_CLASS (sync), GUNICORN_THREADS (threads per worker).
Command-line options win.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count())
# Sync workers: one request at a time per process, nothing between the socket
# and the view; nginx buffers each request and answer, so a slow visitor never
# holds a worker. bench/http.py measured sync and gthread the same on the pages
# here (CPU per request within noise), sync a little cheaper on the lightest
# requests; gthread keeps nginx's connections open, worth it when gunicorn is on
# another machine than nginx: GUNICORN_WORKER_CLASS=gthread. GUNICORN_THREADS
# above 1 switches to gthread by itself.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# gthread only: longer than nginx's 60 s, so that nginx is the one to close.
keepalive = 75
# No access log: it would hold every visitor's request line and timing, and the
# forum keeps no record of who read what. Errors go to stderr (the journal).
accesslog = None
errorlog = "-"
# gunicorn believes X-Forwarded-Proto only from FORWARDED_ALLOW_IPS (its own
# environment variable; default 127.0.0.1 and ::1, i.e. nginx on this machine).

# systemd (or the Procfile's runner) manages the processes; gunicorn's control
# socket, one path per user, would clash between two instances on one machine.
control_socket_disable = True
