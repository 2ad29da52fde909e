from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from marketplace.extensions import db


def test_migrations_agree_with_models(app):
    """The test database was built by `flask db upgrade`; the models must match it exactly."""
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "models and migrations disagree: run `flask db migrate`"


def test_downgrade_to_base_and_upgrade_again(make_app, tmp_path):
    from marketplace import create_app
    from tests.helpers import base_config

    app = create_app(base_config(f"sqlite:///{tmp_path}/roundtrip.sqlite3"))
    with app.app_context():
        upgrade()
        assert "users" in inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]
        upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        db.engine.dispose()
