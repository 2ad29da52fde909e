"""The province tile map and the 12-week trend charts, on a page of their own until the
dashboard shows them (``templates/admin/_pictures.html`` is the part it includes)."""

from flask import render_template, url_for

from marketplace.accounts.access import admin_required
from marketplace.admin import pictures, trends
from marketplace.admin.views import bp
from marketplace.db import utcnow


@bp.get("/activity/pictures", endpoint="pictures")
@admin_required
def pictures_page():
    now = utcnow()
    # The one place the colours come from: activity.province_statuses(now, 30) replaces it.
    statuses = pictures.placeholder_province_statuses()
    # Where a tile leads: the catalogue of the province until the console has a province page.
    links = {code: url_for("catalog.product_list", province=code) for code in pictures.LAYOUT}
    return render_template(
        "admin/pictures.html",
        tiles_svg=pictures.province_tiles_svg(statuses, links),
        trends=trends.trend_charts(trends.weekly_trends(now)),
    )
