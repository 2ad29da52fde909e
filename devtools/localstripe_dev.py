"""Run localstripe, a fake Stripe API server, on 127.0.0.1 for development and tests.

``make run`` starts it when no Stripe keys are configured, and the test fixtures start it (as a
subprocess) through ``run_localstripe``, so both get the same server::

    python -m devtools.localstripe_dev --port 0 --nonce "$RANDOM_WORD" \\
        --store instance/localstripe.pickle \\
        --webhook-url http://127.0.0.1:5000/webhooks/stripe --webhook-secret whsec_demo

The ready line (``READY_PREFIX`` and the base URL) is printed only once the socket is bound and
listening, so the parent learns the port from its own child; when the port is taken the launcher
exits with a message instead (and no ready line). With ``--nonce``, ``GET /_config/launcher``
answers that word: the parent can check that the server answering is the one it started.

localstripe's own ``localstripe`` command listens on every interface (``::``) and keeps its state
in ``/tmp/localstripe.pickle``; this launcher binds one loopback address and puts the state file
where it is told. localstripe (and aiohttp) are development dependencies: nothing in the app
imports this module.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

LOOPBACK = "127.0.0.1"
# The line a parent process waits for (tests read it to learn the port when asked for port 0).
READY_PREFIX = "localstripe listening on "
NONCE_PATH = "/_config/launcher"  # localstripe serves /_config/... without an API key


class PortInUse(SystemExit):
    """Another program already listens on the requested port."""


def _persist_store_at(store_path: Path | None) -> None:
    """Make localstripe keep its state in ``store_path`` (or only in memory when None).

    localstripe hard-codes /tmp/localstripe.pickle in ``Store.try_load_from_disk`` and
    ``Store.dump_to_disk``; the methods are replaced on the class, not on the instance, so the
    pickled store carries no reference to this module.
    """
    from localstripe import resources

    def try_load_from_disk(self) -> None:
        if store_path is None or not store_path.exists():
            return
        with store_path.open("rb") as f:
            # Our own state file, written by dump_to_disk below.
            old = pickle.load(f)  # noqa: S301
        self.clear()
        self.update(old)

    def dump_to_disk(self) -> None:
        if store_path is None:
            return
        # localstripe dumps the whole store after every change; write then rename so a crash
        # mid-write cannot leave a truncated file that fails to load next time.
        tmp = store_path.with_name(store_path.name + ".tmp")
        with tmp.open("wb") as f:
            pickle.dump(dict(self), f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(store_path)

    resources.Store.try_load_from_disk = try_load_from_disk
    resources.Store.dump_to_disk = dump_to_disk


def run_localstripe(
    *,
    host: str = LOOPBACK,
    port: int = 0,
    store_path: Path | None = None,
    webhook_url: str | None = None,
    webhook_secret: str | None = None,
    access_log: bool = False,
    nonce: str | None = None,
) -> None:
    """Serve localstripe on ``host:port`` until SIGINT/SIGTERM (port 0 picks a free port).

    Prints ``READY_PREFIX + base URL`` on stdout once the socket is listening. With
    ``webhook_url`` and ``webhook_secret``, every event is delivered there, signed as Stripe does.
    """
    try:
        from aiohttp import web
        from localstripe.server import app
        from localstripe.webhooks import register_webhook
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SystemExit(
            "localstripe is not installed: pip install -r requirements-dev.txt"
        ) from exc

    if store_path is not None:
        store_path.parent.mkdir(parents=True, exist_ok=True)
    _persist_store_at(store_path)
    from localstripe.resources import store

    store.try_load_from_disk()

    if webhook_url and webhook_secret:
        # Same call as POST /_config/webhooks/<id>; done in-process before serving, so the
        # webhook exists before the first request can create an event.
        register_webhook("dev", webhook_url, webhook_secret, None)

    if nonce:

        async def launcher_nonce(request):
            return web.Response(text=nonce)

        app.router.add_get(NONCE_PATH, launcher_nonce)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # SO_REUSEADDR lets a restart reuse a port left in TIME_WAIT; Linux still refuses the bind
    # while any other socket listens there (only SO_REUSEPORT, never set here, would share it).
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise PortInUse(
            f"localstripe: cannot listen on {host}:{port} ({exc.strerror}); "
            "another program is using that port"
        ) from exc
    bound_host, bound_port = sock.getsockname()[:2]
    print(f"{READY_PREFIX}http://{bound_host}:{bound_port}", flush=True)

    logger = None
    if access_log:
        logger = logging.getLogger("aiohttp.access")
        logger.setLevel(logging.INFO)
        logger.addHandler(logging.StreamHandler())
    web.run_app(app, sock=sock, access_log=logger, print=None)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.localstripe_dev",
        description="Run localstripe (a fake Stripe API) on 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=0, help="0 (the default) picks a free port")
    parser.add_argument(
        "--store",
        type=Path,
        default=Path("instance/localstripe.pickle"),
        help="state file, loaded at start and rewritten after every change",
    )
    parser.add_argument(
        "--memory-only", action="store_true", help="keep no state file (ignores --store)"
    )
    parser.add_argument("--webhook-url", help="where localstripe delivers signed events")
    parser.add_argument(
        "--webhook-secret", help="the whsec_... secret those events are signed with"
    )
    parser.add_argument("--quiet", action="store_true", help="no access log on stderr")
    parser.add_argument("--nonce", help=f"a word served at GET {NONCE_PATH}, to recognise us")
    args = parser.parse_args(argv)
    if bool(args.webhook_url) != bool(args.webhook_secret):
        parser.error("--webhook-url and --webhook-secret go together")
    run_localstripe(
        port=args.port,
        store_path=None if args.memory_only else args.store,
        webhook_url=args.webhook_url,
        webhook_secret=args.webhook_secret,
        access_log=not args.quiet,
        nonce=args.nonce,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
