"""Only this site's own pages may open a socket: scheme, host and port must match.

A browser sends the page's origin with every WebSocket handshake, and the
member's cookies with it. Sockets carry no CSRF token, so the origin is what
stops a page elsewhere (another port of the same host included) from posting
as the visitor. Allowed origins are `SITE_ORIGINS` when set (what browsers
see, for a proxy that terminates TLS: "https://forum.example.org"), otherwise
the address the socket itself was opened on (its scheme and Host header).
"""

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import validate_host

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise(origin: str) -> str | None:
    """'HTTPS://Example.org:443' -> 'https://example.org'; None when unreadable."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port and port != _DEFAULT_PORTS[parts.scheme]:
        host = f"{host}:{port}"
    return f"{parts.scheme}://{host}"


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin1")
    return ""


def allowed_origins(scope) -> set[str]:
    configured = {normalise(o) for o in settings.SITE_ORIGINS} - {None}
    if configured:
        return configured
    host = _header(scope, b"host")
    if not host or not validate_host(host.rsplit(":", 1)[0].strip("[]"), settings.ALLOWED_HOSTS):
        return set()
    scheme = "https" if scope.get("scheme") == "wss" else "http"
    own = normalise(f"{scheme}://{host}")
    return {own} if own else set()


class SameOriginValidator:
    """ASGI middleware: refuse a handshake whose Origin is not this site's."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            origin = normalise(_header(scope, b"origin"))
            if origin is None or origin not in allowed_origins(scope):
                return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
