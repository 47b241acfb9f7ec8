"""The app served by gunicorn with its production logging, on a migrated, seeded SQLite file."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from engagement import db
from engagement.demo.seed import load_consultation

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    database_path: Path
    log_path: Path
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def database_bytes(self) -> bytes:
        files = self.database_path.parent.glob(self.database_path.name + "*")
        return b"".join(path.read_bytes() for path in files)


def start_live_server(
    directory: Path,
    workers: int = 2,
    database_url: str | None = None,
    environment: dict[str, str] | None = None,
) -> LiveServer:
    """Serve the app; by default on a new SQLite file with the demo consultation, or on
    ``database_url``, which the caller has migrated and filled."""
    database_path = directory / "live.sqlite"
    url = database_url or f"sqlite:///{database_path}"
    if database_url is None:
        db.upgrade(url)
        engine = db.make_engine(url)
        with Session(bind=engine) as session, session.begin():
            load_consultation(session, dt.date.today())
        engine.dispose()

    port = free_port()
    log_path = directory / "server.log"
    env = {
        **os.environ,
        "ENGAGEMENT_ENV": "production",
        "SECRET_KEY": "live-test-secret",
        "SESSION_COOKIE_SECURE": "false",
        "DATABASE_URL": url,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        **(environment or {}),
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "engagement/gunicorn_config.py",
                "engagement:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", database_path, log_path, process)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(server.url + "/help", timeout=2)
            return server
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(server.log_text()) from None
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("live server did not start:\n" + server.log_text())
