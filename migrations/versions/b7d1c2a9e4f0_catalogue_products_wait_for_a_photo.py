"""catalogue: a product chosen to be active waits for its first photo (status needs_photo)

Revision ID: b7d1c2a9e4f0
Revises: ca3cd7fd04f0
Create Date: 2026-11-23 13:25:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "b7d1c2a9e4f0"
down_revision = "ca3cd7fd04f0"
branch_labels = None
depends_on = None

NAME = "ck_products_product_status"
OLD = "status IN ('draft', 'active', 'hidden')"
NEW = "status IN ('draft', 'active', 'hidden', 'needs_photo')"


def _replace_check(condition):
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(NAME), type_="check")
        batch_op.create_check_constraint(op.f(NAME), condition)


def upgrade():
    _replace_check(NEW)
    # Products on sale without a photo wait for one, like new ones do.
    op.execute(
        "UPDATE products SET status = 'needs_photo' WHERE status = 'active' "
        "AND NOT EXISTS (SELECT 1 FROM photos WHERE photos.product_id = products.id)"
    )


def downgrade():
    op.execute("UPDATE products SET status = 'active' WHERE status = 'needs_photo'")
    _replace_check(OLD)
