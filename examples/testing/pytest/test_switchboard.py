# examples/testing/pytest/test_switchboard.py
import json, os, signal, subprocess
from urllib.parse import urlsplit, urlunsplit
import pytest
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

@pytest.fixture(scope="session")
def switchboard():
    # Its own process group: stopping it stops npx and the server npx started.
    server = subprocess.Popen(["npx", "switchboard", "serve", "--ephemeral", "--port", "0", "--json"],
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    yield json.loads(server.stdout.readline())
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=10)

class SwitchboardHttpClient(TwilioHttpClient):
    def __init__(self, base, **kwargs):
        super().__init__(**kwargs)
        self.base = urlsplit(base)

    def request(self, method, url, *args, **kwargs):
        u = urlsplit(url)
        return super().request(method, urlunsplit((self.base.scheme, self.base.netloc, u.path, u.query, u.fragment)), *args, **kwargs)

def test_no_messages_yet(switchboard):
    demo = switchboard["demo"]
    client = Client(demo["account_sid"], demo["auth_token"], http_client=SwitchboardHttpClient(switchboard["url"]))
    assert client.messages.list() == []
