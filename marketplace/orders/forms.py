from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from marketplace.accounts.forms import vn_mobile
from marketplace.reference.services import commune_choices, province_choices

_required = DataRequired(message=_l("This field is required."))


class CheckoutForm(FlaskForm):
    token = HiddenField()
    # "product:price:quantity,..." as the page showed them: only to notice a change, never
    # to charge (prices come from the database).
    shown = HiddenField()
    name = StringField(_l("Full name"), validators=[_required, Length(max=120)])
    phone = TelField(_l("Mobile number"), validators=[_required, vn_mobile])
    email = EmailField(
        _l("Email (optional, for order updates)"),
        validators=[Optional(), Length(max=254), Email(message=_l("Enter a valid email address."))],
    )
    province_id = SelectField(_l("Province"), coerce=int, validators=[_required])
    commune_id = SelectField(_l("Commune or ward"), coerce=int, validators=[_required])
    street = StringField(
        _l("Street address"),
        validators=[_required, Length(max=255)],
        description=_l("House number, street or hamlet (thôn, bản)"),
    )
    note = TextAreaField(_l("Note for the sellers (optional)"), validators=[Length(max=500)])

    def load_choices(self) -> None:
        self.province_id.choices = province_choices()
        self.commune_id.choices = commune_choices()


class LookupForm(FlaskForm):
    code = StringField(_l("Order code"), validators=[_required, Length(max=20)])
    phone = TelField(_l("Mobile number used for the order"), validators=[_required, vn_mobile])


class OrderActionForm(FlaskForm):
    reason = TextAreaField(_l("Reason (the buyer will read it)"), validators=[Length(max=1000)])
    amount = IntegerField(
        _l("Amount to refund (đồng)"), validators=[Optional(), NumberRange(min=1)]
    )
