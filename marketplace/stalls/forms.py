from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField
from wtforms import SelectField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from marketplace.accounts.forms import vn_mobile
from marketplace.forms import Form
from marketplace.reference.forms import CommuneField
from marketplace.reference.services import bank_choices, province_choices

_required = DataRequired(message=_l("This field is required."))
PHOTO_TYPES = FileAllowed(["jpg", "jpeg", "png", "webp"], _l("Upload a JPEG, PNG or WebP photo."))


class StallForm(Form):
    name = StringField(_l("Stall name"), validators=[_required, Length(max=120)])
    story = TextAreaField(
        _l("Your story"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Who you are, where you grow or make things, what makes them special."),
    )
    province_id = SelectField(_l("Province"), coerce=int, validators=[_required])
    commune_id = CommuneField(_l("Commune or ward"), validators=[_required])
    pickup_address = StringField(
        _l("Pickup address"),
        validators=[_required, Length(max=255)],
        description=_l("Village, commune and province where orders are collected."),
    )
    contact_phone = TelField(_l("Contact phone"), validators=[_required, vn_mobile])
    zalo_phone = TelField(_l("Zalo number (optional)"), validators=[Optional(), vn_mobile])
    logo = FileField(_l("Logo (optional)"), validators=[Optional(), PHOTO_TYPES])
    bank_id = SelectField(_l("Bank"), coerce=int, validators=[_required])
    bank_account_number = StringField(_l("Account number"), validators=[_required, Length(max=24)])
    bank_account_name = StringField(
        _l("Account holder"),
        validators=[_required, Length(max=80)],
        description=_l("As the bank writes it: upper case, no accents, e.g. THAO THI MY."),
    )

    def load_choices(self) -> None:
        self.province_id.choices = province_choices()
        self.commune_id.load_for(self.province_id)
        self.bank_id.choices = bank_choices()


class DecisionForm(Form):
    reason = TextAreaField(
        _l("Reason (the owner will read it)"), validators=[Optional(), Length(max=2000)]
    )
