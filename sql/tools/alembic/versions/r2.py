from alembic import op
import sqlalchemy as sa

revision = 'r2'
down_revision = 'r1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit', sa.Column('id', sa.Integer))
    op.create_index('users_email', 'users', ['email'], unique=True)


def downgrade():
    op.drop_index('users_email', 'users')
    op.drop_table('audit')
