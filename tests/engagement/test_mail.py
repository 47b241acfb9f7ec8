"""Staff email really goes out over SMTP when MAIL_SERVER is set, and to the log when not."""

from __future__ import annotations

import logging
import socketserver
import threading

import pytest

from engagement import mail
from tests.conftest import make_app


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to receive one message."""

    def handle(self) -> None:
        self.wfile.write(b"220 test ready\r\n")
        data_mode, lines = False, []
        for raw in self.rfile:
            line = raw.decode().rstrip("\r\n")
            if data_mode:
                if line == ".":
                    data_mode = False
                    self.server.messages.append("\n".join(lines))  # type: ignore[attr-defined]
                    self.wfile.write(b"250 queued\r\n")
                else:
                    lines.append(line)
                continue
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250 test\r\n")
            elif verb == "DATA":
                data_mode = True
                self.wfile.write(b"354 go ahead\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.messages = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_email_is_sent_over_smtp(database_url, smtp_server):
    app = make_app(
        database_url,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.server_address[1],
        MAIL_USE_TLS=False,
        MAIL_FROM="partnership@example.org",
    )
    del app.extensions["outbox"]
    with app.app_context():
        mail.send("lead@example.org", "Reset your password", "Use this link: http://x/y")
    [message] = smtp_server.messages
    assert "To: lead@example.org" in message
    assert "Subject: Reset your password" in message
    assert "Use this link" in message
    app.extensions["engine"].dispose()


def test_without_a_mail_server_email_goes_to_the_log(database_url, caplog):
    app = make_app(database_url)
    del app.extensions["outbox"]
    caplog.set_level(logging.INFO, logger="engagement.mail")
    with app.app_context():
        mail.send("lead@example.org", "Invitation", "Use this link: http://x/z")
    assert "lead@example.org" in caplog.text and "http://x/z" in caplog.text
    app.extensions["engine"].dispose()
