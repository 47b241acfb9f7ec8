"""Error messages, in GOV.UK style: say what went wrong and how to fix it."""

from flask_babel import lazy_gettext as _l

CHOOSE_ONE = _l("Choose one of the answers, or skip this question")
CHOOSE_VALID = _l("Choose from the answers on this page")
CHOOSE_AT_MOST = _l("Choose no more than %(count)d answers")
RATHER_NOT_SAY_ALONE = _l(
    "You chose \u201cI\u2019d rather not say\u201d and another answer. Choose one or the other"
)
TEXT_TOO_LONG = _l("Your answer must be %(count)d characters or fewer. You have %(length)d")
TEXT_HIDDEN_CHARACTERS = _l(
    "Your answer had a hidden character we cannot save, so we took it out. Check your answer and press \u201cContinue\u201d again"
)
TEXT_AND_RATHER_NOT_SAY = _l(
    "Write an answer or tick \u201cI\u2019d rather not say\u201d, not both"
)
ENTER_CODE = _l("Enter the code you were given when you saved your answers")
CODE_FORMAT = _l("The code should be 12 letters and numbers, like K7MP-3QXD-H4TN")
TOO_MANY_CODE_TRIES = _l(
    "A lot of codes have been tried in the last minute. Check your code, wait a minute, then try again. Your answers are still saved."
)
CHOOSE_AGE_BAND = _l("Choose how old you are")
CODE_NOT_FOUND = _l(
    "We could not find answers saved with that code. Check the code and try again. Codes stop working after 30 days"
)
