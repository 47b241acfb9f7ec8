"""What the partnership did about what young people said, approved quotes, and the
public pages

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "we_did_actions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("partnership_id", sa.String(length=32), nullable=False),
        sa.Column("consultation_id", sa.String(length=32), nullable=False),
        sa.Column("theme_id", sa.String(length=32), nullable=True),
        sa.Column("priority_id", sa.String(length=32), nullable=True),
        sa.Column("what", sa.String(length=500), nullable=False),
        sa.Column("for_young_people", sa.JSON(), nullable=False),
        sa.Column("by_whom", sa.String(length=200), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnerships.id"]),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultations.id"]),
        sa.ForeignKeyConstraint(["theme_id"], ["themes.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["priority_id"], ["priorities.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["updated_by"], ["staff_users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_we_did_actions_partnership_id", "we_did_actions", ["partnership_id"])
    op.create_index("ix_we_did_actions_consultation_id", "we_did_actions", ["consultation_id"])
    op.create_table(
        "you_said_pages",
        sa.Column("consultation_id", sa.String(length=32), nullable=False),
        sa.Column("intro", sa.JSON(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultations.id"]),
        sa.ForeignKeyConstraint(["published_by"], ["staff_users.id"]),
        sa.PrimaryKeyConstraint("consultation_id"),
    )
    op.create_table(
        "approved_quotes",
        sa.Column("answer_id", sa.String(length=32), nullable=False),
        sa.Column("consultation_id", sa.String(length=32), nullable=False),
        sa.Column("theme_id", sa.String(length=32), nullable=True),
        sa.Column("approved_by", sa.String(length=32), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_by", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["answer_id"], ["answers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultations.id"]),
        sa.ForeignKeyConstraint(["theme_id"], ["themes.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["approved_by"], ["staff_users.id"]),
        sa.ForeignKeyConstraint(["withdrawn_by"], ["staff_users.id"]),
        sa.PrimaryKeyConstraint("answer_id"),
    )
    op.create_index("ix_approved_quotes_consultation_id", "approved_quotes", ["consultation_id"])


def downgrade() -> None:
    op.drop_table("approved_quotes")
    op.drop_table("you_said_pages")
    op.drop_table("we_did_actions")
