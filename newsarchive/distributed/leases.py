"""Requests a worker has taken but not finished, so a killed worker's requests go back to the queue.

scrapy-redis pops a request from the shared queue and forgets it: if the worker dies before the
response is processed, the request is gone (and its URL is already in the dupefilter, so it is
never fetched).  Here a pop atomically moves the request to the worker's *in-flight* sorted set,
it is removed from there once its response has been processed (links enqueued, items pushed), and
every worker keeps a heartbeat key.  Any worker that notices a dead peer (heartbeat expired) moves
the peer's in-flight requests back to the queue, atomically, in a Lua script.
"""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING, Any

from newsarchive.distributed.connection import REDIS_DOWN
from newsarchive.distributed.keys import alive_prefix, inflight_prefix, workers_key

if TYPE_CHECKING:
    from collections.abc import Callable

    import redis
    from scrapy import Request

    from newsarchive.distributed.connection import Outage

logger = logging.getLogger(__name__)

#: request.meta key holding this worker's lease number for the request.
LEASE_META = "newsarchive_lease"

# KEYS: queue, inflight(me).  Pop the best request and park it in my in-flight set.
POP_SCRIPT = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('ZADD', KEYS[2], r[2], r[1])
return r
"""

# KEYS: queue, workers, dupefilter.  ARGV: inflight prefix, alive prefix, me, clear_mine (0/1),
# delete_dupefilter_when_quiet (0/1).  Requeue dead workers' requests; report whether the run
# is over (nothing queued, nobody holding a request) and, if asked, forget the run's dupefilter.
SURVEY_SCRIPT = """
if ARGV[4] == '1' then redis.call('DEL', ARGV[1] .. ARGV[3]) end
local reaped, busy = 0, 0
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local inflight = ARGV[1] .. w
  if redis.call('EXISTS', ARGV[2] .. w) == 0 then
    local r = redis.call('ZRANGE', inflight, 0, -1, 'WITHSCORES')
    for i = 1, #r, 2 do redis.call('ZADD', KEYS[1], r[i + 1], r[i]) end
    reaped = reaped + #r / 2
    redis.call('DEL', inflight)
    redis.call('SREM', KEYS[2], w)
  else
    busy = busy + redis.call('ZCARD', inflight)
  end
end
local queued = redis.call('ZCARD', KEYS[1])
if ARGV[5] == '1' and busy == 0 and queued == 0 then redis.call('DEL', KEYS[3]) end
return {reaped, busy, queued}
"""

# KEYS: inflight, queue.  Put everything I hold back (used when I stop before finishing).
RETURN_SCRIPT = """
local r = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #r, 2 do redis.call('ZADD', KEYS[2], r[i + 1], r[i]) end
redis.call('DEL', KEYS[1])
return #r / 2
"""


class LeaseBook:
    """One worker's leases on one source's queue, plus its heartbeat."""

    def __init__(self, client: redis.Redis, outage: Outage, *, source: str, worker: str,
                 queue_key: str, dupefilter_key: str, ttl: float) -> None:
        self.client = client
        self.outage = outage
        self.source = source
        self.worker = worker
        self.queue_key = queue_key
        self.dupefilter_key = dupefilter_key
        self.ttl_ms = max(int(ttl * 1000), 1000)
        self.inflight_key = inflight_prefix(source) + worker
        self.alive_key = alive_prefix(source) + worker
        self._pop = client.register_script(POP_SCRIPT)
        self._survey = client.register_script(SURVEY_SCRIPT)
        self._return = client.register_script(RETURN_SCRIPT)
        self._numbers = itertools.count(1)
        self._held: dict[int, bytes] = {}
        self._finished: list[bytes] = []
        #: Callables that say "this worker still holds data Redis has not got" (then acks wait).
        self.blockers: list[Callable[[], bool]] = []

    # -- membership -------------------------------------------------------------------------
    def register(self) -> None:
        pipe = self.client.pipeline()
        pipe.sadd(workers_key(self.source), self.worker)
        pipe.set(self.alive_key, b"1", px=self.ttl_ms)
        pipe.execute()

    def heartbeat(self) -> None:
        """Refresh the heartbeat and retry acks that waited; raises when Redis is down."""
        pipe = self.client.pipeline()
        pipe.sadd(workers_key(self.source), self.worker)
        pipe.set(self.alive_key, b"1", px=self.ttl_ms)
        pipe.execute()
        self._send_acks()

    # -- taking and finishing requests ------------------------------------------------------
    def pop(self) -> tuple[bytes, float] | None:
        """Atomically take the best queued request into my in-flight set."""
        r = self._pop(keys=[self.queue_key, self.inflight_key])
        if not r:
            return None
        return r[0], float(r[1])

    def hold(self, request: Request, data: bytes) -> None:
        number = next(self._numbers)
        self._held[number] = data
        request.meta[LEASE_META] = number

    def finish(self, meta: dict[str, Any]) -> None:
        """The request behind ``meta`` is fully processed: drop it from my in-flight set."""
        number = meta.get(LEASE_META)
        data = self._held.pop(number, None) if isinstance(number, int) else None
        if data is None:
            return
        self._finished.append(data)
        try:
            self._send_acks()
        except REDIS_DOWN as exc:
            self.outage.failed(exc)

    def _send_acks(self) -> None:
        if not self._finished or any(blocked() for blocked in self.blockers):
            return
        done = list(self._finished)
        self.client.zrem(self.inflight_key, *done)
        del self._finished[: len(done)]

    @property
    def holding(self) -> int:
        return len(self._held)

    # -- the whole run ----------------------------------------------------------------------
    def survey(self, *, idle: bool) -> tuple[int, int, int]:
        """(requests requeued from dead workers, requests held by live workers, queued).

        ``idle=True`` means this worker has nothing in progress: its in-flight set is cleared
        first, and the run's dupefilter is deleted when the whole run turns out to be over.
        """
        if idle:
            if any(blocked() for blocked in self.blockers):
                idle = False
            else:
                self._held.clear()
                self._finished.clear()
        flag = b"1" if idle else b"0"
        reaped, busy, queued = self._survey(
            keys=[self.queue_key, workers_key(self.source), self.dupefilter_key],
            args=[inflight_prefix(self.source), alive_prefix(self.source), self.worker, flag, flag],
        )
        if reaped:
            logger.warning("%s: %d requests of a worker that stopped answering were put back in "
                           "the queue", self.source, reaped)
        return int(reaped), int(busy), int(queued)

    def leave(self, *, finished: bool) -> int:
        """Unregister; unfinished requests go back to the queue unless the run finished."""
        returned = 0
        if finished:
            self.client.delete(self.inflight_key)
        else:
            returned = int(self._return(keys=[self.inflight_key, self.queue_key]))
        pipe = self.client.pipeline()
        pipe.srem(workers_key(self.source), self.worker)
        pipe.delete(self.alive_key)
        pipe.execute()
        return returned
