"""Reference data for scripts: the communes of one province, for the commune field."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from marketplace.extensions import db
from marketplace.reference.models import Province
from marketplace.reference.services import communes_of

bp = Blueprint("reference", __name__)

# Reference rows change only with a migration (a deploy); phones on 3G may keep them a day.
CACHE_SECONDS = 24 * 3600


# max: a larger id would overflow PostgreSQL's INTEGER (a 500) instead of finding nothing.
@bp.get("/reference/provinces/<int(max=2147483647):province_id>/communes")
def province_communes(province_id: int):
    province = db.session.get(Province, province_id)
    if province is None:
        abort(404)
    response = jsonify(
        province={"id": province.id, "name": province.name, "code": province.official_code},
        communes=[{"id": cid, "name": name} for cid, name in communes_of(province.id)],
    )
    response.cache_control.public = True
    response.cache_control.max_age = CACHE_SECONDS
    response.add_etag()
    return response.make_conditional(request)
