"""Alert delivery to the WeCom/DingTalk robot webhook, against a local HTTP server that
records what it receives: the text body, no ID number or phone, retries with backoff."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from fugong.epidemic.models import Alert, AlertKind, Policy, WebhookState
from fugong.epidemic.services import alert_delivery
from fugong.epidemic.services.alert import ON_RAISED, alert_raise
from fugong.epidemic.services.alert_delivery import webhook_body, webhook_service
from fugong.epidemic.tasks.observation import _enqueue_delivery, alert_webhook_deliver

pytestmark = pytest.mark.django_db


class Robot:
    """A webhook server failing the first ``failures`` requests with HTTP 500."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.received: list[dict] = []
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                robot.received.append(json.loads(body))
                failed = len(robot.received) <= robot.failures
                self.send_response(500 if failed else 200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"errcode": 0, "errmsg": "ok"}')

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/cgi-bin/webhook/send?key=k"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Robot:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def no_backoff(monkeypatch) -> None:
    monkeypatch.setattr(alert_delivery, "WEBHOOK_BACKOFF_SECONDS", 0)


def _policy(url: str) -> Policy:
    return Policy.objects.create(effective_from=dt.date(2020, 1, 1), alert_webhook_url=url)


def _alert(world, message: str = "张三 体温 38.2 °C，已拒绝入井") -> Alert:
    return Alert.objects.create(
        kind=AlertKind.FEVER,
        enterprise=world.qifeng,
        person=world.miner,
        message=message,
        raised_at=dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC),
        webhook_state=WebhookState.PENDING,
    )


def test_the_delivery_task_is_registered_on_raised():
    assert _enqueue_delivery in ON_RAISED


def test_an_alert_is_sent_as_a_robot_text_message(world, huey_immediate):
    with Robot() as robot:
        _policy(robot.url)
        alert = _alert(world)
        alert_webhook_deliver(alert.pk)
    assert robot.received == [
        {"msgtype": "text", "text": {"content": f"【Fever】{world.qifeng.name}：{alert.message}"}}
    ]
    alert.refresh_from_db()
    assert (alert.webhook_state, alert.webhook_attempts, alert.webhook_error) == ("sent", 1, "")


def test_a_server_failing_twice_then_answering_gets_the_alert_on_the_third_try(
    world, huey_immediate, no_backoff
):
    with Robot(failures=2) as robot:
        _policy(robot.url)
        alert = _alert(world)
        alert_webhook_deliver(alert.pk)
    assert len(robot.received) == 3
    alert.refresh_from_db()
    assert (alert.webhook_state, alert.webhook_attempts, alert.webhook_error) == ("sent", 3, "")


def test_a_server_failing_three_times_leaves_the_alert_failed_with_the_error(
    world, huey_immediate, no_backoff
):
    with Robot(failures=3) as robot:
        _policy(robot.url)
        alert = _alert(world)
        alert_webhook_deliver(alert.pk)
    assert len(robot.received) == 3
    alert.refresh_from_db()
    assert alert.webhook_state == WebhookState.FAILED
    assert alert.webhook_attempts == 3
    assert "500" in alert.webhook_error


def test_the_retry_waits_longer_each_time(world, monkeypatch):
    """GIVEN a failing server WHEN the task runs THEN it asks Huey to retry after 30 s, then
    60 s; after the third failure it gives up."""
    from huey.exceptions import RetryTask

    monkeypatch.setattr(alert_delivery, "_post", _failing_post)
    _policy("http://127.0.0.1:9/hook")
    alert = _alert(world)
    delays = []
    for _try in range(2):
        with pytest.raises(RetryTask) as caught:
            alert_webhook_deliver.call_local(alert.pk)
        delays.append(caught.value.delay)
    assert delays == [30, 60]
    assert alert_webhook_deliver.call_local(alert.pk) is False


def _failing_post(url: str, body: dict) -> None:
    raise alert_delivery.WebhookFailed("connection refused")


def test_raising_an_alert_sends_it_after_commit(
    world, huey_immediate, django_capture_on_commit_callbacks
):
    with Robot() as robot:
        _policy(robot.url)
        with django_capture_on_commit_callbacks(execute=True):
            alert = alert_raise(
                kind=AlertKind.FEVER, enterprise=world.qifeng, message="发热", webhook=True
            )
    assert len(robot.received) == 1
    alert.refresh_from_db()
    assert alert.webhook_state == WebhookState.SENT


def test_without_a_webhook_url_nothing_is_sent(world, huey_immediate):
    alert = _alert(world)
    alert_webhook_deliver(alert.pk)
    alert.refresh_from_db()
    assert (alert.webhook_state, alert.webhook_attempts) == (WebhookState.NONE, 0)


def test_id_numbers_and_phones_never_reach_the_chat(world):
    alert = _alert(world, f"{world.miner.name} {world.miner.id_number} 13912345678 发热")
    content = webhook_body(alert)["text"]["content"]
    assert world.miner.id_number not in content
    assert "13912345678" not in content
    assert "139****5678" in content


@pytest.mark.parametrize(
    ("url", "service"),
    [
        ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", "wecom"),
        ("https://oapi.dingtalk.com/robot/send?access_token=x", "dingtalk"),
        ("https://hooks.example.com/x", "generic"),
    ],
)
def test_the_service_is_told_by_the_host(url, service):
    assert webhook_service(url) == service


def test_a_robot_error_code_counts_as_a_failure(monkeypatch):
    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, n):
            return b'{"errcode": 93000, "errmsg": "invalid webhook url"}'

    monkeypatch.setattr(alert_delivery.urllib.request, "urlopen", lambda *a, **k: Answer())
    with pytest.raises(alert_delivery.WebhookFailed, match="93000"):
        alert_delivery._post("https://qyapi.weixin.qq.com/x", {})


@pytest.fixture(autouse=True)
def _no_stray_threads() -> Iterator[None]:
    before = threading.active_count()
    yield
    assert threading.active_count() <= before + 1
