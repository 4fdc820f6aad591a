"""Fill in deploy/nginx/commonground.conf for one installation.

    python -m deploy.render > /etc/nginx/sites-available/commonground

Every `${CG_...}` in the site comes from the environment variable of that
name, or from the production default below. CG_HTTP_UPSTREAM and
CG_WS_UPSTREAM take a comma-separated list (one address per process).
Standard library only: it runs before the forum is installed.
"""

import os
import re
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parent / "nginx" / "commonground.conf"
PLACEHOLDER = re.compile(r"\$\{(CG_[A-Z_]+)\}")
UPSTREAMS = {"CG_HTTP_UPSTREAM", "CG_WS_UPSTREAM"}


def defaults(server_name: str) -> dict[str, str]:
    """Production values: gunicorn on 8000, Daphne on 8001, Let's Encrypt's certificate."""
    certificates = f"/etc/letsencrypt/live/{server_name}"
    return {
        "CG_SERVER_NAME": server_name,
        "CG_HTTP_LISTEN": "80",
        "CG_HTTPS_LISTEN": "443",
        "CG_HTTP_UPSTREAM": "127.0.0.1:8000",
        "CG_WS_UPSTREAM": "127.0.0.1:8001",
        "CG_STATIC_ROOT": "/srv/commonground/staticfiles",
        "CG_TLS_CERTIFICATE": f"{certificates}/fullchain.pem",
        "CG_TLS_CERTIFICATE_KEY": f"{certificates}/privkey.pem",
        "CG_ERROR_LOG": "/var/log/nginx/commonground.error.log",
    }


def render_site(values: dict[str, str], template: Path = SITE) -> str:
    """The site with every placeholder filled; a missing value is an error, not a blank."""

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if not values.get(name):
            raise KeyError(f"{name} has no value")
        if name in UPSTREAMS:
            # "a,b" becomes "server a; server b" inside the upstream block.
            addresses = [part.strip() for part in values[name].split(",") if part.strip()]
            return ";\n    server ".join(addresses)
        return values[name]

    return PLACEHOLDER.sub(fill, template.read_text())


def values_from_environment(environ=os.environ) -> dict[str, str]:
    values = defaults(environ.get("CG_SERVER_NAME", "forum.example.org"))
    values.update({name: environ[name] for name in values if environ.get(name)})
    return values


if __name__ == "__main__":
    sys.stdout.write(render_site(values_from_environment()))
