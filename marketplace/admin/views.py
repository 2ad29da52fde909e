from flask import render_template
from sqlalchemy import func, select

from marketplace.accounts.access import admin_required
from marketplace.accounts.models import User
from marketplace.admin import bp
from marketplace.extensions import db


@bp.get("/")
@admin_required
def dashboard():
    user_count, admin_count = db.session.execute(
        select(func.count(User.id), func.count(User.id).filter(User.is_admin))
    ).one()
    newest = db.session.scalars(select(User).order_by(User.created_at.desc()).limit(20)).all()
    return render_template(
        "admin/dashboard.html", user_count=user_count, admin_count=admin_count, newest=newest
    )
