"""Staff decisions on the themes of training evaluations' written answers

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_codings",
        sa.Column("evaluation_id", sa.String(length=32), nullable=False),
        sa.Column("item_key", sa.String(length=40), nullable=False),
        sa.Column("theme_id", sa.String(length=40), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["evaluation_id"], ["training_evaluations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["decided_by"], ["staff_users.id"]),
        sa.PrimaryKeyConstraint("evaluation_id", "item_key", "theme_id"),
    )


def downgrade() -> None:
    op.drop_table("training_codings")
