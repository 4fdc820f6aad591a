"""Run the production topology on this machine, on free ports, in a folder of its own.

nginx (with deploy/nginx/commonground.conf, TLS on a self-signed certificate)
in front of gunicorn (deploy/gunicorn.conf.py) and Daphne, against whatever
database and Redis `env` names. The topology test and bench/http.py use it:

    with running(env, workdir) as site:
        urlopen(site.url("/healthz"), context=site.tls)

Everything it starts is stopped when the block ends, and the logs stay in
`workdir/logs` for a failing test to show.
"""

import contextlib
import datetime
import getpass
import ipaddress
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from deploy.render import render_site

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"

MAIN_CONF = """\
# Like Debian's /etc/nginx/nginx.conf, with every path inside this folder.
{user}
worker_processes {nginx_workers};
pid {prefix}/nginx.pid;
error_log {prefix}/logs/nginx-main.error.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    # Debian's main configuration logs every request; the site must turn it off.
    access_log {prefix}/logs/nginx-main.access.log;
    {extra_http}
    include {prefix}/commonground.conf;
}}
"""


def write_main_conf(prefix: Path, *, nginx_workers: int = 1, extra_http: str = "") -> Path:
    """nginx's main configuration (and its folders), for the site at prefix/commonground.conf."""
    for folder in ("logs", "tmp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    # As root, nginx's workers would otherwise run as nobody, who may not read this folder.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    conf = prefix / "nginx.conf"
    conf.write_text(
        MAIN_CONF.format(
            prefix=prefix, user=user, nginx_workers=nginx_workers, extra_http=extra_http
        )
    )
    return conf


def nginx_binary() -> str | None:
    """Debian's nginx, which `make nginx` installs; None when it is not there."""
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if Path(path).exists()), None
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Site:
    https_port: int
    http_port: int
    gunicorn_port: int
    daphne_port: int
    certificate: Path
    logs: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def ws_url(self, path: str) -> str:
        return f"wss://{HOST}:{self.https_port}{path}"

    @property
    def tls(self) -> ssl.SSLContext:
        """A client context that trusts this site's certificate, and only it."""
        return ssl.create_default_context(cafile=str(self.certificate))

    def log_text(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in sorted(self.logs.iterdir())
        )


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _wait_until_listening(site: Site, ports: dict[str, int], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    waiting = dict(ports)
    while waiting:
        for name, process in site.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited ({process.returncode}):\n{site.log_text()}")
        for name, port in list(waiting.items()):
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 0.2):
                del waiting[name]
        if time.monotonic() > deadline:
            raise RuntimeError(f"{', '.join(waiting)} did not start:\n{site.log_text()}")
        time.sleep(0.05)


# Quick shutdowns: gunicorn's SIGTERM would wait for nginx's idle connections,
# nginx's SIGQUIT for every open WebSocket.
STOP_SIGNALS = {"gunicorn": signal.SIGINT, "daphne": signal.SIGTERM, "nginx": signal.SIGTERM}


def _stop(processes: dict[str, subprocess.Popen]) -> None:
    for name, process in reversed(processes.items()):
        if process.poll() is None:
            process.send_signal(STOP_SIGNALS[name])
    for process in processes.values():
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.contextmanager
def running(
    env: dict[str, str],
    workdir: Path,
    *,
    gunicorn_args: tuple[str, ...] = ("--workers", "1"),
    nginx_workers: int = 1,
    extra_http: str = "",
) -> Iterator[Site]:
    """Collect static files, then start gunicorn, Daphne and nginx; stop them all after."""
    nginx = nginx_binary()
    if nginx is None:
        raise FileNotFoundError("nginx is not installed (make nginx installs Debian's)")
    for sub in ("tls", "static"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    certificate, key = make_certificate(workdir / "tls")
    site = Site(free_port(), free_port(), free_port(), free_port(), certificate, workdir / "logs")
    env = {
        # What browsers see: Daphne behind nginx hears plain ws:// on its own port.
        "SITE_ORIGINS": site.origin,
        **env,
        "STATIC_MANIFEST": "true",
        "STATIC_ROOT": str(workdir / "static"),
        "BEHIND_PROXY": "true",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    (workdir / "commonground.conf").write_text(
        render_site(
            {
                "CG_SERVER_NAME": HOST,
                "CG_HTTP_LISTEN": f"{HOST}:{site.http_port}",
                "CG_HTTPS_LISTEN": f"{HOST}:{site.https_port}",
                "CG_HTTP_UPSTREAM": f"{HOST}:{site.gunicorn_port}",
                "CG_WS_UPSTREAM": f"{HOST}:{site.daphne_port}",
                "CG_STATIC_ROOT": str(workdir / "static"),
                "CG_TLS_CERTIFICATE": str(certificate),
                "CG_TLS_CERTIFICATE_KEY": str(key),
                "CG_ERROR_LOG": str(workdir / "logs" / "nginx-site.error.log"),
            }
        )
    )
    conf = write_main_conf(workdir, nginx_workers=nginx_workers, extra_http=extra_http)
    commands = {
        "gunicorn": [
            str(BIN / "gunicorn"),
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"{HOST}:{site.gunicorn_port}",
            *gunicorn_args,
            "config.wsgi:application",
        ],
        # As in deploy/Procfile: no access log, it would hold visitors' addresses.
        "daphne": [
            str(BIN / "daphne"),
            "--access-log",
            "/dev/null",
            "-b",
            HOST,
            "-p",
            str(site.daphne_port),
            "config.asgi:application",
        ],
        "nginx": [nginx, "-p", str(workdir), "-c", str(conf), "-g", "daemon off;"],
    }
    try:
        for name, command in commands.items():
            with open(site.logs / f"{name}.out", "w") as log:
                # Fixed commands, built above from this checkout's own paths.
                site.processes[name] = subprocess.Popen(  # noqa: S603
                    command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
                )
        _wait_until_listening(
            site,
            {
                "gunicorn": site.gunicorn_port,
                "daphne": site.daphne_port,
                "nginx": site.https_port,
            },
        )
        yield site
    finally:
        _stop(site.processes)
