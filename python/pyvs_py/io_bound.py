"""io-bound: K requests to a local HTTP server, each answered after d ms.

The reference document's I/O-bound test (section 2, test 2; section 4,
compare_io_bound) over a real server that pyvs starts on 127.0.0.1, then the
same concurrency models over plain sleeps. HTTP variants return
"K responses, B bytes"; sleep variants return "K waits".
"""
import asyncio
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from ._workers import on_threads

# No proxy: the server is on this machine, whatever http_proxy says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _path(delay_ms, response_bytes):
    return f"/delay/{delay_ms}?bytes={response_bytes}"


def _url(port, delay_ms, response_bytes):
    return f"http://127.0.0.1:{port}{_path(delay_ms, response_bytes)}"


def _get(url):
    with _OPENER.open(url, timeout=120) as response:
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")
        return len(response.read())


def _responses(sizes):
    return f"{len(sizes)} responses, {sum(sizes)} bytes"


def http_serial(requests, port, delay_ms, response_bytes, **_):
    """urllib.request, one request after another: K × d."""
    url = _url(port, delay_ms, response_bytes)
    return _responses([_get(url) for _ in range(requests)])


def http_threads(requests, port, delay_ms, response_bytes, **_):
    """A threading.Thread per request: the GIL is released while a thread waits."""
    url = _url(port, delay_ms, response_bytes)
    return _responses(on_threads(requests, lambda _: _get(url)))


def http_executor(requests, port, delay_ms, response_bytes, **_):
    """ThreadPoolExecutor with a worker per request."""
    url = _url(port, delay_ms, response_bytes)
    with ThreadPoolExecutor(max_workers=requests) as pool:
        return _responses(list(pool.map(lambda _: _get(url), range(requests))))


async def _fetch(port, path):
    """One GET over asyncio streams (standard library only)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = head.split(b"\r\n", 1)[0]
        if b" 200 " not in status:
            raise RuntimeError(f"{path} answered {status.decode(errors='replace')}")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        return len(await reader.readexactly(length))
    finally:
        writer.close()
        await writer.wait_closed()


def http_asyncio(requests, port, delay_ms, response_bytes, **_):
    """asyncio.gather of coroutines on one thread: the waits overlap."""
    path = _path(delay_ms, response_bytes)

    async def main():
        return await asyncio.gather(*(_fetch(port, path) for _ in range(requests)))

    return _responses(asyncio.run(main()))


def prepare_http_aiohttp(**_):
    """Imports aiohttp before the measured region (its import takes ~0.1 s)."""
    import aiohttp  # noqa: F401


def http_aiohttp(requests, port, delay_ms, response_bytes, **_):
    """aiohttp.ClientSession with a connection per request, asyncio.gather."""
    import aiohttp

    url = _url(port, delay_ms, response_bytes)

    async def one(session):
        async with session.get(url) as response:
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
            return len(await response.read())

    async def main():
        connector = aiohttp.TCPConnector(limit=requests)
        async with aiohttp.ClientSession(connector=connector) as session:
            return await asyncio.gather(*(one(session) for _ in range(requests)))

    return _responses(asyncio.run(main()))


def sleep_serial(requests, delay_ms, **_):
    """time.sleep, one after another."""
    for _ in range(requests):
        time.sleep(delay_ms / 1000)
    return f"{requests} waits"


def sleep_threads(requests, delay_ms, **_):
    """A thread per time.sleep: sleeping releases the GIL."""
    done = on_threads(requests, lambda _: time.sleep(delay_ms / 1000) or 1)
    return f"{sum(done)} waits"


def sleep_asyncio(requests, delay_ms, **_):
    """asyncio.gather of asyncio.sleep on one thread."""
    async def one():
        await asyncio.sleep(delay_ms / 1000)
        return 1

    async def main():
        return await asyncio.gather(*(one() for _ in range(requests)))

    return f"{sum(asyncio.run(main()))} waits"
