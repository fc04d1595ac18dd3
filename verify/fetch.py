"""HTTP for primary sources: a guarded, capped, retrying GET whose every exchange is captured.

In: a URL and a `FetchConfig`. Out: a `Fetched` response (the final URL, status, headers, body)
and, as a side effect, one WARC capture per exchange (verify/capture.py).

Articles are untrusted input, so every hop is checked before it is requested: only http(s), and
no private, loopback, link-local or otherwise non-global address after DNS resolution, unless
`allow_private` is set. Redirects are followed here, one hop at a time, for that reason (httpx's
own redirect following would request the next hop before we could look at it); the address the
connection actually reached is checked again before the body is read, which closes most of the
gap a DNS answer that changes between our lookup and httpx's leaves.

Retries: 429 and 5xx answers and transport errors are retried with exponential backoff,
honouring Retry-After (seconds or an HTTP date), never waiting more than `max_wait` at once.
The body is streamed and cut at `max_bytes` (a Content-Length above the cap is refused without
reading); the whole exchange must end within `deadline` seconds, so a server that trickles bytes
cannot hold verify forever.
"""

from __future__ import annotations

import email.utils
import ipaddress
import os
import socket
import time
import zlib
from datetime import datetime, timezone
from typing import Callable, Iterable, Mapping

import attrs
import httpx

from .capture import Capture, CaptureStore
from .errors import FetchError, NotCached, RefusedURL

__all__ = ["FetchConfig", "Fetched", "Fetcher", "USER_AGENT", "check_url", "decode_body", "ENV"]


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("verify")
    except Exception:  # running from a source tree that was never installed
        return "0"


USER_AGENT = (f"verify/{_version()} (quotation checker: fetches the primary sources that news "
              f"articles quote; python-httpx/{httpx.__version__})")

REDIRECTS = frozenset({301, 302, 303, 307, 308})

#: environment variables that configure fetching (the config keys; options override them)
ENV = {
    "allow_private": "VERIFY_ALLOW_PRIVATE_HOSTS",
    "syndication_url": "VERIFY_SYNDICATION_URL",
    "oembed_url": "VERIFY_OEMBED_URL",
    "wayback_available_url": "VERIFY_WAYBACK_AVAILABLE_URL",
    "wayback_web_url": "VERIFY_WAYBACK_WEB_URL",
    "timeout": "VERIFY_TIMEOUT",
    "deadline": "VERIFY_DEADLINE",
    "max_bytes": "VERIFY_MAX_BYTES",
    "retries": "VERIFY_RETRIES",
    "backoff": "VERIFY_BACKOFF",
    "allowed_hosts": "VERIFY_ALLOWED_HOSTS",
}


@attrs.frozen
class FetchConfig:
    """How verify talks to the web. Endpoints are base URLs so tests can point them at 127.0.0.1."""

    timeout: float = 20.0                   # connect / read / write, each
    deadline: float = 120.0                 # one whole exchange, body included
    max_bytes: int = 20 * 2**20             # size cap on a body
    retries: int = 3                        # on 429, 5xx and transport errors
    backoff: float = 1.0                    # first wait; doubles each retry
    max_wait: float = 30.0                  # cap on a single wait, Retry-After included
    max_redirects: int = 10
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()     # host or host:port exempt from the address check
    offline: bool = False                   # no request at all: the cache or nothing
    refresh: bool = False                   # ignore the cache (still write to it)
    syndication_url: str = "https://cdn.syndication.twimg.com/tweet-result"
    oembed_url: str = "https://publish.twitter.com/oembed"
    wayback_available_url: str = "https://archive.org/wayback/available"
    wayback_web_url: str = "https://web.archive.org/web"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> "FetchConfig":
        """Defaults, then VERIFY_* environment variables, then the `overrides` that are not None."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field, var in ENV.items():
            raw = env.get(var)
            if raw is None or raw == "":
                continue
            if field == "allow_private":
                values[field] = raw.strip().lower() in ("1", "true", "yes", "on")
            elif field in ("timeout", "deadline", "backoff"):
                values[field] = _number(var, raw, float)
            elif field in ("max_bytes", "retries"):
                values[field] = _number(var, raw, int)
            elif field == "allowed_hosts":
                values[field] = tuple(h.strip().lower() for h in raw.split(",") if h.strip())
            else:
                values[field] = raw.rstrip("/") if field == "wayback_web_url" else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _number(var: str, raw: str, kind: type) -> object:
    from .errors import UsageError

    try:
        value = kind(raw)
    except ValueError:
        raise UsageError(f"{var}={raw!r} is not a number") from None
    if value < 0 or (value == 0 and kind is float):
        raise UsageError(f"{var} must be positive, got {raw!r}")
    return value


@attrs.frozen
class Fetched:
    """The end of a redirect chain: what the last hop answered (body decoded of any
    Content-Encoding; the capture holds the bytes as they came)."""

    url: str                                # as asked
    final_url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    capture: Capture | None                 # None when the chain stopped before a request
    hops: tuple[str, ...] = ()
    from_cache: bool = False

    @property
    def content_type(self) -> str:
        return self.header("content-type").split(";")[0].strip().lower()

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name), "")


def _address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not one an article may make verify talk to, or None if it may."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for attr, kind in (("is_loopback", "loopback"), ("is_link_local", "link-local"),
                       ("is_private", "private"), ("is_multicast", "multicast"),
                       ("is_unspecified", "unspecified"), ("is_reserved", "reserved")):
        if getattr(ip, attr):
            return kind
    return None if ip.is_global else "non-global"


def check_url(url: str, allow_private: bool = False, allowed_hosts: tuple[str, ...] = ()) -> None:
    """Refuse what verify must not fetch: other schemes, and (unless allowed, for all hosts or for
    the `allowed_hosts` named) hosts that resolve to any private, loopback, link-local or
    otherwise non-global address."""
    try:
        u = httpx.URL(url)
    except Exception as e:
        raise RefusedURL(url, f"not a valid URL ({e})") from None
    if u.scheme not in ("http", "https"):
        raise RefusedURL(url, f"only http and https URLs are fetched, not {u.scheme or 'a relative URL'}")
    host = u.host
    if not host:
        raise RefusedURL(url, "the URL has no host")
    port = u.port or (443 if u.scheme == "https" else 80)
    if allow_private or host.lower() in allowed_hosts or f"{host.lower()}:{port}" in allowed_hosts:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(url, f"cannot resolve host {host} ({e})") from None
    for info in infos:
        addr = str(info[4][0]).split("%")[0]
        kind = _address_kind(ipaddress.ip_address(addr))
        if kind:
            raise RefusedURL(url, f"refused: {host} resolves to {addr}, a {kind} address "
                                  "(use --allow-private-hosts or VERIFY_ALLOW_PRIVATE_HOSTS=1 for internal hosts)")


def _retry_after(value: str, now: float) -> float | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now)


class _Decoder:
    """Undo a Content-Encoding (gzip, deflate) under the same size cap as the raw body."""

    def __init__(self, encoding: str) -> None:
        enc = encoding.strip().lower()
        if enc in ("", "identity"):
            self.z = None
        elif enc in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self.z = zlib.decompressobj()
        else:
            raise ValueError(enc)

    def decode(self, data: bytes, limit: int) -> bytes:
        if self.z is None:
            return data
        out = self.z.decompress(data, limit + 1)
        return out + self.z.flush() if len(out) <= limit else out


class Fetcher:
    """GET with the guard, retries, size cap and capture. One httpx client per Fetcher."""

    def __init__(self, store: CaptureStore, config: FetchConfig | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.store = store
        self.config = config or FetchConfig()
        self.sleep = sleep
        self.requests = 0           # exchanges actually sent (a cache hit sends none)
        self._client: httpx.Client | None = None

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            t = self.config.timeout
            self._client = httpx.Client(
                timeout=httpx.Timeout(t), follow_redirects=False, trust_env=False,
                # identity: the capture's digest is then over the very bytes the page is made of
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                         "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,text/plain;q=0.8,*/*;q=0.5"})
        return self._client

    def get(self, url: str, stop: Callable[[str], bool] | None = None) -> Fetched:
        """Follow `url`'s redirects hop by hop (each checked, each captured or read from the cache)
        and return the last answer. A 4xx/5xx answer raises FetchError. When `stop(next_url)` is
        true for a redirect target, the chain ends there without requesting it."""
        cfg = self.config
        chain: list[str] = []
        current = url
        for _ in range(cfg.max_redirects + 1):
            if current in chain:
                raise FetchError(url, "redirect loop: " + " -> ".join(chain + [current]))
            chain.append(current)
            cap = None if cfg.refresh else self.store.lookup(current)
            if cap is not None:
                stored = self.store.read(cap)
                status, reason, headers, raw = stored.status, stored.reason, stored.headers, stored.payload
                from_cache = True
            elif cfg.offline:
                raise NotCached(current, "not in the cache, and --offline makes no request")
            else:
                cap, status, reason, headers, raw = self._exchange(current)
                from_cache = False
            location = next((v for k, v in headers if k.lower() == "location"), "")
            if status in REDIRECTS and location:
                nxt = str(httpx.URL(current).join(location))
                if stop is not None and stop(nxt):
                    return Fetched(url, nxt, status, tuple(headers), b"", None, tuple(chain), from_cache)
                current = nxt
                continue
            if status >= 400:
                via = f" (redirected from {url})" if current != url else ""
                raise FetchError(current, f"HTTP {status} {reason or ''}".rstrip() + via)
            body = self._decode(current, headers, raw)
            return Fetched(url, current, status, tuple(headers), body, cap, tuple(chain), from_cache)
        raise FetchError(url, f"more than {cfg.max_redirects} redirects: " + " -> ".join(chain[:4]) + " …")

    def _decode(self, url: str, headers: Iterable[tuple[str, str]], raw: bytes) -> bytes:
        return decode_body(url, headers, raw, self.config.max_bytes)

    def _exchange(self, url: str) -> tuple[Capture, int, str, list[tuple[str, str]], bytes]:
        """One URL, retried on 429/5xx/transport errors. Returns the last answer."""
        cfg = self.config
        attempt = 0
        while True:
            check_url(url, cfg.allow_private, cfg.allowed_hosts)
            try:
                result = self._once(url)
            except httpx.TimeoutException:
                why = f"timed out (no answer within {cfg.timeout:g} s)"
            except httpx.TransportError as e:
                why = f"connection failed ({type(e).__name__}: {e or 'no detail'})"
            else:
                status, headers = result[1], result[3]
                if not (status == 429 or status >= 500) or attempt >= cfg.retries:
                    return result
                after = _retry_after(next((v for k, v in headers if k.lower() == "retry-after"), ""), time.time())
                self.sleep(min(cfg.max_wait, after if after is not None else cfg.backoff * 2**attempt))
                attempt += 1
                continue
            if attempt >= cfg.retries:
                raise FetchError(url, why + (f" after {attempt + 1} attempts" if attempt else ""))
            self.sleep(min(cfg.max_wait, cfg.backoff * 2**attempt))
            attempt += 1

    def _once(self, url: str) -> tuple[Capture, int, str, list[tuple[str, str]], bytes]:
        cfg = self.config
        started = time.monotonic()
        self.requests += 1
        with self.client.stream("GET", url) as r:
            ip = _peer(r)
            if ip and not cfg.allow_private and not _allowed(url, cfg.allowed_hosts):
                kind = _address_kind(ipaddress.ip_address(ip.split("%")[0]))
                if kind:  # the name resolved differently for httpx than for check_url
                    raise RefusedURL(url, f"refused: connected to {ip}, a {kind} address")
            headers = list(r.headers.raw)
            hdrs = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers]
            chunks: list[bytes] = []
            size = 0
            truncated = False
            declared = r.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cfg.max_bytes:
                truncated = True
            else:
                for chunk in r.iter_raw():
                    if size + len(chunk) > cfg.max_bytes:
                        chunks.append(chunk[:cfg.max_bytes - size])
                        truncated = True
                        break
                    size += len(chunk)
                    chunks.append(chunk)
                    if time.monotonic() - started > cfg.deadline:
                        raise FetchError(url, f"the answer took longer than {cfg.deadline:g} s; stopped reading")
            payload = b"".join(chunks)
            req_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in r.request.headers.raw]
            cap = self.store.record(url=url, method="GET", request_headers=req_headers, status=r.status_code,
                                    reason=r.reason_phrase, response_headers=hdrs, payload=payload, ip=ip,
                                    truncated=truncated, http_version=r.http_version,
                                    date=datetime.now(timezone.utc))
        if truncated:
            raise FetchError(url, f"the body is larger than the size cap of {cfg.max_bytes} bytes "
                                  f"(Content-Length {declared or 'not given'}); stopped reading, nothing was written")
        return cap, r.status_code, r.reason_phrase, hdrs, payload


def decode_body(url: str, headers: Iterable[tuple[str, str]], raw: bytes, limit: int) -> bytes:
    """The body without its Content-Encoding (gzip, deflate), at most `limit` bytes of it."""
    enc = next((v for k, v in headers if k.lower() == "content-encoding"), "")
    try:
        body = _Decoder(enc).decode(raw, limit)
    except (ValueError, zlib.error) as e:
        raise FetchError(url, f"cannot decode the body (Content-Encoding {enc!r}: {e})") from None
    if len(body) > limit:
        raise FetchError(url, f"the body decompresses to more than the size cap of {limit} bytes")
    return body


def _allowed(url: str, allowed_hosts: tuple[str, ...]) -> bool:
    u = httpx.URL(url)
    host = (u.host or "").lower()
    return host in allowed_hosts or f"{host}:{u.port or (443 if u.scheme == 'https' else 80)}" in allowed_hosts


def _peer(r: httpx.Response) -> str | None:
    stream = r.extensions.get("network_stream")
    if stream is None:
        return None
    try:
        addr = stream.get_extra_info("server_addr")
    except Exception:
        return None
    return str(addr[0]) if addr else None
