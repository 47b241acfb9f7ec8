"""The background worker: a separate process that does queued analysis runs and the
second look at new written answers, so the web workers that serve young people never do
analysis work.

``flask --app engagement analysis-worker`` runs it; ``make run`` starts one.
"""

from __future__ import annotations

import logging
import signal
import time
from types import FrameType

from flask import current_app

from engagement.themes import discoveries, second_look
from engagement.themes import runs as analysis_runs
from engagement.themes import work as analysis_work

log = logging.getLogger(__name__)


def run_worker(once: bool = False, interval: float = 2.0) -> None:
    stopping = False

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with app.app_context():
        analysis_runs.requeue_interrupted()
        discoveries.requeue_interrupted()
    log.info("analysis worker started")
    while not stopping:
        with app.app_context():
            done = analysis_work.process_pending()
            looked = second_look.process_pending()
        if done:
            log.info("analysis runs done: %d", done)
        if once:
            return
        if looked < second_look.BATCH:  # else more are waiting: carry straight on
            time.sleep(interval)
