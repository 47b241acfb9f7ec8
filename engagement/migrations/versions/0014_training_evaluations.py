"""Training courses, sessions, anonymous evaluations and follow-up reminders

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_forms",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("partnership_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=1), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("copied_from", sa.String(length=40), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnerships.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_training_forms_partnership_id", "training_forms", ["partnership_id"])
    op.create_table(
        "training_courses",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("partnership_id", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("objectives", sa.JSON(), nullable=False),
        sa.Column("level", sa.String(length=40), nullable=False),
        sa.Column("audience", sa.String(length=300), nullable=False),
        sa.Column("form_a", sa.String(length=40), nullable=False),
        sa.Column("form_b", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnerships.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_training_courses_partnership_id", "training_courses", ["partnership_id"])
    op.create_table(
        "training_course_trainers",
        sa.Column("course_id", sa.String(length=32), nullable=False),
        sa.Column("staff_user_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["course_id"], ["training_courses.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_user_id"], ["staff_users.id"]),
        sa.PrimaryKeyConstraint("course_id", "staff_user_id"),
    )
    op.create_table(
        "training_sessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("course_id", sa.String(length=32), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("trainer_names", sa.String(length=300), nullable=False),
        sa.Column("attendance", sa.JSON(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("salt", sa.String(length=64), nullable=False),
        sa.Column("follow_up_opens_on", sa.Date(), nullable=False),
        sa.Column("follow_up_closes_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["course_id"], ["training_courses.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_training_sessions_course_id", "training_sessions", ["course_id"])
    op.create_table(
        "training_evaluations",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=1), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("receipt_hash", sa.String(length=64), nullable=False),
        sa.Column("link_hash", sa.String(length=64), nullable=True),
        sa.Column("agency_type", sa.String(length=40), nullable=True),
        sa.Column("role_group", sa.String(length=40), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("relevant", sa.Integer(), nullable=True),
        sa.Column("confidence_from", sa.Double(), nullable=True),
        sa.Column("confidence_to", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("receipt_hash"),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_training_evaluations_session", "training_evaluations", ["session_id", "stage"]
    )
    op.create_index(
        "uq_training_evaluations_link",
        "training_evaluations",
        ["session_id", "stage", "link_hash"],
        unique=True,
    )
    op.create_table(
        "training_reminders",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_training_reminders_session_id", "training_reminders", ["session_id"])


def downgrade() -> None:
    for table in (
        "training_reminders",
        "training_evaluations",
        "training_sessions",
        "training_course_trainers",
        "training_courses",
        "training_forms",
    ):
        op.drop_table(table)
