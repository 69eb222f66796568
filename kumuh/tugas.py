"""A django.tasks backend that runs each task in a background thread of the web process.

Django 6.1 ships only the Immediate (blocks the request) and Dummy (never runs) backends. A
long render (the Buku Profil of a hundred lokasi) must not block the request, and the
application must run with one command and no broker, so tasks run in a daemon thread started
once the enqueuing transaction commits (the task then sees the rows the request wrote).

Limits, by design: a task lives only as long as its process; a web server restarting its
workers drops running tasks. The task records its own progress in the database, so the page
shows a job whose progress stopped as interrupted and the user can start it again. A
deployment that needs durable queues swaps in another backend through `TASKS` in the settings.
"""

from __future__ import annotations

import threading

from django.db import close_old_connections, connections, transaction
from django.tasks.backends.immediate import ImmediateBackend


class LatarBackend(ImmediateBackend):
    """Like ImmediateBackend, but the task runs in a thread after the transaction commits."""

    def _execute_task(self, task_result):
        def jalankan() -> None:
            close_old_connections()
            try:
                ImmediateBackend._execute_task(self, task_result)
            finally:
                # The thread's own connections would otherwise stay open until the GC.
                connections.close_all()

        def mulai() -> None:
            threading.Thread(target=jalankan, name=f"tugas-{task_result.id}", daemon=True).start()

        transaction.on_commit(mulai, robust=True)
