"""The demo's "you said, we did": what the partnership did about last year's answers,
published, in English and Welsh."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement.models import Consultation, Theme, WeDidAction, WeDidStatus, YouSaidPage

INTRO = {
    "en": "Thank you to everyone who answered last year. "
    "Here is what we did about what you told us.",
    "cy": "Diolch i bawb a atebodd y llynedd. "
    "Dyma beth wnaethon ni am beth ddywedoch chi wrthon ni.",
}
# (theme, status, days ago, by whom, for staff, for young people (en, cy), reason)
ACTIONS = (
    ("Street lighting", WeDidStatus.DONE, 120, "Northshire Council highways team",
     "New lights on the canal path and in Victoria Park",
     ("We put new lights on the canal path and in Victoria Park.",
      "Rydyn ni wedi rhoi goleuadau newydd ar lwybr y gamlas ac ym Mharc Victoria."), ""),
    ("Buses and getting home", WeDidStatus.IN_PROGRESS, 60, "Northshire Council transport team",
     "Asked the bus company for a later bus on routes 7 and 12",
     ("We asked the bus company for a later bus on routes 7 and 12. We will tell you when "
      "it starts.", "Rydyn ni wedi gofyn i'r cwmni bysiau am fws hwyrach ar lwybrau 7 a 12."),
     ""),
    ("Mental health support", WeDidStatus.PLANNED, 30, "Northshire schools and the NHS",
     "A drop-in with a counsellor in every secondary school from September",
     ("From September, every secondary school will have a drop-in with a counsellor.",
      "O fis Medi, bydd sesiwn galw heibio gyda chwnselydd ym mhob ysgol uwchradd."), ""),
    ("Places to go and things to do", WeDidStatus.NOT_TAKEN_FORWARD, 45,
     "Partnership executive board", "A new skate park",
     ("You asked for a new skate park.", "Roeddech chi eisiau parc sglefrio newydd."),
     "There is no land for it this year. We will look again next year, and the youth club "
     "is open on Saturdays now instead."),
)  # fmt: skip


def seed_you_said(s: Session, consultation: Consultation, today: dt.date) -> None:
    themes = dict(
        s.execute(
            sa.select(Theme.name, Theme.id).where(Theme.consultation_id == consultation.id)
        ).all()
    )
    now = dt.datetime.now(dt.UTC)
    for theme, status, days, by_whom, what, (english, welsh), reason in ACTIONS:
        s.add(
            WeDidAction(
                partnership_id=consultation.partnership_id,
                consultation_id=consultation.id,
                theme_id=themes.get(theme),
                what=what,
                for_young_people={"en": english, "cy": welsh},
                by_whom=by_whom,
                decided_on=today - dt.timedelta(days=days),
                status=status,
                reason=reason,
                updated_at=now,
            )  # fmt: skip
        )
    s.add(YouSaidPage(consultation_id=consultation.id, intro=INTRO, published_at=now))
