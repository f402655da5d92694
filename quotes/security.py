"""What every served page must be safe from: links that run script, framing, sniffed content.

Registered as a Datasette plugin by `serve.make_datasette`. Only http(s) URLs ever become links
(`http_url`). Every response carries the usual headers; the reading pages (`/-/quotes…`), which
need no inline script, also get a Content-Security-Policy that allows script only from this site
(and Datasette's one menu-closing snippet, by its hash), so that text which slipped past escaping
still could not run. Datasette's own pages run inline script, so theirs forbids framing,
plugins and foreign forms but not that.
"""
from __future__ import annotations

import base64
import hashlib
import re

from datasette import hookimpl

COMMON_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
)
BASE_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'"
READING_PAGES = "/-/quotes"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def http_url(url: str | None) -> str | None:
    """URL if it is an http(s) address, the only kind a page may link to; else None
    ("javascript:…", "data:…", in any case and behind any spaces)."""
    url = (url or "").strip()
    return url if re.match(r"https?://[^\s]+$", url, re.I) else None


def reading_policy(datasette) -> str:
    """The reading pages' policy: script from this site only, plus the hash of the inline script
    Datasette's base template adds to every page (`_close_open_menus.html`)."""
    source, *_ = datasette.jinja_env.loader.get_source(datasette.jinja_env, "_close_open_menus.html")
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
        for script in INLINE_SCRIPT.findall(source)
    )
    return f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; {BASE_POLICY}"


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        policies = {}

        async def with_headers(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            reading = scope.get("path", "").startswith(READING_PAGES)
            if reading and "reading" not in policies:
                policies["reading"] = reading_policy(datasette)
            policy = policies["reading"] if reading else BASE_POLICY

            async def send_with_headers(event):
                if event["type"] == "http.response.start":
                    headers = [(k, v) for k, v in event.get("headers", []) if k.lower() != b"content-security-policy"]
                    headers += [*COMMON_HEADERS, (b"content-security-policy", policy.encode())]
                    event = {**event, "headers": headers}
                await send(event)

            return await app(scope, receive, send_with_headers)

        return with_headers

    return wrap
