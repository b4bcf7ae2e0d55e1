from alembic import op
import sqlalchemy as sa

revision = 'r1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('users', sa.Column('id', sa.Integer), sa.Column('email', sa.Text))


def downgrade():
    op.drop_table('users')
