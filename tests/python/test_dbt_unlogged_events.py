"""The close's dbt drops a debug event only when no log records it and no callback reads it (DECISIONLOG C-018)."""

import io
import itertools
import re

import pytest
from dbt.adapters.events.types import SQLQuery
from dbt.tracking import track_behavior_change_warn
from dbt_common.events import event_manager as dbt_event_manager
from dbt_common.events.base_types import EventLevel
from dbt_common.events.event_manager import EventManager
from dbt_common.events.logger import LoggerConfig
from dbt_common.events.types import Note

from infra_accounting.dbt_unlogged_events import _dbt_fire_event, fire_recorded_event, is_unrecorded

_logger_numbers = itertools.count()


def _manager(log_level: EventLevel, callbacks=(track_behavior_change_warn,)) -> tuple[EventManager, io.StringIO]:
    """An event manager like dbt's command line sets up: one text log at log_level, dbt's tracker as callback."""
    stream = io.StringIO()
    manager = EventManager()
    manager.add_logger(LoggerConfig(name=f"unlogged-events-test-{next(_logger_numbers)}", level=log_level, output_stream=stream))
    manager.callbacks = list(callbacks)
    return manager, stream


def _events():
    return [
        SQLQuery(conn_name="model.x", sql="select 1 as checked", node_info={}),
        Note(msg="an info note"),
        SQLQuery(conn_name="model.y", sql="select 2 as checked", node_info={}),
    ]


def _without_times(text: str) -> str:
    return re.sub(r"\d\d:\d\d:\d\d(\.\d+)?", "<time>", text)


def test_a_debug_event_is_dropped_before_it_is_formatted_when_the_log_records_info(monkeypatch):
    manager, stream = _manager(EventLevel.INFO)

    def formatting_is_not_reached(*args, **kwargs):
        raise AssertionError("the debug event was formatted")

    monkeypatch.setattr(dbt_event_manager, "msg_from_base_event", formatting_is_not_reached)
    fire_recorded_event(manager, SQLQuery(conn_name="model.x", sql="select 1", node_info={}))
    assert stream.getvalue() == ""


@pytest.mark.parametrize("log_level", [EventLevel.INFO, EventLevel.DEBUG, EventLevel.WARN])
def test_every_log_gets_the_lines_dbt_itself_writes(log_level):
    patched, patched_stream = _manager(log_level)
    original, original_stream = _manager(log_level)
    for event in _events():
        fire_recorded_event(patched, event)
        _dbt_fire_event(original, event)
    assert _without_times(patched_stream.getvalue()) == _without_times(original_stream.getvalue())
    if log_level == EventLevel.DEBUG:
        assert "select 2 as checked" in patched_stream.getvalue()
    if log_level == EventLevel.INFO:
        assert "an info note" in patched_stream.getvalue()
        assert "select" not in patched_stream.getvalue()


def test_a_debug_event_reaches_a_callback_other_than_dbts_tracker():
    received = []
    manager, stream = _manager(EventLevel.INFO, callbacks=(track_behavior_change_warn, received.append))
    fire_recorded_event(manager, SQLQuery(conn_name="model.x", sql="select 1", node_info={}))
    assert [message.info.name for message in received] == ["SQLQuery"]
    assert stream.getvalue() == ""


def test_an_info_event_fired_at_debug_level_is_judged_by_that_level():
    manager, _ = _manager(EventLevel.INFO)
    assert is_unrecorded(manager, Note(msg="n"), EventLevel.DEBUG, False)
    assert not is_unrecorded(manager, Note(msg="n"), None, False)
    # dbt's warn-as-error handling is never skipped
    assert not is_unrecorded(manager, Note(msg="n"), EventLevel.DEBUG, True)
