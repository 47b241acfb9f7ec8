"""Counts of every question's answers, kept as answers arrive; a consultation's last round

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answer_tallies",
        sa.Column("consultation_id", sa.String(length=32), nullable=False),
        sa.Column("by_key", sa.String(length=60), nullable=False),
        sa.Column("by_option", sa.String(length=60), nullable=False),
        sa.Column("question_key", sa.String(length=60), nullable=False),
        sa.Column("option_key", sa.String(length=60), nullable=False),
        sa.Column("version_id", sa.String(length=32), nullable=False),
        sa.Column("answered_in", sa.String(length=10), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultations.id"]),
        sa.PrimaryKeyConstraint(
            "consultation_id",
            "by_key",
            "by_option",
            "question_key",
            "option_key",
            "version_id",
            "answered_in",
            "month",
        ),  # fmt: skip
    )
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_round_id", sa.String(length=32), nullable=True))
        batch_op.create_foreign_key(
            "fk_consultations_previous_round_id", "consultations", ["previous_round_id"], ["id"]
        )
    # Answers already stored are counted by `flask results rebuild` (run by `make run`).


def downgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_constraint("fk_consultations_previous_round_id", type_="foreignkey")
        batch_op.drop_column("previous_round_id")
    op.drop_table("answer_tallies")
