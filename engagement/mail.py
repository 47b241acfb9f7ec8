"""Email to staff (invitations and password resets), over SMTP set by the environment.

With no MAIL_SERVER, emails are written to the log instead (development). Emails
carry links, never response content.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger("engagement.mail")


def send(to: str, subject: str, body: str, respondent: bool = False) -> None:
    """Send one email. A ``respondent``'s address (a practitioner's, for a reminder) is
    never written to the log, even where there is no mail server."""
    config = current_app.config
    outbox = current_app.extensions.get("outbox")
    if outbox is not None:  # tests
        outbox.append({"to": to, "subject": subject, "body": body})
        return
    if not config.get("MAIL_SERVER"):
        shown = "[a respondent's address]" if respondent else to
        log.info("Email (not sent: no MAIL_SERVER) to %s\nSubject: %s\n\n%s", shown, subject, body)
        return
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(config["MAIL_SERVER"], int(config.get("MAIL_PORT", 587)), timeout=10) as smtp:
        if config.get("MAIL_USE_TLS", True):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
