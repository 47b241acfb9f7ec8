"""The support services data file: complete, checked, and every category it names is
one the detector can give."""

from __future__ import annotations

import datetime as dt
import json

from analysis.risk_phrases import PHRASES
from bench.safeguarding.data import CATEGORIES
from engagement.respond.support import SERVICES, services_for


def test_every_service_says_what_it_is_for_and_when_it_was_checked():
    data = json.loads(SERVICES.read_text(encoding="utf-8"))
    for key, service in data["services"].items():
        assert service["name"] and len(service["for"]) > 40, key
        assert service["url"].startswith("https://") and service["source"].startswith("https://")
        assert dt.date.fromisoformat(service["checked"]) > dt.date(2026, 1, 1), key
    known = {c for phrases in PHRASES.values() for c in phrases} | set(CATEGORIES)
    for category, keys in data["by_category"].items():
        assert category in known, category
        assert keys and set(keys) <= set(data["services"]), category


def test_services_come_once_each_in_the_order_of_their_categories():
    found = services_for(["free_text:image_abuse", "free_text:exploitation", "concern_option"])
    assert [s.key for s in found] == ["report_remove", "ceop", "fearless"]
    assert services_for(["free_text:possible_concern", "concern_option"]) == []
