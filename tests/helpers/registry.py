"""A minimal read-only image registry (Docker Registry HTTP API v2) on 127.0.0.1, for tests.

No registry is reachable here, so the pull path (per-layer byte progress) is tested against this:
it serves one image taken from the engine itself with ``docker save``, and the engine pulls it
for real over HTTP (engines trust 127.0.0.0/8 registries without TLS by default).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json"
CONFIG_V1 = "application/vnd.docker.container.image.v1+json"
LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip"


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def image_blobs(client: Any, tag: str) -> tuple[bytes, dict[str, bytes]]:
    """The v2 manifest and every blob (config, gzipped layers) of an image on the engine."""
    saved = b"".join(client.images.get(tag).save())
    with tarfile.open(fileobj=io.BytesIO(saved)) as tar:
        index = json.loads(tar.extractfile("manifest.json").read())[0]
        config = tar.extractfile(index["Config"]).read()
        layers = [gzip.compress(tar.extractfile(path).read(), compresslevel=1) for path in index["Layers"]]
    blobs = {_digest(config): config}
    entries = []
    for layer in layers:
        blobs[_digest(layer)] = layer
        entries.append({"mediaType": LAYER_GZIP, "size": len(layer), "digest": _digest(layer)})
    manifest = json.dumps({"schemaVersion": 2, "mediaType": MANIFEST_V2,
                           "config": {"mediaType": CONFIG_V1, "size": len(config), "digest": _digest(config)},
                           "layers": entries}).encode()
    return manifest, blobs


class Registry:
    """Serves ``name:tag`` -> (manifest, blobs) until ``close()``; ``.host`` is 127.0.0.1:<port>."""

    def __init__(self, name: str, tag: str, manifest: bytes, blobs: dict[str, bytes],
                 chunk_delay: float = 0.0):
        """``chunk_delay``: seconds slept per 64 KiB of a body, to pace it like a real network."""
        routes = {f"/v2/{name}/manifests/{tag}": (MANIFEST_V2, manifest),
                  f"/v2/{name}/manifests/{_digest(manifest)}": (MANIFEST_V2, manifest)}
        routes.update({f"/v2/{name}/blobs/{d}": ("application/octet-stream", b) for d, b in blobs.items()})

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, body: bool) -> None:
                if self.path == "/v2/":
                    kind, data = "application/json", b"{}"
                elif self.path in routes:
                    kind, data = routes[self.path]
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Docker-Distribution-API-Version", "registry/2.0")
                self.send_header("Docker-Content-Digest", _digest(data))
                self.end_headers()
                if body:
                    for start in range(0, len(data), 65536):
                        self.wfile.write(data[start:start + 65536])
                        if chunk_delay:
                            time.sleep(chunk_delay)

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                self._answer(True)

            def do_HEAD(self) -> None:  # noqa: N802
                self._answer(False)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
