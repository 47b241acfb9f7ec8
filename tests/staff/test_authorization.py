"""Every staff route × every role × own or other agency: the expected status, and
nothing from another agency on the page."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.models import AnalysisRun, Answer, StaffUser, Submission, new_id
from engagement.staff.blueprint import PUBLIC_ENDPOINTS
from engagement.staff.policy import POLICY
from engagement.themes import work as analysis_work
from tests.results.data import add as add_closed
from tests.results.data import repeat
from tests.section11.audit_data import make_cycle
from tests.staff_world import sign_in
from tests.themes.analysis_data import add_answers, theme_id
from tests.training.training_data import matrix_ids as training_matrix_ids
from tests.you_said.you_said_data import matrix_ids as you_said_matrix_ids

OK, FORBIDDEN, REDIRECT = 200, 403, 302
ADMIN, ANALYST, TRAINER, SCRUTINEER, LEAD = (
    "partnership_admin", "analyst", "trainer", "scrutineer", "agency_lead",
)  # fmt: skip

ROLES = (ADMIN, ANALYST, TRAINER, SCRUTINEER, LEAD)
FB = FORBIDDEN
# (method, path, statuses for ROLES in order); {own}/{other} are agencies relative to
# the agency lead, {own_person}/{other_person} people in them.
ROWS = [
    ("GET", "/staff/", (OK, OK, OK, OK, OK)),
    ("GET", "/staff/agencies", (OK, OK, FB, OK, OK)),
    ("GET", "/staff/agencies/new", (OK, FB, FB, FB, FB)),
    ("GET", "/staff/agencies/import", (OK, FB, FB, FB, FB)),
    ("GET", "/staff/agencies/{own}", (OK, OK, FB, OK, OK)),
    ("GET", "/staff/agencies/{other}", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/agencies/{own}/invite", (OK, FB, FB, FB, OK)),
    ("GET", "/staff/agencies/{other}/invite", (OK, FB, FB, FB, FB)),
    ("POST", "/staff/agencies/{own}/people/{own_person}/disable", (REDIRECT, FB, FB, FB, REDIRECT)),
    ("POST", "/staff/agencies/{other}/people/{other_person}/disable", (REDIRECT, FB, FB, FB, FB)),
    ("GET", "/staff/audit", (OK, FB, FB, OK, FB)),
    ("GET", "/staff/agencies/not-an-agency", (404, 404, FB, 404, 404)),
    ("GET", "/staff/team", (OK, FB, FB, OK, FB)),
    ("GET", "/staff/team/invite", (OK, FB, FB, FB, FB)),
    ("POST", "/staff/team/{team_person}/disable", (REDIRECT, FB, FB, FB, FB)),
    ("GET", "/staff/consultations", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/responses-per-day.svg", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/settings", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/new-round", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/previous-round", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/share", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/qr.{kind}", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/poster/{lang}", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/text", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/text/{lang}", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/text/{lang}.{file_kind}", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/text/{lang}/import", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{foreign}/text/{lang}", (404, 404, 404, 404, FB)),
    ("GET", "/staff/consultations/{foreign}", (404, 404, 404, 404, FB)),
    ("GET", "/staff/consultations/new", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/text-history", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/text-history", (404, 404, 404, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/questions", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/questions", (404, 404, 404, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/preview/{band}/{qkey}", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/questions/{band}/new", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/questions/{band}/{qkey}", (OK, OK, FB, FB, FB)),
    ("POST", "/staff/consultations/{foreign}/questions/{band}/{qkey}/move", (404, 404, FB, FB, FB)),
    (
        "POST",
        "/staff/consultations/{consultation}/questions/{band}/{qkey}/move",
        (REDIRECT, REDIRECT, FB, FB, FB),
    ),
    (
        "POST",
        "/staff/consultations/{consultation}/questions/{band}/{qkey}/remove",
        (REDIRECT, REDIRECT, FB, FB, FB),
    ),
    ("GET", "/staff/consultations/{consultation}/versions/new", (OK, OK, FB, FB, FB)),
    (
        "GET",
        "/staff/consultations/{consultation}/questions/{band}/unsafe_place/answers",
        (OK, OK, FB, FB, FB),
    ),
    ("POST", "/staff/consultations/{foreign}/versions/{band}/remove", (404, 404, FB, FB, FB)),
    (
        "POST",
        "/staff/consultations/{consultation}/versions/{band}/remove",
        (REDIRECT, REDIRECT, FB, FB, FB),
    ),
    ("POST", "/staff/consultations/{consultation}/publish", (REDIRECT, REDIRECT, FB, FB, FB)),
    ("GET", "/staff/consultations/{foreign}/settings", (404, 404, FB, FB, FB)),
    ("GET", "/staff/consultations/{foreign}/new-round", (404, 404, FB, FB, FB)),
    ("POST", "/staff/consultations/{foreign}/new-round", (404, 404, FB, FB, FB)),
    ("GET", "/staff/consultations/{foreign}/previous-round", (404, 404, FB, FB, FB)),
    ("POST", "/staff/consultations/{foreign}/previous-round", (404, 404, FB, FB, FB)),
    ("GET", "/staff/consultations/{foreign}/poster/{lang}", (404, 404, 404, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/analysis", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/analysis", (404, 404, FB, 404, FB)),
    ("POST", "/staff/consultations/{consultation}/analysis/run", (REDIRECT, REDIRECT, FB, FB, FB)),
    ("POST", "/staff/consultations/{foreign}/analysis/run", (404, 404, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/analysis/{akey}", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/analysis/feel_safe_area", (404, 404, FB, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/analysis/{akey}/themes.svg", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/analysis/{akey}/discover", (OK, OK, FB, OK, FB)),
    (
        "GET",
        "/staff/consultations/{consultation}/analysis/{akey}/report.xlsx",
        (OK, OK, FB, OK, FB),
    ),
    ("GET", "/staff/consultations/{consultation}/analysis/{akey}/answers", (OK, OK, FB, OK, FB)),
    (
        "POST",
        "/staff/consultations/{consultation}/analysis/{akey}/confirm",
        (REDIRECT, REDIRECT, FB, FB, FB),
    ),
    ("GET", "/staff/consultations/{consultation}/answers/{answer}", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{foreign}/answers/{answer}", (404, 404, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/results", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/results", (404, 404, FB, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/results/compare", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/results/compare", (404, 404, FB, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/results/rounds", (404, 404, FB, 404, FB)),
    (
        "GET",
        "/staff/consultations/{consultation}/results/charts/feel_safe_area.{kind}",
        (OK, OK, FB, OK, FB),
    ),
    (
        "GET",
        "/staff/consultations/{foreign}/results/charts/feel_safe_area.{kind}",
        (404, 404, FB, 404, FB),
    ),
    ("GET", "/staff/consultations/{consultation}/results/summary", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/results/summary.docx", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/results/summary.docx", (404, 404, FB, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/results/exports", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/results/exports", (404, 404, FB, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/results/responses.csv", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/results/responses.csv", (404, 404, FB, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/results/responses.xlsx", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/results/responses.xlsx", (404, 404, FB, 404, FB)),
    (
        "GET",
        "/staff/consultations/{consultation}/results/data-dictionary.csv",
        (OK, OK, FB, OK, FB),
    ),
    ("GET", "/staff/consultations/{foreign}/results/data-dictionary.csv", (404, 404, FB, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/results/codings.csv", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/results/codings.csv", (404, 404, FB, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/results/codings.xlsx", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/results/codings.xlsx", (404, 404, FB, 404, FB)),
    (
        "GET",
        "/staff/consultations/{consultation}/results/summary/charts/feel_safe_area.svg",
        (OK, OK, FB, OK, FB),
    ),
    ("GET", "/staff/consultations/{consultation}/codebook", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/codebook/new", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/codebook/{theme}", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/codebook/{foreign_theme}", (404, 404, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/codebook/{theme}/merge", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/codebook/{theme}/split", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/concerns", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{foreign}/concerns", (404, 404, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/concerns/{submission}", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/consultations/{foreign}/concerns/{submission}", (404, 404, FB, FB, FB)),
    ("GET", "/staff/priorities", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/analysis-settings", (OK, FB, FB, FB, FB)),
    ("GET", "/staff/audits/frameworks", (OK, OK, FB, OK, FB)),
    ("POST", "/staff/audits/frameworks/standard", (REDIRECT, REDIRECT, FB, FB, FB)),
    ("GET", "/staff/audits/frameworks/{framework}", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/audits/frameworks/{foreign_framework}", (404, 404, FB, 404, FB)),
    ("GET", "/staff/audits/frameworks/{framework}/copy", (OK, OK, FB, FB, FB)),
    (
        "GET",
        "/staff/audits/frameworks/{framework}/questions/{audit_question}",
        (OK, OK, FB, FB, FB),
    ),
    (
        "GET",
        "/staff/audits/frameworks/{framework}/standards/{audit_standard}/questions/new",
        (OK, OK, FB, FB, FB),
    ),
    (
        "POST",
        "/staff/audits/frameworks/{framework}/questions/{audit_question}/remove",
        (REDIRECT, REDIRECT, FB, FB, FB),
    ),
    ("GET", "/staff/audits", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/audits/cycles/new", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/audits/cycles/{cycle}", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/audits/cycles/{foreign_cycle}", (404, 404, FB, 404, FB)),
    ("GET", "/staff/audits/cycles/{cycle}/agencies", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/audits/cycles/{cycle}/events/new", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/audits/cycles/{cycle}/dashboard", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/audits/cycles/{foreign_cycle}/dashboard", (404, 404, FB, 404, FB)),
    ("GET", "/staff/audits/cycles/{cycle}/summary.{doc_kind}", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/audits/my-returns", (FB, FB, FB, FB, OK)),
    ("GET", "/staff/audits/returns/{own_return}", (OK, OK, FB, OK, OK)),
    ("GET", "/staff/audits/returns/{other_return}", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/audits/returns/{foreign_return}", (404, 404, FB, 404, 404)),
    ("GET", "/staff/audits/returns/{own_return}/feedback-letter.docx", (OK, OK, FB, OK, OK)),
    ("GET", "/staff/audits/returns/{own_return}/return.docx", (OK, OK, FB, OK, OK)),
    ("GET", "/staff/audits/returns/{own_return}/practitioner-poster", (OK, OK, FB, OK, OK)),
    ("GET", "/staff/audits/returns/{other_return}/practitioner-poster", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/audits/returns/{other_return}/return.docx", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/audits/returns/{other_return}/feedback-letter.docx", (OK, OK, FB, OK, FB)),
    (
        "GET",
        "/staff/audits/returns/{own_return}/standards/{return_standard}",
        (OK, OK, FB, OK, OK),
    ),
    (
        "GET",
        "/staff/audits/returns/{other_return}/standards/{return_standard}",
        (OK, OK, FB, OK, FB),
    ),
    (
        "POST",
        "/staff/audits/returns/{own_return}/standards/{return_standard}/autosave",
        (FB, FB, FB, FB, OK),
    ),
    (
        "POST",
        "/staff/audits/returns/{other_return}/standards/{return_standard}/autosave",
        (FB, FB, FB, FB, FB),
    ),
    (
        "GET",
        "/staff/audits/returns/{own_return}/questions/{return_question}/documents",
        (OK, OK, FB, OK, OK),
    ),
    (
        "GET",
        "/staff/audits/returns/{other_return}/questions/{return_question}/documents",
        (OK, OK, FB, OK, FB),
    ),
    (
        "GET",
        "/staff/audits/returns/{own_return}/documents/{own_document}",
        (OK, OK, FB, OK, OK),
    ),
    (
        "GET",
        "/staff/audits/returns/{other_return}/documents/{other_document}",
        (OK, OK, FB, OK, FB),
    ),
    (
        "GET",
        "/staff/audits/returns/{own_return}/documents/{other_document}",
        (404, 404, FB, 404, 404),
    ),
    (
        "POST",
        "/staff/audits/returns/{other_return}/documents/{other_document}/remove",
        (FB, FB, FB, FB, FB),
    ),
    (
        "POST",
        "/staff/audits/returns/{own_return}/standards/{return_standard}/carry-forward",
        (FB, FB, FB, FB, REDIRECT),
    ),
    (
        "POST",
        "/staff/audits/returns/{other_return}/standards/{return_standard}/carry-forward",
        (FB, FB, FB, FB, FB),
    ),
    (
        "GET",
        "/staff/audits/returns/{own_return}/questions/{return_question}/history",
        (OK, OK, FB, OK, OK),
    ),
    (
        "GET",
        "/staff/audits/returns/{other_return}/questions/{return_question}/history",
        (OK, OK, FB, OK, FB),
    ),
    ("POST", "/staff/audits/returns/{own_return}/submit", (FB, FB, FB, FB, REDIRECT)),
    ("POST", "/staff/audits/returns/{other_return}/submit", (FB, FB, FB, FB, FB)),
    # Not waiting for sign-off here, so even the agency's lead is sent back to the return.
    ("GET", "/staff/audits/returns/{own_return}/sign-off", (FB, FB, FB, FB, REDIRECT)),
    ("GET", "/staff/audits/returns/{other_return}/sign-off", (FB, FB, FB, FB, FB)),
    ("POST", "/staff/audits/returns/{own_return}/sign-off", (FB, FB, FB, FB, REDIRECT)),
    ("POST", "/staff/audits/returns/{other_return}/sign-off", (FB, FB, FB, FB, FB)),
    ("GET", "/staff/audits/returns/{own_return}/send-back", (FB, FB, FB, FB, REDIRECT)),
    ("GET", "/staff/audits/returns/{other_return}/send-back", (FB, FB, FB, FB, FB)),
    ("POST", "/staff/audits/returns/{own_return}/send-back", (FB, FB, FB, FB, REDIRECT)),
    ("POST", "/staff/audits/returns/{other_return}/send-back", (FB, FB, FB, FB, FB)),
    (
        "GET",
        "/staff/audits/returns/{own_return}/review/{return_standard}",
        (OK, OK, FB, FB, FB),
    ),
    (
        "GET",
        "/staff/audits/returns/{own_return}/challenges/{own_challenge}",
        (FB, FB, FB, FB, OK),
    ),
    (
        "GET",
        "/staff/audits/returns/{other_return}/challenges/{other_challenge}",
        (FB, FB, FB, FB, FB),
    ),
    ("GET", "/staff/audits/returns/{own_return}/actions/new", (OK, OK, FB, FB, OK)),
    ("GET", "/staff/audits/returns/{other_return}/actions/new", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/audits/returns/{own_return}/actions/{own_action}", (OK, OK, FB, FB, OK)),
    ("GET", "/staff/audits/returns/{other_return}/actions/{other_action}", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/audits/returns/{own_return}/actions/{other_action}", (404, 404, FB, FB, 404)),
    ("POST", "/staff/agencies/{own}/people/{own_person}/senior", (REDIRECT, FB, FB, FB, FB)),
    (
        "POST",
        "/staff/audits/returns/{own_return}/documents/{own_document}/remove",
        (FB, FB, FB, FB, REDIRECT),
    ),
    # Training: a trainer sees the courses they run, and nothing of anyone else's.
    ("GET", "/staff/training", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/courses/new", (OK, OK, OK, FB, FB)),
    ("GET", "/staff/training/courses/{course}", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/courses/{other_course}", (OK, OK, 404, OK, FB)),
    ("GET", "/staff/training/courses/{foreign_course}", (404, 404, 404, 404, FB)),
    ("GET", "/staff/training/courses/{course}/sessions/new", (OK, OK, OK, FB, FB)),
    ("GET", "/staff/training/courses/{other_course}/sessions/new", (OK, OK, 404, FB, FB)),
    ("GET", "/staff/training/sessions/{training_session}", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/sessions/{other_training_session}", (OK, OK, 404, OK, FB)),
    ("GET", "/staff/training/sessions/{training_session}/poster", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/sessions/{other_training_session}/poster", (OK, OK, 404, OK, FB)),
    ("GET", "/staff/training/courses/{course}/results", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/courses/{other_course}/results", (OK, OK, 404, OK, FB)),
    ("GET", "/staff/training/courses/{course}/results/ratings.svg", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/courses/{course}/results/months.svg", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/courses/{course}/feedback.docx", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/courses/{other_course}/feedback.docx", (OK, OK, 404, OK, FB)),
    ("GET", "/staff/consultations/{consultation}/you-said-we-did", (OK, OK, FB, OK, FB)),
    (
        "POST",
        "/staff/consultations/{consultation}/you-said-we-did",
        (REDIRECT, REDIRECT, FB, FB, FB),
    ),
    ("GET", "/staff/consultations/{foreign}/you-said-we-did", (404, 404, FB, 404, FB)),
    ("GET", "/staff/consultations/{consultation}/you-said-we-did/preview", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/consultations/{foreign}/you-said-we-did/preview", (404, 404, FB, 404, FB)),
    (
        "GET",
        "/staff/consultations/{consultation}/you-said-we-did/actions/new",
        (OK, OK, FB, FB, FB),
    ),
    (
        "GET",
        "/staff/consultations/{consultation}/you-said-we-did/actions/{we_did_action}",
        (OK, OK, FB, FB, FB),
    ),
    (
        "GET",
        "/staff/consultations/{consultation}/you-said-we-did/actions/{foreign_we_did_action}",
        (404, 404, FB, FB, FB),
    ),
    (
        "POST",
        "/staff/consultations/{consultation}/you-said-we-did/publish",
        (REDIRECT, REDIRECT, FB, FB, FB),
    ),
    (
        "POST",
        "/staff/consultations/{consultation}/you-said-we-did/withdraw",
        (REDIRECT, REDIRECT, FB, FB, FB),
    ),
    ("POST", "/staff/consultations/{foreign}/you-said-we-did/publish", (404, 404, FB, FB, FB)),
    ("GET", "/staff/consultations/{consultation}/you-said-we-did/quotes", (OK, OK, FB, OK, FB)),
    (
        "GET",
        "/staff/consultations/{consultation}/you-said-we-did/poster/{lang}",
        (OK, OK, FB, OK, FB),
    ),
    (
        "GET",
        "/staff/consultations/{consultation}/you-said-we-did/poster/xx",
        (404, 404, FB, 404, FB),
    ),
    ("GET", "/staff/consultations/{foreign}/you-said-we-did/quotes", (404, 404, FB, 404, FB)),
    (
        "POST",
        "/staff/consultations/{consultation}/you-said-we-did/quotes/approve",
        (400, 400, FB, FB, FB),
    ),
    (
        "POST",
        "/staff/consultations/{foreign}/you-said-we-did/quotes/approve",
        (404, 404, FB, FB, FB),
    ),
    (
        "POST",
        "/staff/consultations/{consultation}/you-said-we-did/quotes/nope/withdraw",
        (404, 404, FB, FB, FB),
    ),
    ("GET", "/staff/yearly-report", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/yearly-report.docx", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/yearly-report.html", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/yearly-report.pdf", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/yearly-report/children.html", (OK, OK, FB, OK, FB)),
    ("GET", "/staff/yearly-report/headings", (OK, OK, FB, FB, FB)),
    ("POST", "/staff/yearly-report/headings", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/training/courses/{course}/written/pledge", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/courses/{other_course}/written/pledge", (OK, OK, 404, OK, FB)),
    ("GET", "/staff/training/courses/{course}/written/not-a-question", (404, 404, 404, 404, FB)),
    (
        "GET",
        "/staff/training/courses/{course}/written/pledge/{training_evaluation}",
        (OK, OK, OK, FB, FB),
    ),
    (
        "GET",
        "/staff/training/courses/{other_course}/written/pledge/{training_evaluation}",
        (404, 404, 404, FB, FB),
    ),
    ("GET", "/staff/training/results", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/summary.{doc_kind}", (OK, OK, OK, OK, FB)),
    ("GET", "/staff/training/forms", (OK, OK, OK, OK, FB)),
    ("POST", "/staff/training/forms/copy", (400, 400, FB, FB, FB)),
    ("GET", "/staff/training/forms/{training_form}", (OK, OK, FB, FB, FB)),
    ("GET", "/staff/training/forms/{foreign_training_form}", (404, 404, FB, FB, FB)),
]
MATRIX = [
    (method, path, dict(zip(ROLES, statuses, strict=True))) for method, path, statuses in ROWS
]


def _extra_people(app, world):
    """A second person in each agency, to be disabled."""
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        ids = {}
        for key, agency in (("own_person", world.own_agency), ("other_person", world.other_agency)):
            lead = s.get(StaffUser, world.people["agency_lead"].id)
            person = StaffUser(
                partnership_id=lead.partnership_id, agency_id=agency, email=f"{key}@example.org",
                name=key, role=LEAD, created_at=lead.created_at,
            )  # fmt: skip
            s.add(person)
            s.flush()
            ids[key] = person.id
        return ids


def _analysis_ids(app, world):
    """An analysed answer, a flagged response and themes here and elsewhere."""
    [answer] = add_answers(app, world.consultation, ["I don't feel safe on the buses at night"])
    add_answers(app, world.consultation, ["More buses please"] * 12)
    add_closed(app, world.consultation, repeat({"feel_safe_area": "4"}, 10))
    with app.app_context():
        with db.transaction() as s:
            s.add(AnalysisRun(consultation_id=world.consultation, requested_at=clock.now()))
            submission = s.scalar(sa.select(Answer.submission_id).where(Answer.id == answer))
            s.get(Submission, submission).needs_review = True
        analysis_work.process_pending()
    return {
        "answer": answer,
        "submission": submission,
        "theme": theme_id(app, world.consultation, "Bullying"),
        "foreign_theme": theme_id(app, world.foreign_consultation, "Bullying"),
    }


def _audit_ids(app, world):
    """An adapted framework here, and one in another partnership."""
    from engagement.models import AuditFramework, Consultation
    from engagement.section11.frameworks import add_built_in

    with app.app_context():
        with db.transaction() as s:
            for consultation_id in (world.consultation, world.foreign_consultation):
                add_built_in(s, s.get(Consultation, consultation_id).partnership_id)
            s.flush()
            ours = s.get(Consultation, world.consultation).partnership_id
            frameworks = {
                f.partnership_id == ours: f
                for f in s.scalars(
                    sa.select(AuditFramework).where(AuditFramework.kind == "section_11")
                )
            }
            framework = frameworks[True]
            framework.copied_from_id = frameworks[False].id  # editable, as a copy is
            return {
                "framework": framework.id,
                "foreign_framework": frameworks[False].id,
                "audit_standard": framework.standards[0].id,
                "audit_question": framework.standards[0].questions[1].id,
            }


def _return_ids(app, world):
    """A cycle with a return, a document, a challenge and an action for each agency, and
    a cycle in another partnership."""
    import datetime as dt

    from engagement.models import (
        Agency,
        AuditAction,
        AuditChallenge,
        AuditCycle,
        AuditDocument,
        AuditReturn,
        Consultation,
    )

    ids = make_cycle(app, world, name="Matrix cycle")
    result = {"cycle": ids["cycle"]}
    with app.app_context(), db.transaction() as s:
        cycle = s.get(AuditCycle, ids["cycle"])
        standard = cycle.framework.standards[0]
        result["return_standard"] = standard.id
        result["return_question"] = standard.questions[0].id
        for key, agency_id in (("own", world.own_agency), ("other", world.other_agency)):
            return_id = ids[agency_id]
            result[f"{key}_return"] = return_id
            document = AuditDocument(
                return_id=return_id, question_id=standard.questions[0].id,
                filename=f"{key}.pdf", stored_name=new_id(), content_type="application/pdf",
                size=4, sha256="0" * 64, uploaded_at=clock.now(),
            )  # fmt: skip
            challenge = AuditChallenge(
                return_id=return_id, standard_id=standard.id, body="Show us", raised_at=clock.now()
            )
            action = AuditAction(
                return_id=return_id, description=f"{key} action", owner="Lead",
                due_on=dt.date.today(), updated_at=clock.now(),
            )  # fmt: skip
            s.add_all([document, challenge, action])
            s.flush()
            result[f"{key}_document"] = document.id
            result[f"{key}_challenge"] = challenge.id
            result[f"{key}_action"] = action.id
            evidence = Path(app.config["EVIDENCE_DIR"])
            evidence.mkdir(parents=True, exist_ok=True)
            (evidence / document.stored_name).write_bytes(b"%PDF")
        foreign_partnership = s.get(Consultation, world.foreign_consultation).partnership_id
        foreign_agency = Agency(
            partnership_id=foreign_partnership, name="Elsewhere", sector="other"
        )
        s.add(foreign_agency)
        s.flush()
        foreign_cycle = AuditCycle(
            partnership_id=foreign_partnership, framework_id=cycle.framework_id, name="Theirs",
            opens_on=cycle.opens_on, due_on=cycle.due_on, created_at=clock.now(),
        )  # fmt: skip
        s.add(foreign_cycle)
        s.flush()
        foreign_return = AuditReturn(
            cycle_id=foreign_cycle.id, agency_id=foreign_agency.id, practitioner_code=new_id()
        )
        s.add(foreign_return)
        s.flush()
        result["foreign_cycle"] = foreign_cycle.id
        result["foreign_return"] = foreign_return.id
    return result


@pytest.mark.parametrize("role", [ADMIN, ANALYST, TRAINER, SCRUTINEER, LEAD])
def test_every_route_for_every_role(app, client, world, role):
    ids = {
        "own": world.own_agency,
        "other": world.other_agency,
        "team_person": world.people["trainer" if role != TRAINER else "analyst"].id,
        "consultation": world.consultation,
        "foreign": world.foreign_consultation,
        "kind": "svg",
        "file_kind": "po",
        "band": "12-18",
        "qkey": "feel_safe_area",
        "lang": "ar",
        "akey": "one_change",
        **_extra_people(app, world),
        **_analysis_ids(app, world),
        **_return_ids(app, world),
        **_audit_ids(app, world),
        **training_matrix_ids(app, world),
        **you_said_matrix_ids(app, world),
        "doc_kind": "xlsx",
    }
    sign_in(client, world.people[role])
    token = client.get("/staff/").page.select_one("input[name=csrf_token]")["value"]
    for method, template, expected in MATRIX:
        path = template.format(**ids)
        if method == "GET":
            response = client.get(path)
        else:
            response = client.post(path, data={"csrf_token": token})
        assert response.status_code == expected[role], f"{role} {method} {path}"
        binary = not response.mimetype.startswith("text/") and not response.mimetype.endswith("xml")
        if role in (LEAD, ANALYST, TRAINER) and response.status_code == OK and not binary:
            # Nobody else's email address reaches them (only their own, in the header).
            body = response.get_data(as_text=True)
            others = [p.email for key, p in world.people.items() if key != role]
            assert not [email for email in others if email in body], path
        if role == LEAD and response.status_code == OK and not binary:
            body = response.get_data(as_text=True)
            assert "Riverside Youth Club" not in body, path
            assert "other_person@example.org" not in body, path
            assert "other_lead@example.org" not in body, path
        if role == LEAD and response.status_code == OK and response.data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(response.data)) as office_file:
                text = b"".join(office_file.read(name) for name in office_file.namelist())
            assert b"Riverside Youth Club" not in text, path
        response.close()


def test_signed_out_every_staff_route_goes_to_sign_in(app, client, world):
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("staff.") or rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        path = rule.rule.replace("<agency_id>", world.own_agency).replace("<user_id>", "x")
        method = "POST" if "POST" in rule.methods and "GET" not in rule.methods else "GET"
        response = client.open(path, method=method)
        assert response.status_code == 302 and response.headers["Location"] == "/staff/sign-in", (
            path
        )


def test_every_staff_route_is_in_the_matrix_or_public(app):
    covered = {
        template.replace("{own}", "<agency_id>")
        .replace("{other}", "<agency_id>")
        .replace("{own_person}", "<user_id>")
        .replace("{other_person}", "<user_id>")
        .replace("{team_person}", "<user_id>")
        .replace("{consultation}", "<consultation_id>")
        .replace("{foreign}", "<consultation_id>")
        .replace("{kind}", "<kind>")
        .replace("{file_kind}", "<kind>")
        .replace("{band}", "<band>")
        .replace("{qkey}", "<key>")
        .replace("unsafe_place", "<key>")
        .replace("{lang}", "<lang>")
        .replace("{akey}", "<key>")
        .replace("feel_safe_area", "<key>")
        .replace("themes.svg", "<chart>.<kind>")
        .replace("{answer}", "<answer_id>")
        .replace("{foreign_theme}", "<theme_id>")
        .replace("{theme}", "<theme_id>")
        .replace("{submission}", "<submission_id>")
        .replace("{foreign_framework}", "<framework_id>")
        .replace("{framework}", "<framework_id>")
        .replace("{audit_question}", "<question_id>")
        .replace("{audit_standard}", "<standard_id>")
        .replace("{foreign_cycle}", "<cycle_id>")
        .replace("{cycle}", "<cycle_id>")
        .replace("{own_return}", "<return_id>")
        .replace("{other_return}", "<return_id>")
        .replace("{foreign_return}", "<return_id>")
        .replace("{return_standard}", "<standard_id>")
        .replace("{return_question}", "<question_id>")
        .replace("{own_document}", "<document_id>")
        .replace("{other_document}", "<document_id>")
        .replace("{own_challenge}", "<challenge_id>")
        .replace("{other_challenge}", "<challenge_id>")
        .replace("{own_action}", "<action_id>")
        .replace("{other_action}", "<action_id>")
        .replace("summary.{doc_kind}", "summary.<kind>")
        .replace("{other_course}", "<course_id>")
        .replace("{foreign_course}", "<course_id>")
        .replace("{course}", "<course_id>")
        .replace("{other_training_session}", "<session_id>")
        .replace("{foreign_training_form}", "<form_id>")
        .replace("{training_form}", "<form_id>")
        .replace("{training_session}", "<session_id>")
        .replace("written/pledge/{training_evaluation}", "written/<item_key>/<evaluation_id>")
        .replace("{foreign_we_did_action}", "<action_id>")
        .replace("{we_did_action}", "<action_id>")
        .replace("quotes/nope/withdraw", "quotes/<answer_id>/withdraw")
        .replace("written/pledge", "written/<item_key>")
        for _, template, _ in MATRIX
    }
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("staff.") and rule.endpoint not in PUBLIC_ENDPOINTS:
            assert rule.rule in covered, f"{rule.rule} is not in the authorization matrix"


def test_the_agency_comes_from_the_address_never_the_form(app, client, world):
    sign_in(client, world.people[LEAD])
    page = client.get(f"/staff/agencies/{world.own_agency}/invite")
    token = page.page.select_one("input[name=csrf_token]")["value"]
    response = client.post(
        f"/staff/agencies/{world.own_agency}/invite",
        data={
            "csrf_token": token, "name": "New Person", "email": "new@example.org",
            "role": LEAD, "agency": world.other_agency, "agency_id": world.other_agency,
            "partnership_id": "someone-else",
        },
    )  # fmt: skip
    assert response.status_code == 302
    with app.app_context(), Session(bind=db.engine()) as s:
        created = s.scalar(sa.select(StaffUser).where(StaffUser.email == "new@example.org"))
        assert created.agency_id == world.own_agency


def test_an_agency_lead_cannot_invite_an_admin(app, client, world):
    sign_in(client, world.people[LEAD])
    page = client.get(f"/staff/agencies/{world.own_agency}/invite")
    assert page.page.find("input", attrs={"value": ADMIN}) is None
    token = page.page.select_one("input[name=csrf_token]")["value"]
    response = client.post(
        f"/staff/agencies/{world.own_agency}/invite",
        data={"csrf_token": token, "name": "X", "email": "x@example.org", "role": ADMIN},
    )
    assert response.status_code == 200
    assert response.page.select_one(".govuk-error-summary")


def test_policy_names_every_permission_a_route_uses(app):
    for endpoint, view in app.view_functions.items():
        permission = getattr(view, "permission", None)
        if endpoint.startswith("staff.") and endpoint not in PUBLIC_ENDPOINTS:
            assert permission in POLICY, f"{endpoint} has no permission check"


def test_a_forbidden_page_says_the_account_may_not_see_it(client, world):
    sign_in(client, world.people[ANALYST])
    response = client.get("/staff/audit")  # the audit log is for admins and the scrutineer
    assert response.status_code == 403
    assert response.page.h1.get_text(strip=True) == "You cannot see this page"
    text = response.page.select_one("main").get_text(" ", strip=True)
    assert "does not have permission to see this page" in text
    assert "could not read" not in text
