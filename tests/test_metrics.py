"""GET /metrics: requests by URL rule and status, latency, advice outcomes; no personal data; only from this
machine without a proxy in between, or with the metrics token."""

import re

from tests.api.test_advice_api import GOOD, key, post  # noqa: F401  (key is a fixture)


def _value(text: str, name: str, **labels) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in text.splitlines():
        if line.startswith(f"{name}{{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no {name}{{{wanted}}} in metrics")


def test_requests_latency_and_advice_outcomes_are_counted_without_personal_data(client, key):  # noqa: F811
    before = client.get("/metrics").get_data(as_text=True)
    try:
        pages_before = _value(
            before, "rechtenverkenner_http_requests_total", endpoint="/recht/<right_id>", status="200"
        )
    except AssertionError:
        pages_before = 0
    try:
        grants_before = _value(before, "rechtenverkenner_leefloon_advice_outcomes_total", outcome="grant")
    except AssertionError:
        grants_before = 0
    for _ in range(3):
        assert client.get("/recht/leefloon").status_code == 200
    assert client.get("/zoeken?gemeente=44021&q=geheimezoekterm").status_code == 200
    assert post(client, GOOD, key).get_json()["outcome"] == "grant"
    assert post(client, [GOOD, GOOD], key, url="/api/v1/leefloon/advice/batch").status_code == 200
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert (
        _value(text, "rechtenverkenner_http_requests_total", endpoint="/recht/<right_id>", method="GET", status="200")
        == pages_before + 3
    )
    assert _value(text, "rechtenverkenner_leefloon_advice_outcomes_total", outcome="grant") == grants_before + 3
    assert _value(text, "rechtenverkenner_http_request_duration_seconds_count", endpoint="/zoeken") >= 1
    # labels are URL rules: no right id, no query string, no search text, no e-mail address
    assert "geheimezoekterm" not in text and "/recht/leefloon" not in text and "@" not in text
    assert not re.search(r'endpoint="[^"]*\?', text)


def test_metrics_only_from_this_machine_without_a_proxy_or_with_the_token(app, client):
    assert client.get("/metrics").status_code == 200
    assert client.get("/metrics", headers={"X-Forwarded-For": "198.51.100.4"}).status_code == 404
    remote = app.test_client()
    remote.environ_base["REMOTE_ADDR"] = "198.51.100.4"
    assert remote.get("/metrics").status_code == 404
    app.config["METRICS_TOKEN"] = "s3cret-metrics-token"
    assert remote.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert remote.get("/metrics", headers={"Authorization": "Bearer s3cret-metrics-token"}).status_code == 200
