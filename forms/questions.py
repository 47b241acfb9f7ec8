"""The form behind every question page.

The view describes the question with a ``QuestionSpec`` (plain values, already
in the respondent's language); the form checks the answer against it. Skipping
is always allowed: a blank answer is valid.
"""

from __future__ import annotations

from typing import Any

from wtforms import BooleanField, SelectMultipleField, StringField

from forms import messages
from forms.base import Form
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind, QuestionSpec


class QuestionForm(Form):
    """Answer to one question: ``answer`` holds chosen keys, ``text`` free text.

    Hidden characters are taken out and refused by ``Form`` (see ``forms.text``), and
    shown again without them, so one more press of Continue saves the answer.
    """

    hidden_character_message = messages.TEXT_HIDDEN_CHARACTERS

    answer = SelectMultipleField(choices=[], validate_choice=False)
    text = StringField()
    rather_not_say = BooleanField()

    def __init__(self, spec: QuestionSpec, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        spec = self.spec
        if spec.kind == QuestionKind.FREE_TEXT:
            return self._validate_text()
        chosen = self.answer.data or []
        if any(key not in spec.choice_keys for key in chosen):
            self.answer.errors.append(messages.CHOOSE_VALID)
            return False
        if spec.kind in QuestionKind.ONE_ANSWER and len(chosen) > 1:
            self.answer.errors.append(messages.CHOOSE_ONE)
            return False
        if RATHER_NOT_SAY in chosen and len(chosen) > 1:
            self.answer.errors.append(messages.RATHER_NOT_SAY_ALONE)
            return False
        limit = spec.max_choices
        if spec.kind in QuestionKind.SEVERAL_ANSWERS and limit and len(chosen) > limit:
            self.answer.errors.append(messages.CHOOSE_AT_MOST % {"count": limit})
            return False
        return True

    def _validate_text(self) -> bool:
        text = self.text.data or ""
        length = len(text.strip())
        if length > self.spec.text_limit:
            self.text.errors.append(
                messages.TEXT_TOO_LONG % {"count": self.spec.text_limit, "length": length}
            )
            return False
        if self.spec.rather_not_say and self.rather_not_say.data and text.strip():
            self.text.errors.append(messages.TEXT_AND_RATHER_NOT_SAY)
            return False
        return True

    def cleaned_answer(self) -> str | list[str] | None:
        """The answer to store, or None when the question was skipped."""
        spec = self.spec
        if spec.kind == QuestionKind.FREE_TEXT:
            if spec.rather_not_say and self.rather_not_say.data:
                return RATHER_NOT_SAY
            text = (self.text.data or "").strip().replace("\r\n", "\n")
            return text or None
        chosen = list(dict.fromkeys(self.answer.data or []))
        if not chosen:
            return None
        if spec.kind in QuestionKind.ONE_ANSWER:
            return chosen[0]
        order = [choice.key for choice in spec.choices] + [RATHER_NOT_SAY]
        return sorted(chosen, key=order.index)

    def show_answer(self, value: Any) -> None:
        """Fill the form from a saved answer, for a GET."""
        if self.spec.kind == QuestionKind.FREE_TEXT:
            if value == RATHER_NOT_SAY:
                self.rather_not_say.data = True
            else:
                self.text.data = value or ""
        elif isinstance(value, list):
            self.answer.data = value
        elif value:
            self.answer.data = [value]
