"""scripts/reports/external_links.py: lychee (the real client, pinned) against a local HTTP server on
127.0.0.1 (never a real site), and how its report becomes messages with file and line: 404 and
410 are dead, 429 and 5xx pass with a warning, a DNS answer "no such name" is dead but a
temporary DNS failure (EAI_AGAIN) is not, skipped hosts are not requested, only good answers
are cached, and no network at all is said as such."""
from __future__ import annotations

import http.server
import shutil
import socket
import threading
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from scripts.reports import external_links as el

FAST = ["--max-retries", "1", "--retry-wait-time", "1", "--timeout", "5"]


class Handler(http.server.BaseHTTPRequestHandler):
    hits: Counter = Counter()

    def log_message(self, *args):
        pass

    def _answer(self, with_body: bool):
        Handler.hits[self.path] += 1
        codes = {"/ok": 200, "/weg": 404, "/opgeheven": 410, "/te-druk": 429, "/kapot": 500}
        code = codes.get(self.path, 404)
        if self.path == "/verhuisd":
            code = 301
        self.send_response(code)
        if code == 301:
            self.send_header("Location", "/ok")
        if code == 429:
            self.send_header("Retry-After", "1")
        self.send_header("Content-Length", "5")
        self.end_headers()
        if with_body:
            self.wfile.write(b"hallo")

    def do_GET(self):
        self._answer(True)

    def do_HEAD(self):
        self._answer(False)


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    Handler.hits.clear()


def project(tmp_path: Path, page: str, skip: str = "") -> Path:
    root = tmp_path / "p"
    (root / "docs").mkdir(parents=True)
    (root / "config").mkdir()
    shutil.copy(ROOT / el.CONFIG_FILE, root / el.CONFIG_FILE)
    (root / el.SKIP_FILE).write_text(skip, encoding="utf-8")
    (root / "docs" / "pagina.md").write_text(page, encoding="utf-8")
    return root


def test_report_gives_dead_and_passing_links_with_their_lines(server, tmp_path):
    page = (f"# Links\n\n[goed]({server}/ok)\n\n[verhuisd]({server}/verhuisd)\n\n[weg]({server}/weg)\n\n"
            f"[opgeheven]({server}/opgeheven)\n\n[druk]({server}/te-druk)\n\n[kapot]({server}/kapot)\n")
    root = project(tmp_path, page)
    found = {f.url.rsplit("/", 1)[1]: f for f in el.findings(el.run_lychee(root, FAST), root)}
    assert {k: f.kind for k, f in found.items()} == {
        "weg": el.DEAD, "opgeheven": el.DEAD, "te-druk": el.PASSING, "kapot": el.PASSING}
    assert (found["weg"].path, found["weg"].line) == ("docs/pagina.md", 7)
    assert Handler.hits["/te-druk"] >= 2  # a passing fault is tried again, by lychee


def test_dns_no_such_name_is_dead_but_try_again_later_is_passing(monkeypatch):
    def resolver(errno):
        def fake(host, *args, **kwargs):
            raise socket.gaierror(errno, "fake")
        return fake

    status = {"text": "Network error: Connection failed", "details": "Connection failed"}
    monkeypatch.setattr(socket, "getaddrinfo", resolver(socket.EAI_NONAME))
    assert el.classify(status, "https://bestaat-niet.example/")[0] == el.DEAD
    monkeypatch.setattr(socket, "getaddrinfo", resolver(socket.EAI_AGAIN))
    assert el.classify(status, "https://tijdelijk.example/")[0] == el.PASSING
    assert el.classify({"text": "Timeout"}, "https://traag.example/")[0] == el.PASSING


def test_skipped_hosts_are_not_requested(server, tmp_path):
    root = project(tmp_path, f"[x]({server}/weg)\n", skip="127.0.0.1  # test\n")
    found = el.findings(el.run_lychee(root, FAST), root)
    assert [f.kind for f in found] == [el.SKIPPED]
    assert Handler.hits["/weg"] == 0


def test_cache_keeps_good_answers_only(server, tmp_path):
    root = project(tmp_path, f"[a]({server}/ok)\n\n[b]({server}/kapot)\n")
    el.run_lychee(root, FAST)
    first = Handler.hits.copy()
    report = el.run_lychee(root, FAST)
    assert Handler.hits["/ok"] == first["/ok"]  # from lychee's cache
    assert Handler.hits["/kapot"] > first["/kapot"]  # a fault is asked again
    assert report["cached"] >= 1


def test_main_dead_link_fails_with_path_and_line(server, tmp_path, capsys):
    root = project(tmp_path, f"# T\n\n[a]({server}/ok)\n\n[b]({server}/opgeheven)\n")
    assert el.main(["--root", str(root), "--", *FAST]) == 1
    out = capsys.readouterr().out
    assert f"docs/pagina.md:5: dode link: {server}/opgeheven (HTTP 410)" in out


def test_main_passing_faults_only_warn(server, tmp_path, capsys):
    root = project(tmp_path, f"[a]({server}/ok)\n\n[b]({server}/kapot)\n")
    assert el.main(["--root", str(root), "--", *FAST]) == 0
    assert "docs/pagina.md:3: waarschuwing:" in capsys.readouterr().out


def test_no_network_is_not_reported_as_dead_links(tmp_path, monkeypatch, capsys):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: every request is refused, as without a network
    monkeypatch.setattr(el, "dns_says_no_such_host", lambda host: True)
    root = project(tmp_path, f"[a](http://127.0.0.1:{port}/a)\n\n[b](http://127.0.0.1:{port}/b)\n")
    assert el.main(["--root", str(root), "--", *FAST]) == 2
    assert "geen enkele server gaf antwoord" in capsys.readouterr().err
