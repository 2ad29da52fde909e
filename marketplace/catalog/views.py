from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.access import get_owned_or_404, login_required
from marketplace.audit.services import record_admin_edit
from marketplace.catalog import services
from marketplace.catalog.forms import PhotoForm, ProductForm, product_query
from marketplace.catalog.models import Product, ProductStatus
from marketplace.errors import DomainError
from marketplace.forms import (
    FORM_ERROR_STATUS,
    add_domain_error,
    form_values,
    render_form,
    uploaded,
)
from marketplace.i18n import local_today
from marketplace.reference import services as reference
from marketplace.stalls.models import Stall

bp = Blueprint("catalog", __name__)


@bp.get("/products")
def product_list():
    query = product_query(request.args)
    return render_template(
        "catalog/list.html",
        page=services.search_products(query, today=local_today()),
        query=query,
        categories=reference.categories(),
        provinces=reference.provinces(),
        today=local_today(),
    )


@bp.get("/products/<int:product_id>")
def product_detail(product_id: int):
    product = services.get_public_product(product_id)
    if product is None:
        abort(404)
    return render_template("catalog/detail.html", product=product, today=local_today())


@bp.get("/stalls/<slug>")
def stall_page(slug: str):
    stall = services.public_stall(slug)
    if stall is None:
        abort(404)
    return render_template(
        "catalog/stall.html",
        stall=stall,
        products=services.stall_products(stall),
        today=local_today(),
    )


# --- The owner's catalogue ---------------------------------------------------------------


def _details(form: ProductForm) -> services.ProductDetails:
    return form_values(
        form,
        services.ProductDetails,
        description=form.description.data or "",
        ocop_stars=form.ocop_stars.data or None,
    )


def _product_form(product: Product | None, *, submitted: bool) -> ProductForm:
    """The product form with its choices; as stored when not being submitted."""
    if product is not None and not submitted:
        form = ProductForm(obj=product, formdata=None)
        form.ocop_stars.data = product.ocop_stars or 0
        if product.status == ProductStatus.NEEDS_PHOTO:  # the owner's choice, waiting for a photo
            form.status.data = ProductStatus.ACTIVE.value
    else:
        form = ProductForm(obj=product)
    form.load_choices(reference.categories(), str(get_locale()))
    return form


def _audit_admin(product_id: int, owner_id: int, action: str) -> None:
    """Admins may edit through these owner pages: what they do there is audited."""
    record_admin_edit(
        current_user, owner_id, object_type="product", object_id=product_id, action=action
    )


def _owned_product(product_id: int) -> Product:
    return get_owned_or_404(
        Product, product_id, joinedload(Product.stall), selectinload(Product.photos)
    )


@bp.route("/my/stalls/<int:stall_id>/products/new", methods=["GET", "POST"])
@login_required
def product_new(stall_id: int):
    stall = get_owned_or_404(Stall, stall_id)
    form = _product_form(None, submitted=True)
    if form.validate_on_submit():
        try:
            product = services.create_product(stall, _details(form))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            _audit_admin(product.id, stall.owner_id, "admin_create")
            flash(_("Product saved. Now add its photos."), "success")
            return redirect(url_for("catalog.product_edit", product_id=product.id))
    return render_form("catalog/product_form.html", form, stall=stall, product=None)


@bp.route("/my/products/<int:product_id>/edit", methods=["GET", "POST"])
@login_required
def product_edit(product_id: int):
    product = _owned_product(product_id)
    form = _product_form(product, submitted=request.method == "POST")
    if form.validate_on_submit():
        try:
            services.update_product(product, _details(form))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            _audit_admin(product.id, product.stall.owner_id, "admin_edit")
            flash(_("Product saved."), "success")
            return redirect(url_for("catalog.product_edit", product_id=product.id))
    return render_form(
        "catalog/product_form.html",
        form,
        stall=product.stall,
        product=product,
        photo_form=PhotoForm(formdata=None),
    )


@bp.post("/my/products/<int:product_id>/delete")
@login_required
def product_delete(product_id: int):
    product = _owned_product(product_id)
    stall_id = product.stall_id
    _audit_admin(product.id, product.stall.owner_id, "admin_delete")
    services.delete_product(product)
    flash(_("Product deleted."), "success")
    return redirect(url_for("stalls.dashboard", stall_id=stall_id))


@bp.post("/my/products/<int:product_id>/photos")
@login_required
def photo_add(product_id: int):
    product = _owned_product(product_id)
    photo_form = PhotoForm()
    if photo_form.validate_on_submit():
        try:
            services.add_photo(product, uploaded(photo_form.photo))
        except DomainError as exc:
            add_domain_error(photo_form, exc)
        else:
            _audit_admin(product.id, product.stall.owner_id, "admin_photo_add")
            flash(_("Photo added."), "success")
            return redirect(url_for("catalog.product_edit", product_id=product.id) + "#photos")
    form = _product_form(product, submitted=False)
    return render_template(
        "catalog/product_form.html",
        form=form,
        stall=product.stall,
        product=product,
        photo_form=photo_form,
    ), FORM_ERROR_STATUS


@bp.post("/my/products/<int:product_id>/photos/<int:photo_id>/<any(up, down):direction>")
@login_required
def photo_move(product_id: int, photo_id: int, direction: str):
    product = _owned_product(product_id)
    services.move_photo(product, photo_id, -1 if direction == "up" else 1)
    _audit_admin(product.id, product.stall.owner_id, "admin_photo_move")
    return redirect(url_for("catalog.product_edit", product_id=product.id) + "#photos")


@bp.post("/my/products/<int:product_id>/photos/<int:photo_id>/delete")
@login_required
def photo_delete(product_id: int, photo_id: int):
    product = _owned_product(product_id)
    services.remove_photo(product, photo_id)
    _audit_admin(product.id, product.stall.owner_id, "admin_photo_delete")
    flash(_("Photo deleted."), "success")
    return redirect(url_for("catalog.product_edit", product_id=product.id) + "#photos")
