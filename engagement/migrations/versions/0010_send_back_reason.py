"""What a senior lead asked to change when sending a return back

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_returns") as batch:
        batch.add_column(sa.Column("sent_back_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_returns") as batch:
        batch.drop_column("sent_back_reason")
