"""Staff pages about consultations: the list, monitoring, settings and sharing."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from analysis import charts
from analysis.counts import percentage, shares, shown
from engagement.consultations import admin as consultation_admin
from engagement.consultations import monitoring, posters, sharing
from engagement.consultations import text as consultation_text_service
from engagement.consultations.blueprint import bp
from engagement.downloads import as_attachment, attachment
from engagement.i18n import BY_CODE, LANGUAGES
from engagement.models import Consultation
from engagement.public_urls import public_url
from engagement.staff.loading import own
from engagement.staff.policy import check, requires
from forms.base import HIDDEN_CHARACTER, TYPED, clean_formdata
from forms.staff import ConfirmForm, ImportForm, SettingsForm


@bp.route("/consultations")
@requires("consultations.view")
def consultation_list() -> ResponseReturnValue:
    """The partnership's consultations."""
    return render_template(
        "consultations/list.html",
        rows=consultation_admin.listing(current_user.partnership_id),
        shown=shown,
    )


@bp.route("/consultations/<consultation_id>")
@requires("consultations.view")
def consultation_detail(consultation_id: str) -> ResponseReturnValue:
    """How the consultation is going: counts only, small ones withheld."""
    consultation = own(consultation_admin.get, consultation_id)
    figures = monitoring.for_consultation(consultation)
    return render_template(
        "consultations/detail.html",
        consultation=consultation,
        previous=consultation_admin.previous_round(consultation),
        figures=figures,
        shown=shown,
        completion=percentage(figures.responses, figures.started),
        shares=shares,
    )


@bp.route("/consultations/<consultation_id>/responses-per-day.svg")
@requires("consultations.view")
def consultation_chart(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    figures = monitoring.for_consultation(consultation)
    svg = charts.responses_per_day(figures.per_day, "Responses per day")
    return Response(svg, mimetype="image/svg+xml")


@bp.route("/consultations/<consultation_id>/settings", methods=["GET", "POST"])
@requires("consultations.manage")
def consultation_settings(consultation_id: str) -> ResponseReturnValue:
    """Opening and closing dates, and a cap on the number of answers."""
    consultation = own(consultation_admin.get, consultation_id)
    form = SettingsForm(obj=consultation) if request.method == "GET" else SettingsForm()
    if form.validate_on_submit() and form.opens_on.data and form.closes_on.data:
        consultation_admin.update_settings(
            current_user, consultation.id, form.opens_on.data, form.closes_on.data,
            form.response_cap.data,
        )  # fmt: skip
        flash("Settings saved")
        return redirect(url_for(".consultation_detail", consultation_id=consultation.id))
    return render_template("consultations/settings.html", consultation=consultation, form=form)


def _public_link(consultation: Consultation, lang: str | None = None) -> str:
    """The address young people open to take part, in a language if not English."""
    return public_url("respond.start", slug=consultation.slug, lang=lang if lang != "en" else None)


@bp.route("/consultations/<consultation_id>/share")
@requires("consultations.view")
def consultation_share(consultation_id: str) -> ResponseReturnValue:
    """The link, QR codes and posters to share with young people."""
    consultation = own(consultation_admin.get, consultation_id)
    languages = [BY_CODE[code] for code in consultation_admin.content_languages(consultation)]
    return render_template(
        "consultations/share.html",
        consultation=consultation,
        link=_public_link(consultation),
        languages=languages,
    )


@bp.route("/consultations/<consultation_id>/qr.<kind>")
@requires("consultations.view")
def consultation_qr(consultation_id: str, kind: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    link = _public_link(consultation, request.args.get("lang"))
    if kind == "svg":
        body, mimetype = sharing.qr_svg(link, title="QR code"), "image/svg+xml"
    elif kind == "png":
        body, mimetype = sharing.qr_png(link), "image/png"
    else:
        abort(404)
    response = Response(body, mimetype=mimetype)
    if kind == "png" or request.args.get("download"):  # the share page shows the SVG itself
        as_attachment(response, f"{consultation.slug}-qr.{kind}")
    return response


@bp.route("/consultations/<consultation_id>/poster/<lang>")
@requires("consultations.view")
def consultation_poster(consultation_id: str, lang: str) -> ResponseReturnValue:
    """A printable A4 poster with the QR code, in one language."""
    consultation = own(consultation_admin.get, consultation_id)
    if lang not in consultation_admin.content_languages(consultation):
        abort(404)
    link = _public_link(consultation, lang)
    poster = posters.poster("staff/poster.html", consultation, lang, link)
    return render_template(
        "consultations/poster.html",
        consultation=consultation,
        poster=poster,
        poster_title=consultation.title.get(lang) or consultation.title.get("en"),
    )


@bp.route("/consultations/<consultation_id>/text")
@requires("consultations.view")
def consultation_text(consultation_id: str) -> ResponseReturnValue:
    """How complete each language is, with files for translators."""
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "consultations/text.html",
        consultation=consultation,
        completeness=consultation_text_service.completeness(consultation),
        languages=LANGUAGES,
    )


@bp.route("/consultations/<consultation_id>/text/<lang>", methods=["GET", "POST"])
@requires("consultations.view")
def consultation_translate(consultation_id: str, lang: str) -> ResponseReturnValue:
    """English beside the chosen language, every text of the consultation."""
    consultation = own(consultation_admin.get, consultation_id)
    if lang not in BY_CODE:
        abort(404)
    form = ConfirmForm()
    problems: dict[str, str] = {}
    # The texts are cleaned as every form's are (forms.base): a hidden character is taken
    # out, and the text shown again with a message, so nothing is saved until it is checked.
    sent = {key: value for key, value in request.form.items() if key.startswith("t:")}
    submitted, refused = clean_formdata(MultiDict(sent), dict.fromkeys(sent, TYPED))
    if request.method == "POST":
        check("consultations.manage", None)
        if form.validate_on_submit():
            problems = {key.removeprefix("t:"): HIDDEN_CHARACTER for key in refused}
            texts = {key.removeprefix("t:"): value for key, value in submitted.items()}
            problems = problems or consultation_text_service.save(
                current_user, consultation.id, lang, texts, source="editor"
            )
            if not problems:
                flash(f"{BY_CODE[lang].english_name} text saved")
                return redirect(url_for(".consultation_text", consultation_id=consultation.id))
    items = consultation_text_service.items(consultation)
    return render_template(
        "consultations/translate.html",
        consultation=consultation,
        text_language=BY_CODE[lang],
        items=items,
        has_errors=bool(problems),
        problems=problems,
        submitted=submitted if problems else None,
        form=form,
    )


@bp.route("/consultations/<consultation_id>/text/<lang>.<kind>")
@requires("consultations.view")
def consultation_text_file(consultation_id: str, lang: str, kind: str) -> ResponseReturnValue:
    """The consultation's text as a PO or XLIFF file for translators."""
    consultation = own(consultation_admin.get, consultation_id)
    if lang not in BY_CODE or kind not in ("po", "xliff"):
        abort(404)
    if kind == "po":
        body, mimetype = (
            consultation_text_service.export_po(consultation, lang),
            "text/x-gettext-translation",
        )
    else:
        body, mimetype = (
            consultation_text_service.export_xliff(consultation, lang),
            "application/xliff+xml",
        )
    return attachment(body, mimetype, f"{consultation.slug}-{lang}.{kind}")


@bp.route("/consultations/<consultation_id>/text/<lang>/import", methods=["GET", "POST"])
@requires("consultations.manage")
def consultation_text_import(consultation_id: str, lang: str) -> ResponseReturnValue:
    """Bring back a translated PO or XLIFF file: all of it, or nothing if anything is wrong."""
    consultation = own(consultation_admin.get, consultation_id)
    if lang not in BY_CODE:
        abort(404)
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        problems = consultation_text_service.import_file(
            current_user, consultation.id, lang, upload.read(), upload.filename or ""
        )
        if not problems:
            flash(f"{BY_CODE[lang].english_name} text imported")
            return redirect(url_for(".consultation_text", consultation_id=consultation.id))
        form.file.errors = problems
    return render_template(
        "consultations/text_import.html",
        consultation=consultation,
        text_language=BY_CODE[lang],
        form=form,
    )


@bp.route("/consultations/<consultation_id>/text-history")
@requires("consultations.view")
def consultation_text_history(consultation_id: str) -> ResponseReturnValue:
    """Every change to the consultation's text: who, when, from what, to what."""
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "consultations/text_history.html",
        consultation=consultation,
        edits=consultation_text_service.history(consultation.id),
        languages=BY_CODE,
    )
