"""The production topology: nginx, gunicorn and Daphne (see deploy/README.md)."""
