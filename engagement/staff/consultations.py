"""Staff pages about consultations: the list, monitoring, settings and sharing."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_login import current_user
from markupsafe import Markup

from analysis import charts
from analysis.counts import percentage, shares, shown
from engagement.i18n import BY_CODE
from engagement.models import Consultation
from engagement.services import consultation_admin, monitoring, sharing
from engagement.staff import bp
from engagement.staff.policy import requires
from forms.staff import SettingsForm


def _consultation(consultation_id: str) -> Consultation:
    """The consultation, if it belongs to the signed-in user's partnership."""
    found = consultation_admin.get(current_user.partnership_id, consultation_id)
    if found is None:
        abort(404)
    return found


@bp.route("/consultations")
@requires("consultations.view")
def consultation_list() -> ResponseReturnValue:
    """The partnership's consultations."""
    return render_template(
        "staff/consultation_list.html",
        rows=consultation_admin.listing(current_user.partnership_id),
        shown=shown,
    )


@bp.route("/consultations/<consultation_id>")
@requires("consultations.view")
def consultation_detail(consultation_id: str) -> ResponseReturnValue:
    """How the consultation is going: counts only, small ones withheld."""
    consultation = _consultation(consultation_id)
    figures = monitoring.for_consultation(consultation)
    return render_template(
        "staff/consultation_detail.html",
        consultation=consultation,
        figures=figures,
        shown=shown,
        completion=percentage(figures.responses, figures.started),
        shares=shares,
    )


@bp.route("/consultations/<consultation_id>/responses-per-day.svg")
@requires("consultations.view")
def consultation_chart(consultation_id: str) -> ResponseReturnValue:
    consultation = _consultation(consultation_id)
    figures = monitoring.for_consultation(consultation)
    svg = charts.responses_per_day(figures.per_day, "Responses per day")
    return Response(svg, mimetype="image/svg+xml")


@bp.route("/consultations/<consultation_id>/settings", methods=["GET", "POST"])
@requires("consultations.manage")
def consultation_settings(consultation_id: str) -> ResponseReturnValue:
    """Opening and closing dates, and a cap on the number of answers."""
    consultation = _consultation(consultation_id)
    form = SettingsForm(obj=consultation) if request.method == "GET" else SettingsForm()
    if form.validate_on_submit() and form.opens_on.data and form.closes_on.data:
        consultation_admin.update_settings(
            current_user, consultation.id, form.opens_on.data, form.closes_on.data,
            form.response_cap.data,
        )  # fmt: skip
        flash("Settings saved")
        return redirect(url_for(".consultation_detail", consultation_id=consultation.id))
    return render_template("staff/consultation_settings.html", consultation=consultation, form=form)


@bp.route("/consultations/<consultation_id>/share")
@requires("consultations.view")
def consultation_share(consultation_id: str) -> ResponseReturnValue:
    """The link, QR codes and posters to share with young people."""
    consultation = _consultation(consultation_id)
    languages = [BY_CODE[code] for code in consultation_admin.content_languages(consultation)]
    return render_template(
        "staff/consultation_share.html",
        consultation=consultation,
        link=sharing.public_link(consultation),
        languages=languages,
    )


@bp.route("/consultations/<consultation_id>/qr.<kind>")
@requires("consultations.view")
def consultation_qr(consultation_id: str, kind: str) -> ResponseReturnValue:
    consultation = _consultation(consultation_id)
    link = sharing.public_link(consultation, request.args.get("lang"))
    if kind == "svg":
        body, mimetype = sharing.qr_svg(link, title="QR code"), "image/svg+xml"
    elif kind == "png":
        body, mimetype = sharing.qr_png(link), "image/png"
    else:
        abort(404)
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{consultation.slug}-qr.{kind}"'
    )
    return response


@bp.route("/consultations/<consultation_id>/poster/<lang>")
@requires("consultations.view")
def consultation_poster(consultation_id: str, lang: str) -> ResponseReturnValue:
    """A printable A4 poster with the QR code, in one language."""
    consultation = _consultation(consultation_id)
    if lang not in consultation_admin.content_languages(consultation):
        abort(404)
    link = sharing.public_link(consultation, lang)
    qr = Markup(sharing.qr_svg_inline(link, scale=10, title="QR code"))
    with force_locale(lang):  # the poster in its language; the page around it in English
        poster = Markup(
            render_template(
                "staff/poster.html",
                consultation=consultation,
                poster_language=BY_CODE[lang],
                link=link,
                qr=qr,
            )
        )
    return render_template(
        "staff/consultation_poster.html",
        consultation=consultation,
        poster=poster,
        poster_title=consultation.title.get(lang) or consultation.title.get("en"),
    )
