"""A printable A4 poster with a QR code of a public page, drawn in the poster's language
(the staff page around it stays in English)."""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup

from engagement.consultations import sharing
from engagement.i18n import BY_CODE
from engagement.models import Consultation


def poster(template: str, consultation: Consultation, lang: str, link: str) -> Markup:
    qr = Markup(sharing.qr_svg_inline(link, scale=10, title="QR code"))
    with force_locale(lang):
        return Markup(
            render_template(
                template,
                consultation=consultation,
                poster_language=BY_CODE[lang],
                link=link,
                qr=qr,
            )
        )
