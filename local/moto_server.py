"""The embedded AWS: moto's server on loopback.

It serves one request at a time on purpose: moto's backends are not safe under concurrent
requests (a TransactWriteItems could interleave with another), while real DynamoDB makes every
request atomic. Serialising requests gives the API the same guarantees it has in the cloud, and
the clients still race as they would there.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    """No access log: the event pump polls streams several times a second."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return


@dataclass
class EmbeddedAws:
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start(port: int = 0) -> EmbeddedAws:
    """A fresh embedded AWS: moto keeps its state per process, so anything an earlier embedded
    AWS in this process held (tests start several) is forgotten first."""
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server("127.0.0.1", port, app, threaded=False, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="embedded-aws", daemon=True)
    thread.start()
    return EmbeddedAws(server, thread)
