"""engagement/gunicorn_config.py, read as gunicorn reads it, with a given environment."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

CONFIG = Path(__file__).resolve().parents[2] / "engagement" / "gunicorn_config.py"


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
