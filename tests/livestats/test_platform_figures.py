"""The platform's own figures (issue 9, item 10): entered or imported by the owner after the
session, shown beside the app's figures and never added to them."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
import sqlalchemy as sa

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.livestreams.models import LivestreamStatus, PlatformReport
from tests.helpers import post_form
from tests.livestats.sessions import make_livestream, set_counters

HEADER = "livestream_id,views,peak_viewers,likes,comments,shares,orders"


@pytest.fixture
def owner_and_sessions(app, make_user, make_stall):
    owner = make_user()
    stall = make_stall(owner)
    ended = make_livestream(app, stall, starts_at=utcnow() - timedelta(days=2))
    other_ended = make_livestream(app, stall, starts_at=utcnow() - timedelta(days=3))
    upcoming = make_livestream(app, stall, starts_at=utcnow() + timedelta(days=2))
    return owner, ended, other_ended, upcoming


def _reports(app):
    with app.app_context():
        return {
            r.livestream_id: (r.views, r.peak_viewers, r.likes, r.comments, r.shares, r.orders)
            for r in db.session.scalars(sa.select(PlatformReport))
        }


def test_entered_figures_are_shown_beside_never_summed(app, client, log_in, owner_and_sessions):
    owner, ended, _other, _upcoming = owner_and_sessions
    set_counters(app, ended, views=120, unique_viewers=100, heartbeats=0, peak_concurrent=40)
    log_in(client, owner)
    url = f"/stall/livestreams/{ended}/platform-figures"
    assert client.get(url).status_code == 200
    response = post_form(client, url, {"views": "150.000", "likes": "3200", "orders": "0"})
    assert response.status_code == 302
    assert _reports(app) == {ended: (150_000, None, 3200, None, None, 0)}
    page = client.get(f"/stall/livestreams/{ended}/stats").get_data(as_text=True)
    assert "150.000" in page and ">120<" in page
    assert "150.120" not in page


@pytest.mark.parametrize("garbage", ["-1", "1,5", "abc", "١٢", "99999999999", "1e3"])
def test_garbage_is_a_field_error_and_saves_nothing(
    app, client, log_in, owner_and_sessions, garbage
):
    owner, ended, _other, _upcoming = owner_and_sessions
    log_in(client, owner)
    response = post_form(
        client, f"/stall/livestreams/{ended}/platform-figures", {"views": "10", "likes": garbage}
    )
    assert response.status_code == 422
    assert 'id="likes-error"' in response.get_data(as_text=True)
    assert _reports(app) == {}


def test_figures_wait_for_the_end_of_an_approved_session(
    app, client, log_in, owner_and_sessions, make_stall
):
    owner, _ended, _other, upcoming = owner_and_sessions
    log_in(client, owner)
    response = post_form(client, f"/stall/livestreams/{upcoming}/platform-figures", {"views": "5"})
    assert response.status_code == 422
    stall = make_stall(owner, name="Gian thứ hai")
    rejected = make_livestream(
        app, stall, starts_at=utcnow() - timedelta(days=5), status=LivestreamStatus.REJECTED
    )
    response = post_form(client, f"/stall/livestreams/{rejected}/platform-figures", {"views": "5"})
    assert response.status_code == 422
    assert _reports(app) == {}


def _import(client, body: bytes):
    return post_form(
        client,
        "/stall/livestreams/platform-figures/import",
        {"file": (BytesIO(body), "figures.csv")},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_import_with_or_without_bom(app, client, log_in, owner_and_sessions, bom):
    owner, ended, other, _upcoming = owner_and_sessions
    log_in(client, owner)
    body = bom + f"{HEADER}\r\n{ended},2500,410,3100,250,80,\n{other},,,,,,7\n".encode()
    response = _import(client, body)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _reports(app) == {
        ended: (2500, 410, 3100, 250, 80, None),
        other: (None, None, None, None, None, 7),
    }


def test_csv_errors_name_the_line_and_save_nothing(
    app, client, log_in, owner_and_sessions, make_user, make_stall
):
    owner, ended, other, upcoming = owner_and_sessions
    stranger_session = make_livestream(
        app, make_stall(make_user(), name="Gian người khác"), starts_at=utcnow() - timedelta(days=4)
    )
    log_in(client, owner)
    body = "\n".join(
        [
            HEADER,
            f"{ended},10,1,1,1,1,1",  # fine, but nothing is saved when another line fails
            f"{other},-3,,,,,",  # line 3
            f"{stranger_session},1,,,,,",  # line 4: another owner's session
            f"{upcoming},1,,,,,",  # line 5: not ended
            "abc,1,,,,,",  # line 6
            f"{ended},1,,,,,",  # line 7: twice
        ]
    ).encode()
    response = _import(client, body)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for line in (3, 4, 5, 6, 7):
        assert f"Dòng {line}:" in page, line
    assert "Dòng 2:" not in page
    assert _reports(app) == {}


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"views,likes\n1,2\n",
        HEADER.encode() + b"\n",
        b"\xff\xfe" + HEADER.encode("utf-16-le"),
        HEADER.encode() + b"\n1,2\n",
        HEADER.encode() + b"\n" + b"1," * 70_000,
    ],
    ids=["empty", "wrong header", "no lines", "not utf-8", "short line", "too big"],
)
def test_csv_garbage_gets_a_clear_error(app, client, log_in, owner_and_sessions, body):
    owner, *_ = owner_and_sessions
    log_in(client, owner)
    response = _import(client, body)
    assert response.status_code == 422
    assert 'id="file-error"' in response.get_data(as_text=True)
    assert _reports(app) == {}
