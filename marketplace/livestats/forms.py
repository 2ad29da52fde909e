from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional, ValidationError

from marketplace.forms import Form, parse_whole_number
from marketplace.livestats.platform import FIGURE_LABELS, MAX_DIGITS


class WholeNumberField(StringField):
    """An optional whole number ≥ 0 ("1.500" is 1500, as people write it); ``data`` is an int
    or None when left empty."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {}).update(inputmode="numeric", autocomplete="off")
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist) -> None:
        self.data = None
        raw = str(valuelist[0]).strip() if valuelist else ""
        if not raw:
            return
        self.data = parse_whole_number(raw, MAX_DIGITS)
        if self.data is None:
            raise ValueError(_l("Enter a whole number of 0 or more, e.g. 1.500."))

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


class PlatformFiguresForm(Form):
    views = WholeNumberField(FIGURE_LABELS["views"])
    peak_viewers = WholeNumberField(FIGURE_LABELS["peak_viewers"])
    likes = WholeNumberField(FIGURE_LABELS["likes"])
    comments = WholeNumberField(FIGURE_LABELS["comments"])
    shares = WholeNumberField(FIGURE_LABELS["shares"])
    orders = WholeNumberField(FIGURE_LABELS["orders"])


class PlatformImportForm(Form):
    file = FileField(
        _l("CSV file"),
        description=_l("UTF-8, with the header row shown above; at most 64 KB."),
        validators=[FileRequired(_l("Choose a CSV file to import."))],
    )


class OverviewFilterForm(Form):
    """The admins' overview filters, read from the query string (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    province = SelectField(_l("Province"), coerce=int, default=0)
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date is before the start date."))
