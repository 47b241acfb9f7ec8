"""The demo's audits give a newcomer something to do: the police lead's return this year
is partly answered and not sent, while other agencies' returns are in other states."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import sqlalchemy as sa

from engagement import db
from engagement.demo.audits import seed_audits
from engagement.models import Agency, AuditAnswer, AuditCycle, AuditReturn, Consultation
from engagement.section11.frameworks import add_built_in


def test_the_demo_police_return_is_in_progress_and_others_vary(app):
    with app.app_context(), db.transaction() as s:
        partnership_id = s.scalar(sa.select(Consultation.partnership_id))
        add_built_in(s, partnership_id)
        s.flush()
        seed_audits(s, partnership_id, dt.date.today())
        s.flush()
        cycle = s.scalar(sa.select(AuditCycle).where(AuditCycle.name == "2026-27"))
        returns = {
            agency: audit_return
            for audit_return, agency in s.execute(
                sa.select(AuditReturn, Agency.name)
                .join(Agency, Agency.id == AuditReturn.agency_id)
                .where(AuditReturn.cycle_id == cycle.id)
            )
        }
        police = returns["Northshire Police"]
        assert police.status == "in_progress"
        questions = sum(len(standard.questions) for standard in cycle.framework.standards)
        answered = s.scalar(
            sa.select(sa.func.count())
            .select_from(AuditAnswer)
            .where(AuditAnswer.return_id == police.id)
        )
        assert 0 < answered < questions
        statuses = Counter(r.status for r in returns.values())
        assert set(statuses) == {"not_started", "in_progress", "submitted", "approved"}
