"""Every catalog complete, the template fresh, and pages really in each language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from engagement.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [language.code for language in LANGUAGES if language.code != "en"]


def _read(path: Path, locale: str | None = None):
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def _catalog(code: str):
    return _read(ROOT / "translations" / code / "LC_MESSAGES" / "messages.po", code)


def _ids(catalog) -> set[str]:
    return {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id
    }


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_has_no_missing_or_fuzzy_entries(code):
    catalog = _catalog(code)
    missing = [
        m.id
        for m in catalog
        if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"{code}: {len(missing)} missing, e.g. {missing[:3]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"
    template = _read(ROOT / "translations" / "messages.pot")
    assert _ids(catalog) >= _ids(template), (
        f"{code} lacks {sorted(_ids(template) - _ids(catalog))[:3]}"
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_survive_translation(code):
    import re

    placeholder = re.compile(r"%\([a-z_]+\)[sd]")
    for message in _catalog(code):
        if message.id and isinstance(message.id, str):
            assert sorted(placeholder.findall(message.id)) == sorted(
                placeholder.findall(message.string)
            ), f"{code}: {message.id!r}"


def test_message_template_is_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "translations/babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    committed = _read(ROOT / "translations" / "messages.pot")
    assert _ids(_read(fresh)) == _ids(committed), "run `make extract-messages`"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_pages_are_served_in_each_language(client, language):
    response = client.get(f"/take-part/feeling-safe?lang={language.code}")
    page = response.page
    html = page.find("html")
    assert html["lang"] == language.code
    assert html["dir"] == language.direction
    skip_link = page.select_one(".govuk-skip-link").get_text(strip=True)
    if language.code != "en":
        assert skip_link != "Skip to main content", "interface not translated"
    # The choice sticks for the rest of the journey.
    assert client.get("/help").page.find("html")["lang"] == language.code


def test_welsh_error_messages(client):
    client.get("/take-part/feeling-safe?lang=cy")
    client.post("/take-part/feeling-safe")
    response = client.post("/take-part/feeling-safe/age", data={"age_band": ""})
    summary = response.page.select_one(".govuk-error-summary")
    assert summary.select_one("a").get_text(strip=True) != "Choose how old you are"
    assert response.page.title.get_text().startswith("Gwall")


def test_content_falls_back_to_english_and_says_so(client):
    client.get("/take-part/feeling-safe?lang=ro")  # the demo content has no Romanian
    client.post("/take-part/feeling-safe/age", data={"age_band": "12-18"})
    page = client.get("/take-part/feeling-safe/questions/feel_safe_area").page
    assert page.find("html")["lang"] == "ro"
    heading = page.h1.find("span", attrs={"lang": "en"})
    assert heading.get_text() == "How safe do you feel in the area where you live?"
    assert page.select_one("button[value=continue]").get_text(strip=True) == "Continuă"


def test_content_in_the_chosen_language_when_there_is_one(client):
    client.get("/take-part/feeling-safe?lang=cy")
    client.post("/take-part/feeling-safe/age", data={"age_band": "12-18"})
    page = client.get("/take-part/feeling-safe/questions/feel_safe_area").page
    assert page.h1.find("span", attrs={"lang": "en"}) is None
    assert "diogel" in page.h1.get_text()
