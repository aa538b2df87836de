"""Query worker processes that can be killed: the only way to stop a pyoxigraph query.

pyoxigraph's ``Store.query`` has no timeout or cancel, SIGALRM cannot interrupt it and a thread
cannot be killed, so queries run in worker processes. To make a replacement cheap, a *zygote*
process loads the dataset once (in memory) and forks workers on demand: a fork shares the loaded
store copy-on-write and takes milliseconds, where reloading 1M triples takes seconds. For an on-disk
store the zygote only forks, and each worker opens ``Store.read_only`` itself (RocksDB must not be
opened before a fork).

The web process talks to the zygote over a control socket (spawn requests; the new worker's socket
comes back with SCM_RIGHTS) and to each worker over its own socket: one request frame out, one
response frame back, plain bytes (results are serialised inside the worker, never sent as objects).
A worker past its deadline is SIGKILLed through a pidfd (no PID-reuse race) and forgotten; the next
request forks a fresh one. The zygote exits when the web process goes away (EOF on the socket).
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError, QueryMemoryExceeded, QueryTimeout, StoreError

log = logging.getLogger("kg.server.pool")

# A query still running after this long is demoted to nice DEMOTED_NICE so that short queries keep
# their latency while heavy ones (and runaways, until their deadline) use the CPU that is left.
SLOW_QUERY_S = 1.0
DEMOTED_NICE = 10
# Workers beyond Settings.query_workers are kept while busy periods last, retired after this idle time.
IDLE_RETIRE_S = 30.0
# While a query runs past this, its worker's resident memory is read this often and compared with the
# memory budget (queries shorter than one interval are never measured: they cost nothing extra).
MEMORY_CHECK_S = 0.1
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

_LEN = struct.Struct("!I")
_RESP = struct.Struct("!II")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class PoolClosed(StoreError):
    """This pool was replaced (a new store was picked up); the caller retries on the new one."""


class PoolBroken(StoreError):
    """The dataset (zygote) process died; the engine starts a new pool."""


class EngineFailure(KGError):
    """The worker process died while running a query (it has been replaced)."""

    status, exit_code, title = 500, 1, "Query engine failure"


# --- framing ------------------------------------------------------------------------------------
def _recv_some(sock: socket.socket, view: memoryview, deadline: float | None) -> int:
    """One recv into `view` within the deadline; EOFError when the peer has gone."""
    if deadline is not None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("deadline passed")
        sock.settimeout(remaining)
    k = sock.recv_into(view)
    if k == 0:
        raise EOFError("peer closed the connection")
    return k


def _recv_exact(sock: socket.socket, n: int, deadline: float | None = None) -> bytearray:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        got += _recv_some(sock, view[got:], deadline)
    return buf


def send_msg(sock: socket.socket, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_LEN.pack(len(data)) + data)


def recv_msg(sock: socket.socket, deadline: float | None = None):
    """One pickled message, or None on a clean EOF before it starts."""
    try:
        (n,) = _LEN.unpack(_recv_exact(sock, 4, deadline))
    except EOFError:
        return None
    return pickle.loads(_recv_exact(sock, n, deadline))


def send_response(sock: socket.socket, header: dict, body: bytes) -> None:
    """One write per answer (a second wake-up of the reader costs more than copying a small body)."""
    h = pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL)
    prefix = _RESP.pack(len(h), len(body)) + h
    if len(body) <= 1 << 20:
        sock.sendall(prefix + body)
    else:
        sock.sendall(prefix)
        sock.sendall(body)


_FIRST_READ = 1 << 16


def recv_response(sock: socket.socket, deadline: float) -> tuple[dict, bytes]:
    """Read one answer; small answers arrive in a single recv."""
    buf = bytearray(_FIRST_READ)
    view = memoryview(buf)
    got = 0
    while got < _RESP.size:
        got += _recv_some(sock, view[got:], deadline)
    hlen, blen = _RESP.unpack_from(buf)
    total = _RESP.size + hlen + blen
    if total > got:
        data = bytes(view[:got]) + bytes(_recv_exact(sock, total - got, deadline))
    else:
        data = bytes(view[:total])
    header = pickle.loads(data[_RESP.size:_RESP.size + hlen])
    return header, data[_RESP.size + hlen:]


# --- zygote and worker (child side) ---------------------------------------------------------------
def zygote_main(ctl_fd: int) -> None:
    """Entry point of the zygote process (started by WorkerPool with `python -c`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the web server decides when we stop
    ctl = socket.socket(fileno=ctl_fd)
    spec = recv_msg(ctl)
    if spec is None:
        return
    from server import worker  # imported here so that the web process never loads it twice

    try:
        state = worker.open_dataset(spec)
    except Exception as exc:  # report any load failure to the parent instead of dying silently
        send_msg(ctl, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
        return
    send_msg(ctl, {"ok": True, **state.info})
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    while True:
        msg = recv_msg(ctl)
        if msg is None:
            os._exit(0)
        op = msg.get("op")
        if op == "spawn":
            parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            pid = os.fork()
            if pid == 0:  # the worker
                try:
                    ctl.close()
                    parent_end.close()
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    worker.serve(child_end, state)
                finally:
                    os._exit(0)
            child_end.close()
            socket.send_fds(ctl, [struct.pack("!i", pid)], [parent_end.fileno()])
            parent_end.close()
        elif op == "update":
            try:
                info = worker.apply_update(state, msg["text"])
                send_msg(ctl, {"ok": True, **info})
            except Exception as exc:
                send_msg(ctl, {"ok": False, "error": str(exc), "kind": type(exc).__name__})
        else:
            send_msg(ctl, {"ok": False, "error": f"unknown op {op!r}"})


# --- web-process side -----------------------------------------------------------------------------
@dataclass(eq=False)
class _Worker:
    pid: int
    pidfd: int
    sock: socket.socket
    generation: int
    idle_since: float = 0.0
    demoted: bool = False

    def demote(self) -> None:
        """Lower CPU priority for a worker running a slow query, until it finishes."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.pid, DEMOTED_NICE)
            self.demoted = True
        except OSError:
            pass

    def restore(self) -> bool:
        """Normal priority again; False when not permitted (no CAP_SYS_NICE): then it is retired."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.pid, 0)
        except OSError:
            return False
        self.demoted = False
        return True

    def alive(self) -> bool:
        """An idle worker's socket is readable only if the worker died (EOF): one zero-timeout select."""
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable  # a live idle worker never writes unasked: readable means EOF

    def rss(self) -> int | None:
        """Resident bytes of the worker (Linux /proc), or None when it cannot be read."""
        try:
            with open(f"/proc/{self.pid}/statm", "rb") as fh:
                return int(fh.read().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            return None

    def kill(self) -> None:
        try:
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass
        for close in (self.sock.close, lambda: os.close(self.pidfd)):
            try:
                close()
            except OSError:
                pass


class WorkerPool:
    """A zygote plus up to `max_size` forked workers; `call()` runs one request under a deadline."""

    def __init__(self, spec: dict, size: int = 2, max_size: int = 4, start_timeout_s: float = 600.0,
                 memory_budget_mb: int = 0):
        self.spec = spec
        self.size = max(1, size)
        # Most bytes one query may add to its worker's resident memory (0: unlimited). The query engine
        # has no allocation limit of its own, so a cross product with ORDER BY would otherwise grow until
        # the machine swaps or the kernel kills something (the dataset process, say).
        self.memory_budget = max(0, memory_budget_mb) * 1024 * 1024
        self.max_size = max(self.size, max_size)
        self._cond = threading.Condition()
        self._ctl_lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._total = 0
        self._generation = 0
        self._closed = False
        self.kills = 0
        self.memory_kills = 0
        self.crashes = 0
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH")) if p)
        self._proc = subprocess.Popen(
            [sys.executable, "-c", f"from server.pool import zygote_main; zygote_main({child.fileno()})"],
            pass_fds=[child.fileno()],
            env=env,
            stdin=subprocess.DEVNULL,
        )
        child.close()
        self._ctl = parent
        send_msg(parent, spec)
        reply = recv_msg(parent, time.monotonic() + start_timeout_s)
        if not reply or not reply.get("ok"):
            self.close()
            why = (reply or {}).get("error", "the loader process exited")
            raise StoreError(f"Could not load the dataset to serve: {why}", hint="Check the path, or rebuild with 'kg build'.")
        self.info = {k: v for k, v in reply.items() if k != "ok"}
        for _ in range(self.size):  # warm: the first requests should not pay for forks
            self._release(self._spawn())

    # workers ----------------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        with self._ctl_lock:
            if self._closed:
                raise PoolClosed("The query engine is shutting down.", hint="Retry the request.")
            try:
                send_msg(self._ctl, {"op": "spawn"})
                self._ctl.settimeout(30)
                data, fds, _flags, _addr = socket.recv_fds(self._ctl, 4, 1)
                self._ctl.settimeout(None)
            except (OSError, EOFError) as exc:
                raise PoolBroken("The query engine's dataset process stopped.", hint="Retry the request.") from exc
        if len(data) != 4 or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            raise PoolBroken("The query engine's dataset process stopped.", hint="Retry the request.")
        (pid,) = struct.unpack("!i", data)
        sock = socket.socket(fileno=fds[0])
        sock.setblocking(True)
        pidfd = os.pidfd_open(pid)
        with self._cond:
            self._total += 1
            return _Worker(pid, pidfd, sock, self._generation)

    def _acquire(self, deadline: float) -> _Worker:
        dead: list[_Worker] = []
        try:
            with self._cond:
                while True:
                    if self._closed:
                        raise PoolClosed("The query engine is shutting down.", hint="Retry the request.")
                    while self._idle:
                        w = self._idle.pop()
                        if w.alive():
                            return w
                        self._total -= 1  # died while idle (OOM killer, operator): never hand it out
                        dead.append(w)
                    if self._total < self.max_size:
                        self._total += 1  # reserve the slot, fork outside the lock
                        break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise QueryTimeout(
                            "Every query worker stayed busy until this query's deadline.",
                            hint="Retry later; long-running queries from other clients occupy the workers.",
                        )
                    self._cond.wait(remaining)
        finally:
            for w in dead:
                w.kill()
        try:
            w = self._spawn()
        finally:
            with self._cond:
                self._total -= 1  # _spawn counted it again
        return w

    def _release(self, w: _Worker) -> None:
        """Back to the idle stack (LIFO: hot workers stay hot), unless stale; old surplus workers retire.

        Workers are kept rather than re-forked: reading the store writes to the pages it reads
        (reference counts, presumably), so a fresh fork first copies them (measured on 1M quads:
        45k page faults, a 30 ms query taking 230 ms the first time).
        """
        if w.demoted and not w.restore():
            w.generation = -1  # cannot get its priority back: retire it
        retire: list[_Worker] = []
        now = time.monotonic()
        with self._cond:
            if w.generation != self._generation or self._closed:
                self._total -= 1
                retire.append(w)
            else:
                w.idle_since = now
                self._idle.append(w)
            while self._total > self.size and self._idle and now - self._idle[0].idle_since > IDLE_RETIRE_S:
                retire.append(self._idle.pop(0))  # the bottom of the stack has been idle longest
                self._total -= 1
            self._cond.notify()
        for old in retire:
            old.kill()

    def _discard(self, w: _Worker) -> None:
        w.kill()
        with self._cond:
            self._total -= 1
            self._cond.notify()

    def call(self, request: dict, timeout_s: float) -> tuple[dict, bytes]:
        """Run one request in a worker; QueryTimeout after `timeout_s` (the worker is killed)."""
        deadline = time.monotonic() + timeout_s
        w = self._acquire(deadline)
        try:
            w.sock.settimeout(max(0.001, deadline - time.monotonic()))
            send_msg(w.sock, request)
            self._wait(w, deadline)
            header, body = recv_response(w.sock, deadline)
        except (socket.timeout, TimeoutError):
            self._discard(w)
            self.kills += 1
            raise QueryTimeout(
                f"The query did not finish within {timeout_s:g} s and was stopped.",
                hint="Make the query more selective (LIMIT, narrower patterns), or ask for a longer timeout up to the server's limit.",
            ) from None
        except QueryMemoryExceeded:
            self._discard(w)
            self.memory_kills += 1
            raise
        except (EOFError, ConnectionError, OSError) as exc:
            self._discard(w)
            self.crashes += 1
            raise EngineFailure(
                "The query engine process stopped while running this query; it has been replaced.",
                hint="If this query keeps failing, simplify it (very deep nesting or huge expressions).",
            ) from exc
        except BaseException:
            self._discard(w)
            raise
        self._release(w)
        return header, body

    def _wait(self, w: _Worker, deadline: float) -> None:
        """Wait until the worker answers or the deadline passes (the caller's read then times out).
        On the way: a query running past SLOW_QUERY_S is demoted, and one that grows its worker by
        more than the memory budget raises QueryMemoryExceeded."""
        started = time.monotonic()
        slow_at = min(deadline, started + SLOW_QUERY_S)
        slow = False
        base = None
        while True:
            now = time.monotonic()
            until = deadline if slow else slow_at
            if self.memory_budget:
                until = min(until, now + MEMORY_CHECK_S)
            readable, _, _ = select.select([w.sock], [], [], max(0.0, until - now))
            now = time.monotonic()
            if readable or now >= deadline:
                return
            if not slow and now >= slow_at:
                slow = True
                w.demote()  # a long query yields the CPU to short ones until its deadline
            if self.memory_budget:
                rss = w.rss()
                if rss is None:
                    continue
                if base is None:
                    base = rss  # after MEMORY_CHECK_S: what the worker held before this query, nearly
                elif rss - base > self.memory_budget:
                    raise QueryMemoryExceeded(
                        f"The query needed more than {self.memory_budget // (1024 * 1024)} MiB of memory and was "
                        f"stopped after {now - started:.1f} s.",
                        hint="Make the query more selective (LIMIT inside sub-queries, narrower patterns, fewer "
                             "cross products); ORDER BY and GROUP BY hold all their rows.",
                    )

    # updates and lifecycle ----------------------------------------------------------------------
    def update(self, text: str, timeout_s: float) -> dict:
        """Apply a SPARQL Update to the zygote's in-memory master copy, then recycle every worker."""
        with self._ctl_lock:
            send_msg(self._ctl, {"op": "update", "text": text})
            reply = recv_msg(self._ctl, time.monotonic() + timeout_s)
        if reply is None:
            raise StoreError("The dataset process stopped during the update.", hint="Restart the server.")
        if reply.get("ok"):
            self.recycle()
        return reply

    def recycle(self) -> None:
        """Retire every worker (busy ones when they finish) so new forks see the current data."""
        with self._cond:
            self._generation += 1
            idle, self._idle = self._idle, []
            self._total -= len(idle)
            self._cond.notify_all()
        for w in idle:
            w.kill()

    def stats(self) -> dict:
        with self._cond:
            return {"workers": self._total, "idle": len(self._idle), "max": self.max_size, "kills": self.kills,
                    "memory_kills": self.memory_kills, "crashes": self.crashes}

    def close(self) -> None:
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._cond.notify_all()
        for w in idle:
            w.kill()
        try:
            self._ctl.close()
        except OSError:
            pass
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=5)
