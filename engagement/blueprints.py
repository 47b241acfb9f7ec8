"""Every blueprint, registered in one place.

The staff areas nest under the staff blueprint, so its URL prefix, sign-in check and
download log apply to all of them; their endpoints read ``staff.<area>.<view>``.
"""

from flask import Flask

from engagement.accounts.views import bp as accounts
from engagement.consultations.views import bp as consultations
from engagement.main import bp as main
from engagement.respond import bp as respond
from engagement.results.views import bp as results
from engagement.section11.views import bp as section11
from engagement.section11.views.practitioner_survey import bp as practitioner_survey
from engagement.staff import bp as staff
from engagement.themes.views import bp as themes
from engagement.training.evaluation_blueprint import bp as training_evaluation
from engagement.training.views import bp as training
from engagement.yearly_report.views import bp as yearly_report
from engagement.you_said.views import bp as you_said

for area in (
    accounts,
    consultations,
    themes,
    results,
    section11,
    training,
    you_said,
    yearly_report,
):
    staff.register_blueprint(area)


def register(app: Flask) -> None:
    for blueprint in (main, respond, practitioner_survey, training_evaluation, staff):
        app.register_blueprint(blueprint)
