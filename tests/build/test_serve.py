"""`make serve` serves the site at the root of the address it is given."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


def wait_for(url: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, body = get(url)
            if status == 200:
                return body
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not answer within {timeout} s")
        time.sleep(0.5)


def test_make_serve_serves_the_site_at_the_root():
    port = free_port()
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PATH=f"{os.path.dirname(sys.executable)}:{os.environ['PATH']}"),
        start_new_session=True,
    )
    try:
        home = wait_for(f"http://127.0.0.1:{port}/")
        assert "Veilig op school" in home
        page = wait_for(f"http://127.0.0.1:{port}/wetgeving/mag-ik/")
        assert "Mag ik" in page
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
