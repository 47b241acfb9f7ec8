"""engagement/gunicorn_config.py, read as gunicorn reads it, with a given environment."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "engagement" / "gunicorn_config.py"
INSTANCE = ROOT / "instance"


def load_config(monkeypatch: pytest.MonkeyPatch, **environment: str) -> ModuleType:
    for name in ("BIND", "WEB_CONCURRENCY", "GUNICORN_CONTROL_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("gunicorn_config_under_test", CONFIG)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_app_is_loaded_once_before_the_workers_fork(monkeypatch):
    config = load_config(monkeypatch)
    assert config.preload_app is True
    assert config.accesslog is None  # the anonymity promise


def test_a_forked_worker_drops_the_loaders_database_connections(monkeypatch):
    config = load_config(monkeypatch)
    disposed = []
    engine = SimpleNamespace(dispose=lambda close: disposed.append(close))
    app = SimpleNamespace(extensions={"engine": engine})
    server = SimpleNamespace(app=SimpleNamespace(wsgi=lambda: app))
    config.post_fork(server, None)
    assert disposed == [False]  # closing them would close the loader's, shared by the fork


def test_each_address_has_its_own_control_socket(monkeypatch):
    first = load_config(monkeypatch, BIND="127.0.0.1:5001")
    second = load_config(monkeypatch, BIND="127.0.0.1:5002")
    assert first.bind == "127.0.0.1:5001" and second.bind == "127.0.0.1:5002"
    assert first.control_socket != second.control_socket
    for config in (first, second):
        path = Path(config.control_socket)
        assert path.parent == INSTANCE and path.name.startswith("gunicorn-127.0.0.1")
        assert not getattr(config, "control_socket_disable", False)
    chosen = load_config(monkeypatch, GUNICORN_CONTROL_SOCKET="/run/engagement/ctl")
    assert chosen.control_socket == "/run/engagement/ctl"


def test_a_socket_path_too_long_turns_the_control_socket_off(monkeypatch):
    config = load_config(monkeypatch)
    short = Path(tempfile.mkdtemp(prefix="ctl", dir="/tmp"))  # pytest's own paths can be long
    assert config.control_socket_for("unix:/run/engagement.sock", short).endswith(
        "gunicorn-run_engagement.sock.ctl"
    )
    assert config.control_socket_for("127.0.0.1:5000", short / ("x" * 120)) is None
    short.rmdir()


def test_two_servers_on_one_machine_at_once(tmp_path):
    """Each says its own address once ready, and keeps its own control socket."""
    from tests.live_server import free_port

    ports = [free_port(), free_port()]
    servers = []
    try:
        for port in ports:
            environment = {**os.environ, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"}
            environment.pop("GUNICORN_CONTROL_SOCKET", None)
            with (tmp_path / f"{port}.log").open("wb") as log:
                servers.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG),
                         "tests.engagement.hello_wsgi:app"],
                        cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
                    )
                )  # fmt: skip
        sockets = [INSTANCE / f"gunicorn-127.0.0.1_{port}.ctl" for port in ports]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            logs = [(tmp_path / f"{port}.log").read_text() for port in ports]
            if all("Serving on" in text for text in logs) and all(s.exists() for s in sockets):
                break
            time.sleep(0.1)
        for port, text in zip(ports, logs, strict=True):
            assert f"Serving on http://127.0.0.1:{port}" in text, text
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                assert response.read() == b"hello"
        assert all(s.is_socket() for s in sockets)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
