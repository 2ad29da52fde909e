"""Photos still show under the Content-Security-Policy's img-src (issue 7, item 18).

The policy allows images from this site and the configured photo storage only; Chromium
enforces it, so a photo from an origin the policy forgot would not load.
"""

from io import BytesIO

import pytest

from marketplace.storage import build_storage
from tests.helpers import jpeg_bytes, post_form


def _make_public(config: dict) -> None:
    import json

    import boto3

    bucket = config["S3_BUCKET"]
    boto3.client(
        "s3",
        endpoint_url=config["S3_ENDPOINT_URL"],
        region_name=config["S3_REGION"],
        aws_access_key_id=config["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=config["S3_SECRET_ACCESS_KEY"],
    ).put_bucket_policy(
        Bucket=bucket,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{bucket}/*",
                    }
                ],
            }
        ),
    )


@pytest.fixture(params=["local", "s3-presigned", "s3-public"])
def photo_site(request, make_app, live_server):
    config = {}
    if request.param != "local":
        config = request.getfixturevalue("s3_config")
        build_storage(config).ensure_bucket()
        if request.param == "s3-public":
            # A public bucket read at its URL (moto answers 403 under any other host name than
            # the endpoint's, so the CDN case with its own origin is checked in the header test).
            _make_public(config)
            config["S3_PUBLIC_BASE_URL"] = f"{config['S3_ENDPOINT_URL']}/{config['S3_BUCKET']}"
    app = make_app(**config)
    return app, live_server(app)


def test_product_photos_load_under_the_policy(
    photo_site, make_user, make_stall, make_product, log_in, browser
):
    app, base = photo_site
    owner = make_user()
    product = make_product(make_stall(owner), name="Chè Shan Tuyết")
    client = app.test_client()
    log_in(client, owner)
    uploaded = post_form(
        client,
        f"/my/products/{product.id}/photos",
        {"photo": (BytesIO(jpeg_bytes()), "anh.jpg")},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 302, uploaded.get_data(as_text=True)

    page = browser.new_page(viewport={"width": 360, "height": 760})
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{base}/products/{product.id}", wait_until="load")
    images = page.eval_on_selector_all(
        "img", "imgs => imgs.map(i => [i.currentSrc, i.complete && i.naturalWidth])"
    )
    photos = [(src, width) for src, width in images if "/products/" in src or "X-Amz" in src]
    assert photos, images
    assert violations == []
    assert all(width > 0 for _, width in photos), photos
