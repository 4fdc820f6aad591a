"""gunicorn's settings for Common Ground's pages and form posts, behind nginx.

    gunicorn -c deploy/gunicorn.conf.py config.wsgi:application

The views are synchronous, so WSGI workers run them with no hop between
threads (Daphne serves only the WebSockets). Environment:
GUNICORN_BIND (127.0.0.1:8000), WEB_CONCURRENCY (worker processes: one per
core), GUNICORN_THREADS (threads per worker). Command-line options win.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count())
# Measured by bench/http.py (see deploy/README.md): gthread with one thread per
# worker is the fastest here, and unlike sync workers it keeps nginx's
# connections open between requests.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
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
