"""The background worker's second look at each response's written answers

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "concern_second_looks",
        sa.Column("submission_id", sa.String(length=32), nullable=False),
        sa.Column("probability", sa.Double(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("category_confidence", sa.Double(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("looked_with", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("submission_id"),
    )


def downgrade() -> None:
    op.drop_table("concern_second_looks")
