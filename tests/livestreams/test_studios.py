"""Admins define studios with opening hours in Vietnam time; deactivated ones are no longer
offered to new bookings."""

from __future__ import annotations

import re

import pytest

from marketplace.extensions import db
from tests.helpers import post_form, reference_ids
from tests.livestreams.booking_world import error_summary, future_day, make_studio, session_data


@pytest.fixture
def admin(client, make_user, log_in):
    log_in(client, make_user(is_admin=True))
    return client


def _studio_data(**overrides):
    ids = reference_ids()
    data = {
        "name": "Nhà văn hoá số xã Bắc Hà",
        "description": "Có đèn, micro, wifi.",
        "province_id": str(ids["province_id"]),
        "commune_id": str(ids["commune_id"]),
        "address": "Thôn Na Hối",
        "opens_at": "08:00",
        "closes_at": "21:30",
        "open_weekdays": ["1", "3", "5", "6"],
    }
    data.update(overrides)
    return data


def _studios(app):
    from marketplace.livestreams.models import Studio

    with app.app_context():
        rows = list(db.session.scalars(db.select(Studio)))
        for row in rows:
            db.session.expunge(row)
        return rows


def test_an_admin_adds_and_edits_a_studio(app, admin):
    with app.app_context():
        data = _studio_data()
    response = post_form(admin, "/admin/studios/new", data)
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))
    [studio] = _studios(app)
    assert (studio.open_weekdays, str(studio.opens_at), str(studio.closes_at)) == (
        "1356",
        "08:00:00",
        "21:30:00",
    )
    page = admin.get(f"/admin/studios/{studio.id}/edit").get_data(as_text=True)
    assert 'value="08:00"' in page and re.search(r'<input checked[^>]*value="5"', page)
    response = post_form(admin, f"/admin/studios/{studio.id}/edit", {**data, "closes_at": "22:00"})
    assert response.status_code == 302
    assert str(_studios(app)[0].closes_at) == "22:00:00"
    assert "Nhà văn hoá số xã Bắc Hà" in admin.get("/admin/studios").get_data(as_text=True)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"opens_at": "21:00", "closes_at": "08:00"}, "Giờ đóng cửa phải sau"),
        ({"open_weekdays": []}, "Ngày mở cửa"),
        ({"name": ""}, "Tên"),
        ({"opens_at": "25:00"}, "Giờ mở cửa"),
        ({"commune_id": "987654"}, "xã"),
    ],
)
def test_bad_studios_are_refused(app, admin, overrides, expected):
    with app.app_context():
        data = _studio_data(**overrides)
    response = post_form(admin, "/admin/studios/new", data)
    assert response.status_code == 422
    assert expected in error_summary(response.get_data(as_text=True))
    assert _studios(app) == []


def test_a_deactivated_studio_is_not_offered(app, admin, make_user, make_stall, log_in):
    studio = make_studio(app, name="Phòng sắp đóng")
    assert post_form(admin, f"/admin/studios/{studio}/deactivate").status_code == 302
    assert _studios(app)[0].active is False
    owner = make_user()
    stall = make_stall(owner)
    client = app.test_client()
    log_in(client, owner)
    page = client.get(f"/my/stalls/{stall.id}/livestreams/new").get_data(as_text=True)
    assert "Phòng sắp đóng" not in page
    data = session_data(future_day(), studio_id=studio)
    response = post_form(client, f"/my/stalls/{stall.id}/livestreams/new", data)
    assert response.status_code == 422
    assert post_form(admin, f"/admin/studios/{studio}/activate").status_code == 302
    assert "Phòng sắp đóng" in client.get(f"/my/stalls/{stall.id}/livestreams/new").get_data(
        as_text=True
    )


def test_only_admins_manage_studios(app, client, make_user, log_in):
    studio = make_studio(app)
    log_in(client, make_user())
    assert client.get("/admin/studios").status_code == 403
    assert post_form(client, f"/admin/studios/{studio}/deactivate").status_code == 403
    assert _studios(app)[0].active is True
