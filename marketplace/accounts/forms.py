from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, TelField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from marketplace.accounts.services import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, parse_phone
from marketplace.errors import DomainError
from marketplace.forms import Form
from marketplace.i18n import LANGUAGE_CHOICES

_password_length = Length(
    min=PASSWORD_MIN_LENGTH,
    max=PASSWORD_MAX_LENGTH,
    message=_l(
        "Password must be %(min)s to %(max)s characters long.",
        min=PASSWORD_MIN_LENGTH,
        max=PASSWORD_MAX_LENGTH,
    ),
)
_required = DataRequired(message=_l("This field is required."))


def vn_mobile(form, field) -> None:
    """Check the number with the form's other fields, so every error shows at once."""
    if field.data and field.data.strip():
        try:
            parse_phone(field.data)
        except DomainError as exc:
            raise ValidationError(exc.message) from exc


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class RegisterForm(Form):
    full_name = StringField(_l("Full name"), validators=[_required, Length(max=120)])
    email = EmailField(
        _l("Email"),
        filters=[_strip],
        validators=[
            _required,
            Length(max=254),
            Email(message=_l("Enter a valid email address."), check_deliverability=False),
        ],
    )
    phone = TelField(
        _l("Mobile number (optional)"),
        validators=[Optional(), Length(max=20), vn_mobile],
        description=_l("Vietnamese mobile, for example 0912 345 678"),
    )
    password = PasswordField(_l("Password"), validators=[_required, _password_length])
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[_required, EqualTo("password", message=_l("The passwords do not match."))],
    )


class LoginForm(Form):
    identifier = StringField(_l("Email or mobile number"), validators=[_required, Length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[_required, Length(max=PASSWORD_MAX_LENGTH)]
    )
    remember = BooleanField(_l("Keep me logged in on this device"))


class ProfileForm(Form):
    full_name = StringField(_l("Full name"), validators=[_required, Length(max=120)])
    phone = TelField(_l("Mobile number"), validators=[Optional(), Length(max=20), vn_mobile])
    preferred_language = SelectField(
        _l("Language"),
        choices=[SelectChoice(code, label) for code, label in LANGUAGE_CHOICES],
    )


class ChangePasswordForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[_required])
    new_password = PasswordField(_l("New password"), validators=[_required, _password_length])
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[
            _required,
            EqualTo("new_password", message=_l("The passwords do not match.")),
        ],
    )


class ForgotPasswordForm(Form):
    identifier = StringField(_l("Email or mobile number"), validators=[_required, Length(max=254)])


class ResetPasswordForm(Form):
    password = PasswordField(_l("New password"), validators=[_required, _password_length])
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[_required, EqualTo("password", message=_l("The passwords do not match."))],
    )
