"""Gunicorn settings that keep the anonymity promise.

Gunicorn's access log would record each client's address, user agent and
referrer, so it stays off: the app logs its own request lines without them.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:5000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = None
errorlog = "-"
loglevel = "info"
forwarded_allow_ips = ""
proxy_protocol = False
timeout = 30
graceful_timeout = 10
