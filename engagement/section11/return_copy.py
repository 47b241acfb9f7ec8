"""A copy of an agency's return as a Word document: for its own records, for a board
paper, or to reuse with another partnership."""

from __future__ import annotations

from engagement.office import word
from engagement.section11.returns import ReturnPage
from forms.vocabulary import NOT_APPLICABLE


def return_document(view: ReturnPage) -> bytes:
    audit_return = view.audit_return
    cycle = audit_return.cycle
    document = word.new_document(
        f"{audit_return.agency.name}: {cycle.framework.name}, {cycle.name}"
    )
    status = {
        "approved": "Signed off",
        "submitted": "Waiting for sign-off",
        "in_progress": "In progress (draft)",
        "not_started": "Not started",
    }[audit_return.status]
    document.add_paragraph(f"Status: {status}. Due by {cycle.due_on.day} {cycle.due_on:%B %Y}.")
    if audit_return.approved_at is not None:
        who = view.names.get(audit_return.approved_by or "", "the senior lead")
        document.add_paragraph(
            f"Signed off by {who} on {audit_return.approved_at.day} "
            f"{audit_return.approved_at:%B %Y}."
        )
    for standard in view.framework.standards:
        document.add_heading(f"{standard.code} {standard.title}", level=2)
        rows = []
        for position, question in enumerate(standard.questions, start=1):
            answer = view.answers.get(question.id)
            rating = view.scale.label(answer.rating) if answer and answer.rating else "Not answered"
            if answer and answer.rating == NOT_APPLICABLE:
                rating = f"{rating}: {answer.not_applicable_reason}"
            documents = ", ".join(d.filename for d in view.documents.get(question.id, []))
            rows.append(
                [
                    f"{standard.code}.{position} {question.text}",
                    rating,
                    answer.evidence if answer else "",
                    answer.impact if answer else "",
                    documents or "None",
                ]
            )
        word.table(
            document,
            ["Question", "Rating", "Evidence", "Impact on children", "Documents"],
            rows,
        )
    return word.save(document)
