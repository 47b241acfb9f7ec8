"""Start the app under gunicorn (2 workers) on a fresh database, for the benchmarks."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import db
from engagement.demo.seed import seed_demo
from engagement.models import Submission

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def new_database(backend: str, directory: Path, postgres_admin_url: str) -> tuple[str, callable]:
    """A migrated, empty database; returns its URL and a clean-up function."""
    if backend == "sqlite":
        url = f"sqlite:///{directory / 'bench.sqlite'}"
        cleanup = lambda: None  # noqa: E731
    else:
        admin = sa.create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
        name = f"engagement_bench_{secrets.token_hex(4)}"
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = sa.engine.make_url(postgres_admin_url).set(database=name).render_as_string(False)

        def cleanup() -> None:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.dispose()

    db.upgrade(url)
    return url, cleanup


def prepare_database(
    backend: str, directory: Path, postgres_admin_url: str
) -> tuple[str, callable]:
    """A migrated database with the demo data; returns its URL and a clean-up function."""
    url, cleanup = new_database(backend, directory, postgres_admin_url)
    engine = db.make_engine(url)
    with Session(bind=engine) as session, session.begin():
        seed_demo(session, responses=2000, today=dt.date.today())
    engine.dispose()
    return url, cleanup


def count_submissions(url: str) -> int:
    engine = db.make_engine(url)
    with engine.connect() as connection:
        count = connection.scalar(sa.select(sa.func.count()).select_from(Submission))
    engine.dispose()
    return int(count or 0)


@dataclass
class Server:
    url: str
    process: subprocess.Popen

    def worker_pids(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def cpu_seconds(self) -> float:
        """CPU used so far by the gunicorn master and its workers."""
        total = 0
        for pid in [self.process.pid, *self.worker_pids()]:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / CLOCK_TICKS

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


def start_server(database_url: str, log_path: Path, workers: int = 2) -> Server:
    port = free_port()
    env = {
        **os.environ,
        "ENGAGEMENT_ENV": "production",
        "SECRET_KEY": secrets.token_hex(16),
        "SESSION_COOKIE_SECURE": "false",
        "DATABASE_URL": database_url,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "LOG_LEVEL": "WARNING",
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn",
                "-c", "engagement/gunicorn_config.py", "engagement:create_app()",
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    server = Server(f"http://127.0.0.1:{port}", process)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(server.url + "/help", timeout=2)
            while len(server.worker_pids()) < workers:
                time.sleep(0.1)
            return server
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(log_path.read_text()) from None
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("server did not start")
