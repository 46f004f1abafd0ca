"""dbt's events, with the debug events that no log records dropped before they are formatted.

dbt fires a debug event for every SQL statement it sends (the statement's full text, then its
status), for every connection it opens, names and closes, and for every file it writes. Each
event is turned into a protobuf message and then, for each log (the console and
logs/dbt.log), formatted into a line - the secrets scrubbed out of its text by a pass over the
environment - before Python's logging drops it because the log records info and above. At
L's month N+1 that is about 5 s of Python on the two dbt threads, which hold the interpreter
lock while they do it (DECISIONLOG C-018).

Here an event at the debug (or test) level is dropped at once when no log would record it:
every log's Python logger is above debug (or there is none) and the only callback is dbt's
own behaviour-change tracker, which acts on BehaviorChangeEvent alone. Every other event goes
through dbt's own path unchanged, so the logs hold the same lines; DBT_LOG_LEVEL_FILE=debug
(or --debug) brings back every debug line, because its log then records debug.
"""

from __future__ import annotations

import logging
from typing import Any

from dbt.tracking import track_behavior_change_warn
from dbt_common.events.base_types import BaseEvent, EventLevel
from dbt_common.events.event_manager import EventManager
from dbt_common.events.logger import _Logger

_dbt_fire_event = EventManager.fire_event

DEBUG_LEVELS = (EventLevel.DEBUG, EventLevel.TEST)


def log_records_debug(log: _Logger) -> bool:
    """Whether this log writes a debug line anywhere (a log without a Python logger writes nothing)."""
    python_logger = log._python_logger
    return python_logger is not None and python_logger.isEnabledFor(logging.DEBUG)


def is_unrecorded(manager: EventManager, event: BaseEvent, level: EventLevel | None, force_warn_or_error_handling: bool) -> bool:
    """A debug event that no log records and no callback reads (dbt's behaviour-change tracker ignores it)."""
    return (
        not force_warn_or_error_handling
        and (level or event.level_tag()) in DEBUG_LEVELS
        and not any(log_records_debug(log) for log in manager.loggers)
        and all(callback is track_behavior_change_warn for callback in manager.callbacks)
    )


def fire_recorded_event(
    self: EventManager,
    e: BaseEvent,
    level: EventLevel | None = None,
    node: Any = None,
    force_warn_or_error_handling: bool = False,
) -> None:
    """EventManager.fire_event, returning at once for a debug event that nothing records."""
    if is_unrecorded(self, e, level, force_warn_or_error_handling):
        return
    _dbt_fire_event(self, e, level=level, node=node, force_warn_or_error_handling=force_warn_or_error_handling)


def drop_unrecorded_debug_events() -> None:
    """Install fire_recorded_event as dbt's EventManager.fire_event."""
    EventManager.fire_event = fire_recorded_event
