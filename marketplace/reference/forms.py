"""Form fields for reference data."""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms import SelectField
from wtforms.validators import StopValidation

from marketplace.reference.services import commune_choices


class CommuneField(SelectField):
    """A commune of the province chosen in the same form.

    Only that province's communes are offered, so a page never carries all 3,321 (a small script
    swaps them when the province changes). A commune of another province, as sent when the
    province was changed without JavaScript, is refused with a message naming the province.
    """

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("coerce", int)
        super().__init__(label, validators, **kwargs)
        self.province_name: str | None = None

    def load_for(self, province: SelectField) -> None:
        """Offer the communes of the province the form holds (call after its choices are set)."""
        chosen = next((c for c in province.choices if c.value and c.value == province.data), None)
        self.province_name = str(chosen.label) if chosen else None
        self.choices = commune_choices(chosen.value if chosen else None)

    def pre_validate(self, form) -> None:
        self.errors.clear()  # "could not coerce" says less than the messages below
        if self.province_name is None:
            raise StopValidation(_("Choose a province first."))
        if not self.data or not any(c.value == self.data for c in self.choices):
            raise StopValidation(
                _("Choose a commune in %(province)s.", province=self.province_name)
            )
