"""Forms for the analysis pages: the codebook, recoding, filters, concerns, settings."""

from __future__ import annotations

from collections.abc import Sequence

from wtforms import (
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from forms.base import Form, required_choices, required_text
from forms.widgets import CheckboxesInput, RadioInput, Select, TextArea, TextInput

SENTIMENT_CHOICES = [
    ("positive", "Positive"),
    ("neutral", "Neutral or mixed"),
    ("negative", "Negative"),
    ("not scored", "Not scored"),
]
CONFIDENCE_CHOICES = [
    ("1.0", "Only phrase matches from the codebook"),
    ("0.9", "90% sure or more"),
    ("0.75", "75% sure or more"),
    ("0.5", "50% sure or more"),
]


class ThemeForm(Form):
    name = required_text("Theme name", "Enter a name for the theme", 120)
    description = TextAreaField(
        "What the theme means",
        widget=TextArea(),
        description="So that everyone codes answers the same way.",
        validators=[Length(max=1000, message="Description must be 1000 characters or fewer")],
    )
    priorities = SelectMultipleField("Partnership priorities", widget=CheckboxesInput())


def theme_form(languages: Sequence[tuple[str, str]], **kwargs: object) -> ThemeForm:
    """A theme form with a box of phrases for each of the consultation's languages."""

    class Form(ThemeForm):
        pass

    for code, name in languages:
        setattr(
            Form,
            f"phrases_{code}",
            TextAreaField(
                f"Phrases in {name}, one on each line",
                widget=TextArea(),
                description="Whole words; end a word with * for any ending, like bull*.",
                validators=[Length(max=4000, message="Use fewer phrases")],
            ),
        )
    return Form(**kwargs)  # type: ignore[arg-type]


class MergeForm(Form):
    target = RadioField(
        "Merge into", widget=RadioInput(), validators=[InputRequired("Choose a theme")]
    )


class SplitForm(Form):
    name = required_text("Name of the new theme", "Enter a name for the new theme", 120)
    phrases = required_choices(
        "Phrases that move to the new theme", "Choose the phrases that belong to the new theme"
    )


class RecodeForm(Form):
    themes = SelectMultipleField("Themes in this answer", widget=CheckboxesInput())
    sentiment = RadioField(
        "Sentiment",
        widget=RadioInput(),
        choices=[],
        validators=[InputRequired("Choose a sentiment")],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.sentiment.choices = SENTIMENT_CHOICES


class ConfirmSuggestionsForm(Form):
    theme = SelectField("Theme", widget=Select(), validators=[InputRequired("Choose a theme")])
    at_least = RadioField(
        "Confirm suggestions that are",
        widget=RadioInput(),
        choices=[],
        validators=[InputRequired("Choose how sure the suggestions must be")],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.at_least.choices = CONFIDENCE_CHOICES


class FiltersForm(Form):
    """Read from the query string: a filter changes nothing, so it needs no token."""

    class Meta:
        csrf = False

    age_band = SelectField("Age band", widget=Select(), validators=[Optional()])
    language = SelectField("Language answered in", widget=Select(), validators=[Optional()])
    month_from = SelectField("From", widget=Select(), validators=[Optional()])
    month_to = SelectField("To", widget=Select(), validators=[Optional()])


class ConcernReviewForm(Form):
    outcome = RadioField(
        "What was done",
        widget=RadioInput(),
        validators=[InputRequired("Choose what was done")],
    )
    note = TextAreaField(
        "Note (optional)",
        widget=TextArea(),
        description="Do not write anything that could identify the young person.",
        validators=[Length(max=1000, message="Note must be 1000 characters or fewer")],
    )


class PriorityForm(Form):
    name = required_text("Priority", "Enter the priority", 120)
    description = TextAreaField(
        "Description (optional)", widget=TextArea(), validators=[Length(max=1000)]
    )


class AnalysisSettingsForm(Form):
    local_names = TextAreaField(
        "School and place names to take out of answers, one on each line",
        widget=TextArea(),
        description="For example, Oakwood Academy or Meadow Estate.",
        validators=[Length(max=20000, message="Use fewer names")],
    )
    retain_original_days = IntegerField(
        "Days to keep original answers",
        widget=TextInput(),
        description="After this, only the redacted text is kept.",
        validators=[
            InputRequired("Enter the number of days"),
            NumberRange(1, 3650, "Enter a number of days from 1 to 3650"),
        ],
    )


class ConcernFilterForm(Form):
    """Which flagged responses to list, read from the query string."""

    class Meta:
        csrf = False

    reason = SelectField("Why flagged", widget=Select(), validate_choice=False)
    outcome = SelectField("Outcome", widget=Select(), validate_choice=False)
    reviewer = SelectField("Reviewed by", widget=Select(), validate_choice=False)

    def chosen(self, field: SelectField) -> str:
        """The field's value if it is one of its choices, else "" (all)."""
        return field.data if field.data in {value for value, _label in field.choices} else ""
