"""Background tasks (django.tasks): the thread backend, and what a job's owner asks the queue.

Production queues tasks in the database (django-tasks-db's DatabaseBackend, settings `TASKS`):
`manage.py db_worker` runs them, so a job survives a restart of the web server and any machine
sharing the database can run it. That worker records no heartbeat: a worker killed mid-task
leaves its result RUNNING for ever. The task's owner knows better (a job records its own
progress), so it asks `hasil_tugas` whether a silent job is still waiting in the queue, and
marks a dead one failed with `tandai_mati`.

`LatarBackend` needs no worker process: it runs each task in a daemon thread of the web process
once the enqueuing transaction commits (the task then sees the rows the request wrote). A task
then lives only as long as its process; a web server restarting its workers drops it.
"""

from __future__ import annotations

import threading

from django.db import close_old_connections, connections, transaction
from django.tasks import Task, TaskResult, TaskResultStatus
from django.tasks.backends.immediate import ImmediateBackend
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone
from django_tasks_db import DatabaseBackend


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


class PekerjaHilang(Exception):
    """The worker running a task stopped without recording how the task ended."""


def hasil_tugas(tugas: Task, hasil_id: str) -> TaskResult | None:
    """Return the stored result of one enqueued task, or None if the backend keeps none."""
    backend = tugas.get_backend()
    if not hasil_id or not backend.supports_get_result:
        return None
    try:
        return backend.get_result(hasil_id)
    except TaskResultDoesNotExist:
        return None  # pruned (prune_db_task_results), or queued by another backend


def tandai_mati(tugas: Task, hasil_id: str, alasan: str) -> None:
    """Mark a RUNNING task result whose worker died as failed (database backend only)."""
    if not hasil_id or not isinstance(tugas.get_backend(), DatabaseBackend):
        return
    from django_tasks_db.models import DBTaskResult  # models load once the apps are ready

    # Only while RUNNING: a worker that was merely slow may have finished in the meantime.
    DBTaskResult.objects.filter(id=hasil_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=f"{PekerjaHilang.__module__}.{PekerjaHilang.__qualname__}",
        traceback=alasan,
    )
