"""forms.journey: the age band and the code to come back with."""

from __future__ import annotations

import pytest

from forms import messages
from forms.journey import AgeBandForm, ResumeForm, normalise_code


@pytest.mark.parametrize(("code", "error"), [
    ("K7MP-3QXD-H4TN", None),
    ("k7mp 3qxd h4tn", None),
    ("K7MP3QXD", None),  # a code given before December 2026
    ("", messages.ENTER_CODE),
    ("K7MP-3QXD-H4T", messages.CODE_FORMAT),
    ("K7MP-3QXD-H4TNX", messages.CODE_FORMAT),
    ("O0I1-3QXD-H4TN", messages.CODE_FORMAT),  # letters left out of codes
    ("K7MP-3QXD-H4TN\u202e", messages.TEXT_HIDDEN_CHARACTERS),  # taken out, shown again
])  # fmt: skip
def test_resume_code(posted, code, error):
    form, ok = posted(ResumeForm, {"code": code})
    assert ok is (error is None)
    assert form.error_text.get("code", [None])[:1] == [str(error) if error else None]


def test_normalise_code():
    assert normalise_code(" k7mp-3qxd\th4tn ") == "K7MP3QXDH4TN"
    assert normalise_code(None) == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(("band", "ok"), [("8-11", True), ("18-25", False), ("", False)])
def test_an_age_band_must_be_one_offered(posted, band, ok):
    def form() -> AgeBandForm:
        made = AgeBandForm()
        made.age_band.choices = [("8-11", "8 to 11"), ("12-15", "12 to 15")]
        return made

    made, valid = posted(form, {"age_band": band})
    assert valid is ok
    assert made.error_text.get("age_band") == (None if ok else [str(messages.CHOOSE_AGE_BAND)])
