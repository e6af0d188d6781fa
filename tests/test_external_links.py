"""scripts/external_links.py against a local HTTP server on 127.0.0.1 (never a real site):
200, 301, 404, 410, 429, 500 and a slow answer; retries, the cache, skipped hosts, DNS failure."""
import http.server
import socket
import threading
import time
from collections import Counter

import pytest

import external_links as el


class Handler(http.server.BaseHTTPRequestHandler):
    hits: Counter = Counter()

    def log_message(self, *args):
        pass

    def _answer(self, with_body: bool):
        path = self.path
        Handler.hits[path] += 1
        if path == "/traag":
            time.sleep(1.5)
        if path in ("/ok", "/traag"):
            code, headers = 200, {}
        elif path == "/verhuisd":
            code, headers = 301, {"Location": "/ok"}
        elif path == "/verhuisd-naar-niets":
            code, headers = 301, {"Location": "/weg"}
        elif path == "/weg":
            code, headers = 404, {}
        elif path == "/opgeheven":
            code, headers = 410, {}
        elif path == "/te-druk":
            code, headers = 429, {"Retry-After": "0"}
        elif path == "/eerst-te-druk":
            code, headers = (429, {"Retry-After": "0"}) if Handler.hits[path] == 1 else (200, {})
        elif path == "/kapot":
            code, headers = 500, {}
        elif path == "/geen-head":
            code, headers = (405, {}) if self.command == "HEAD" else (200, {})
        else:
            code, headers = 404, {}
        body = b"hallo"
        self.send_response(code)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

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


def fast(**kw) -> el.Settings:
    return el.Settings(**{"timeout": 0.5, "retries": 2, "backoff": 0.0, "workers": 4, **kw})


@pytest.mark.parametrize(
    "path, kind",
    [
        ("/ok", el.OK),
        ("/verhuisd", el.OK),
        ("/geen-head", el.OK),
        ("/weg", el.DEAD),
        ("/opgeheven", el.DEAD),
        ("/verhuisd-naar-niets", el.DEAD),
        ("/te-druk", el.PASSING),
        ("/kapot", el.PASSING),
        ("/traag", el.PASSING),
    ],
)
def test_classification(server, path, kind):
    assert el.check_url(server + path, fast()).kind == kind


def test_passing_fault_is_retried_then_passes(server):
    result = el.check_url(server + "/eerst-te-druk", fast())
    assert result.kind == el.OK
    assert Handler.hits["/eerst-te-druk"] == 2


def test_persistent_429_is_tried_retries_plus_one_times(server):
    result = el.check_url(server + "/te-druk", fast(retries=2))
    assert (result.kind, result.detail) == (el.PASSING, "HTTP 429")
    assert Handler.hits["/te-druk"] == 3


def test_dead_link_is_not_retried(server):
    el.check_url(server + "/weg", fast(retries=3))
    assert Handler.hits["/weg"] == 2  # HEAD, then one GET to confirm


def test_timeout_marks_the_host_and_spares_its_other_links(server):
    settings = fast(workers=1)
    results = el.check_all([server + "/traag", server + "/ok"], settings)
    assert results[server + "/traag"].kind == el.PASSING
    assert "time-out" in results[server + "/traag"].detail
    assert results[server + "/ok"].kind == el.PASSING
    assert Handler.hits["/ok"] == 0
    assert Handler.hits["/traag"] == 1


def test_dns_failure_is_dead(monkeypatch):
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if host == "bestaat-niet.test":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    result = el.check_url("http://bestaat-niet.test/pagina", fast())
    assert result.kind == el.DEAD
    assert "DNS" in result.detail


def test_skipped_hosts_are_not_requested(server):
    result = el.check_url(server + "/weg", fast(skip_hosts=("127.0.0.1",)))
    assert result.kind == el.SKIPPED
    assert Handler.hits["/weg"] == 0


def test_cache_keeps_good_answers_only(server):
    cache = {}
    urls = [server + "/ok", server + "/weg"]
    el.check_all(urls, fast(), cache, now=1000.0)
    assert set(cache) == {server + "/ok"}
    Handler.hits.clear()
    again = el.check_all(urls, fast(), cache, now=1000.0 + 3600)
    assert again[server + "/ok"].from_cache
    assert Handler.hits["/ok"] == 0 and Handler.hits["/weg"] == 2
    # Past the maximum age it is checked again.
    stale = el.check_all(urls, fast(max_age_days=1), cache, now=1000.0 + 2 * 86400)
    assert not stale[server + "/ok"].from_cache
    assert Handler.hits["/ok"] == 1


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_collect_finds_links_front_matter_and_data_with_lines(tmp_path):
    write(
        tmp_path / "docs" / "a.md",
        "---\ntitle: A\nbronnen:\n  - titel: Wet\n    url: https://wetten.overheid.nl/BWBR0008804\n---\n\n"
        "Zie [de wet](https://wetten.overheid.nl/BWBR0008804#Artikel2).\n"
        "Voorbeeld in code: `https://voorbeeld.nl/niet-controleren` en <https://www.politie.nl/>.\n",
    )
    write(tmp_path / "data" / "partners.yml", "- naam: Politie\n  url: https://www.politie.nl/\n")
    found = el.collect(tmp_path)
    assert found == {
        "https://wetten.overheid.nl/BWBR0008804": [("docs/a.md", 5), ("docs/a.md", 8)],
        "https://www.politie.nl/": [("data/partners.yml", 2), ("docs/a.md", 9)],
    }


def test_main_dead_link_fails_with_path_and_line(server, tmp_path, capsys):
    write(tmp_path / "docs" / "a.md", f"# A\n\n[goed]({server}/ok)\n[weg]({server}/weg)\n[druk]({server}/te-druk)\n")
    code = el.main(["--root", str(tmp_path), "--timeout", "0.5", "--backoff", "0", "--retries", "1"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"docs/a.md:4: dode link: {server}/weg (HTTP 404)" in out
    assert f"docs/a.md:5: waarschuwing: {server}/te-druk" in out
    assert "docs/a.md:3" not in out
    assert (tmp_path / ".cache" / "external-links.json").is_file()


def test_main_passing_faults_only_warn(server, tmp_path, capsys):
    write(tmp_path / "docs" / "a.md", f"[traag]({server}/traag) en [kapot]({server}/kapot)\n")
    code = el.main(["--root", str(tmp_path), "--timeout", "0.5", "--backoff", "0", "--retries", "1"])
    assert code == 0
    assert capsys.readouterr().out.count("waarschuwing") == 2


def test_no_network_is_not_reported_as_dead_links(tmp_path, monkeypatch, capsys):
    def no_dns(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    write(tmp_path / "docs" / "a.md", "[a](https://een.test/x) en [b](https://twee.test/y)\n")
    assert el.main(["--root", str(tmp_path), "--timeout", "0.5", "--backoff", "0"]) == 2
    captured = capsys.readouterr()
    assert "dode link" not in captured.out
    assert "internetverbinding" in captured.err
