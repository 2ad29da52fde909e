"""Forms of the livestreams package: booking a session, deciding, cancelling, studios."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.forms import Form, MoneyField
from marketplace.livestreams.booking import MAX_FEATURED, FeaturedProduct, SessionDetails
from marketplace.livestreams.models import Platform
from marketplace.livestreams.times import local_to_utc
from marketplace.reference.forms import CommuneField
from marketplace.reference.services import province_choices

_required = DataRequired(message=_l("This field is required."))
MAX_LIVE_PRICE = 1_000_000_000
MAX_PER_BUYER = 999


def _optional_id(value):
    """A select's id, or None for "none chosen"."""
    if value in (None, "", "None"):
        return None
    return int(value)


def _plausible_date(field) -> None:
    if field.data is not None and not 2000 <= field.data.year <= 2100:
        raise ValidationError(_l("Enter a date between 2000 and 2100."))


class CheckboxListField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SessionForm(Form):
    """Build it with ``session_form(products, studios)``: each product of the stall gets its
    own live price and limit fields (``live_price_<id>``, ``per_buyer_limit_<id>``)."""

    title = StringField(_l("Title"), validators=[_required, Length(max=120)])
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=2000)],
        description=_l("What you will show and sell, and any offer for viewers."),
    )
    platform = SelectField(_l("Platform"), validators=[_required])
    stream_url = URLField(
        _l("Link of the live or room"),
        validators=[_required, Length(max=500)],
        description=_l(
            "The address of your channel or live on that platform, starting with https://."
        ),
    )
    starts_on = DateField(_l("Date"), validators=[_required])
    starts_time = TimeField(_l("Start time"), validators=[_required])
    ends_time = TimeField(_l("End time"), validators=[_required])
    ends_on = DateField(
        _l("End date"),
        validators=[Optional()],
        description=_l("Leave empty when the session ends on the same day."),
    )
    studio_id = SelectField(
        _l("Studio (optional)"),
        coerce=_optional_id,
        validate_choice=True,
        description=_l(
            "A shared place or channel of the Youth Union; the session must fit its hours."
        ),
    )
    products = CheckboxListField(
        _l("Featured products"), coerce=int, validate_choice=False, validators=[Optional()]
    )

    def validate_starts_on(self, field) -> None:
        _plausible_date(field)

    def validate_ends_on(self, field) -> None:
        _plausible_date(field)

    def load_choices(self, products, studios) -> None:
        self.platform.choices = [SelectChoice(p.value, p.label) for p in Platform]
        self.studio_id.choices = [SelectChoice("", _l("No studio"))] + [
            SelectChoice(s.id, f"{s.name} ({s.opens_at:%H:%M}–{s.closes_at:%H:%M})")
            for s in studios
        ]
        self.products.choices = [SelectChoice(p.id, p.name) for p in products]

    def featured(self) -> tuple[FeaturedProduct, ...]:
        def data(name):
            field = self._fields.get(name)
            return field.data if field is not None else None

        return tuple(
            FeaturedProduct(
                product_id=product_id,
                live_price=data(f"live_price_{product_id}"),
                per_buyer_limit=data(f"per_buyer_limit_{product_id}"),
            )
            for product_id in (self.products.data or [])
        )

    def details(self) -> SessionDetails:
        """The service's input: the Vietnam times as UTC instants."""
        starts_at = local_to_utc(self.starts_on.data, self.starts_time.data)
        ends_at = local_to_utc(self.ends_on.data or self.starts_on.data, self.ends_time.data)
        return SessionDetails(
            title=self.title.data or "",
            description=self.description.data or "",
            platform=Platform(self.platform.data),
            stream_url=self.stream_url.data or "",
            starts_at=starts_at,
            ends_at=ends_at,
            studio_id=self.studio_id.data,
            featured=self.featured(),
        )


def session_form(products, studios, **kwargs) -> SessionForm:
    """A SessionForm with a live price and a limit field per product of the stall."""

    class StallSessionForm(SessionForm):
        pass

    for product in products:
        setattr(
            StallSessionForm,
            f"live_price_{product.id}",
            MoneyField(_l("Live price"), validators=[Optional()], min=1, max=MAX_LIVE_PRICE),
        )
        setattr(
            StallSessionForm,
            f"per_buyer_limit_{product.id}",
            IntegerField(
                _l("Limit per buyer"),
                validators=[Optional(), NumberRange(min=1, max=MAX_PER_BUYER)],
                render_kw={"inputmode": "numeric"},
            ),
        )
    form = StallSessionForm(**kwargs)
    form.load_choices(products, studios)
    return form


class ReasonForm(Form):
    """An admin's decision, or an owner's cancellation: an optional (or required) reason."""

    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)])


WEEKDAY_LABELS = (
    SelectChoice("1", _l("Monday")),
    SelectChoice("2", _l("Tuesday")),
    SelectChoice("3", _l("Wednesday")),
    SelectChoice("4", _l("Thursday")),
    SelectChoice("5", _l("Friday")),
    SelectChoice("6", _l("Saturday")),
    SelectChoice("7", _l("Sunday")),
)


class StudioForm(Form):
    name = StringField(_l("Name"), validators=[_required, Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])
    province_id = SelectField(_l("Province"), coerce=int, validators=[_required])
    commune_id = CommuneField(_l("Commune or ward"), validators=[_required])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=255)])
    opens_at = TimeField(_l("Opens at"), validators=[_required])
    closes_at = TimeField(_l("Closes at"), validators=[_required])
    open_weekdays = CheckboxListField(
        _l("Open days"), choices=list(WEEKDAY_LABELS), validators=[Optional()]
    )

    def load_choices(self) -> None:
        self.province_id.choices = province_choices()
        self.commune_id.load_for(self.province_id)


__all__ = ["MAX_FEATURED", "ReasonForm", "SessionForm", "StudioForm", "session_form"]
