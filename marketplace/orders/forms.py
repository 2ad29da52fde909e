from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from marketplace.accounts.forms import vn_mobile
from marketplace.forms import Form, MoneyField
from marketplace.reference.forms import CommuneField
from marketplace.reference.services import province_choices

_required = DataRequired(message=_l("This field is required."))


class CheckoutForm(Form):
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
    commune_id = CommuneField(_l("Commune or ward"), validators=[_required])
    street = StringField(
        _l("Street address"),
        validators=[_required, Length(max=255)],
        description=_l("House number, street or hamlet (thôn, bản)"),
    )
    note = TextAreaField(_l("Note for the sellers (optional)"), validators=[Length(max=500)])

    def load_choices(self) -> None:
        self.province_id.choices = province_choices()
        self.commune_id.load_for(self.province_id)


class LookupForm(Form):
    code = StringField(_l("Order code"), validators=[_required, Length(max=20)])
    phone = TelField(_l("Mobile number used for the order"), validators=[_required, vn_mobile])


class OrderActionForm(Form):
    reason = TextAreaField(_l("Reason (the buyer will read it)"), validators=[Length(max=1000)])
    amount = MoneyField(
        _l("Amount to refund (đồng)"),
        validators=[Optional()],
        min=1,
        max=10**12,
        description=_l("Leave empty to refund the rest of the order."),
    )
