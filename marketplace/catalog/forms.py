from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.catalog.models import ProductStatus
from marketplace.catalog.services import ProductQuery
from marketplace.forms import Form, MoneyField, parse_whole_number
from marketplace.stalls.forms import PHOTO_TYPES

_required = DataRequired(message=_l("This field is required."))
_number = InputRequired(message=_l("Enter a whole number."))


class ProductForm(Form):
    name = StringField(_l("Product name"), validators=[_required, Length(max=160)])
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Plain text; line breaks are kept."),
    )
    category_id = SelectField(_l("Category"), coerce=int, validators=[_required])
    price = MoneyField(
        _l("Price (đồng)"),
        validators=[InputRequired(message=_l("Enter the price."))],
        min=1,
        max=1_000_000_000,
        description=_l("Whole đồng, e.g. 125.000"),
    )
    stock = IntegerField(_l("In stock"), validators=[_number, NumberRange(min=0, max=1_000_000)])
    unit_label = StringField(
        _l("Unit"),
        validators=[_required, Length(max=40)],
        description=_l("What one item is, e.g. gói 500 g"),
    )
    weight_grams = IntegerField(
        _l("Shipping weight (grams)"), validators=[_number, NumberRange(min=0, max=100_000)]
    )
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice(ProductStatus.ACTIVE.value, _l("Active: for sale once it has a photo")),
            SelectChoice(ProductStatus.DRAFT.value, _l("Draft: not shown yet")),
            SelectChoice(ProductStatus.HIDDEN.value, _l("Hidden: not shown")),
        ],
    )
    ocop_stars = SelectField(
        _l("OCOP stars"),
        coerce=int,
        choices=[
            SelectChoice(0, _l("Not OCOP-certified")),
            SelectChoice(3, "★★★"),
            SelectChoice(4, "★★★★"),
            SelectChoice(5, "★★★★★"),
        ],
    )
    ocop_certificate = StringField(
        _l("OCOP certificate number"), validators=[Optional(), Length(max=60)]
    )
    ocop_expires_on = DateField(_l("Certificate valid until"), validators=[Optional()])

    def load_choices(self, categories, locale: str) -> None:
        self.category_id.choices = [SelectChoice(0, _l("Choose a category"))] + [
            SelectChoice(c.id, c.name_for(locale)) for c in categories
        ]


class PhotoForm(Form):
    photo = FileField(
        _l("Add a photo"),
        validators=[FileRequired(_l("Choose a photo to upload.")), PHOTO_TYPES],
        description=_l("JPEG, PNG or WebP, at most 10 MB. The first photo is the cover."),
    )


def _whole_number(args, name: str, minimum: int = 0) -> int | None:
    value = parse_whole_number(args.get(name))
    return None if value is None else max(minimum, value)


def _text(args, name: str, limit: int = 100) -> str:
    """A text filter, cut to ``limit``; "" when it holds a NUL (no database stores one)."""
    value = args.get(name, "")[:limit]
    return "" if "\x00" in value else value


def product_query(args) -> ProductQuery:
    """The search page's filters from its query string; what can't be read is left out."""
    return ProductQuery(
        q=_text(args, "q"),
        category=_text(args, "category") or None,
        province=_text(args, "province") or None,
        min_stars=_whole_number(args, "stars"),
        min_price=_whole_number(args, "min_price"),
        max_price=_whole_number(args, "max_price"),
        in_stock=args.get("in_stock") == "1",
        sort=_text(args, "sort") or "newest",
        page=_whole_number(args, "page", minimum=1) or 1,
    )
