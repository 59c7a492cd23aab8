"""The server's guards: the write token, a request body limit, and headers that keep article text inert.

Article text is untrusted input rendered in a browser. It is escaped where it is rendered (Jinja's
autoescape, `textContent` in our scripts), and the Content-Security-Policy below is the second wall: no
inline script runs and no script loads from anywhere but this server, so an escaping slip still cannot
execute a report's `<script>` or `onerror=`.
"""

from __future__ import annotations

import hmac
import ipaddress
import json

from fastapi import HTTPException, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

DEFAULT_MAX_BODY = 10 * 1024 * 1024

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI sets inline styles; its scripts still come only from this server
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY")]

bearer = HTTPBearer(auto_error=False, description="The server's EVENTWIRE_TOKEN; every POST needs it.")


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_checker(token: str | None):
    """A FastAPI dependency: 401 unless the request carries `Authorization: Bearer <token>`."""

    def check(credentials: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
        if not token:
            raise HTTPException(401, "writes are disabled: start the server with EVENTWIRE_TOKEN set",
                                headers={"WWW-Authenticate": "Bearer"})
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid token is required: send Authorization: Bearer <EVENTWIRE_TOKEN>",
                                headers={"WWW-Authenticate": "Bearer"})

    return check


class Guard:
    """ASGI middleware: refuses bodies over `max_body` bytes (413) and adds the security headers.

    A body is read whole (up to the limit) before the app sees it, so a chunked upload with no
    Content-Length is stopped at the limit too."""

    def __init__(self, app, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await self._refuse(send, 413 if length.isdigit() else 400)
        body = await self._read_body(receive)
        if body is None:
            return await self._refuse(send, 413)
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def guarded_send(message):
            if message["type"] == "http.response.start":
                csp = DOCS_CSP if scope["path"].startswith("/docs") else CSP
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS + [
                    (b"content-security-policy", csp.encode())]
            await send(message)

        await self.app(scope, replay, guarded_send)

    async def _read_body(self, receive) -> bytes | None:
        """The whole request body, or None when it passes the limit."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    async def _refuse(self, send, status: int) -> None:
        detail = (f"request body larger than the server's limit of {self.max_body} bytes" if status == 413
                  else "invalid Content-Length header")
        body = json.dumps({"detail": detail}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")] + SECURITY_HEADERS})
        await send({"type": "http.response.body", "body": body})
