"""Settings read from the environment."""

from __future__ import annotations

import importlib

import pytest

import engagement.config


@pytest.fixture
def reload_config(monkeypatch):
    def load(**environment: str):
        for name in ("PUBLIC_URL", "BIND", "TRUSTED_PROXIES"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(engagement.config).Config

    yield load
    monkeypatch.undo()
    importlib.reload(engagement.config)


def test_links_point_where_the_app_is_served(reload_config):
    assert reload_config().PUBLIC_URL == "http://127.0.0.1:5000"
    assert reload_config(BIND="127.0.0.1:5093").PUBLIC_URL == "http://127.0.0.1:5093"
    public = reload_config(BIND="0.0.0.0:80", PUBLIC_URL="https://voice.example.gov.uk")
    assert public.PUBLIC_URL == "https://voice.example.gov.uk"


def test_no_proxy_is_trusted_unless_configured(reload_config):
    assert reload_config().TRUSTED_PROXIES == 0
    assert reload_config(TRUSTED_PROXIES="1").TRUSTED_PROXIES == 1
