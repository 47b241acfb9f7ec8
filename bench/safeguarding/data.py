"""The safeguarding evaluation set: short answers written the way 8-18 year-olds write,
labelled concern or not and by category. One answer in five (by a hash of its text, so
the split never changes) is held aside and never used for training or tuning."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = (
    "answers_en_a.csv", "answers_en_b.csv", "answers_other.csv", "answers_ordinary.csv",
    "answers_negation.csv", "answers_more.csv", "answers_lookalikes.csv",
    "answers_more_en_hard.csv", "answers_more_rtl.csv", "answers_more_so_tr_ro.csv",
    "answers_more_cy_pl_pt_es.csv", "answers_more_bn_gu.csv", "answers_more_pa.csv",
    "answers_ordinary_en.csv", "answers_ordinary_cy_pl_pt_es.csv",
    "answers_ordinary_ar_ur_bn_gu.csv", "answers_ordinary_pa_so_tr_ro.csv",
)  # fmt: skip
CATEGORIES = (
    "self_harm", "physical_abuse", "sexual_abuse", "domestic_abuse", "neglect",
    "criminal_exploitation", "sexual_exploitation", "image_abuse", "bullying_threats",
    "forced_marriage_fgm", "radicalisation", "feeling_unsafe", "missing",
)  # fmt: skip


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    concern: bool
    category: str  # the risk, or the topic a look-alike resembles, or "none"
    style: str


def held_aside(text: str) -> bool:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16) % 5 == 0


def examples() -> list[Example]:
    found = []
    for name in FILES:
        with open(HERE / name, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                found.append(
                    Example(
                        row["text"],
                        row["language"],
                        row["concern"] == "1",
                        row["category"],
                        row["style"],
                    )  # fmt: skip
                )
    return found


def training() -> list[Example]:
    return [e for e in examples() if not held_aside(e.text)]


def held() -> list[Example]:
    return [e for e in examples() if held_aside(e.text)]
