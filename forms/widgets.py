"""GOV.UK widgets with our fix-ups, so every form gets them from one place."""

from flask_babel import gettext
from govuk_frontend_wtf import wtforms_widgets as gov


class _HouseParams:
    """Translate the hidden "Error:" prefix and drop empty hints."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)  # type: ignore[misc]
        if "errorMessage" in params:
            params["errorMessage"]["visuallyHiddenText"] = gettext("Error")
        hint = params.get("hint")
        if hint is not None and not hint.get("text") and not hint.get("html"):
            params["hint"] = None
        return params


class RadioInput(_HouseParams, gov.GovRadioInput):
    pass


class CheckboxesInput(_HouseParams, gov.GovCheckboxesInput):
    pass


class CheckboxInput(_HouseParams, gov.GovCheckboxInput):
    pass


class TextArea(_HouseParams, gov.GovTextArea):
    pass


class CharacterCount(_HouseParams, gov.GovCharacterCount):
    pass


class TextInput(_HouseParams, gov.GovTextInput):
    pass


class Select(_HouseParams, gov.GovSelect):
    pass
