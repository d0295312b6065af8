"""The reliable item queue between crawl workers and the one archive writer.

Workers ``LPUSH`` JSON messages (an article with its capture reference, a capture, or a crawl
summary) onto one Redis list.  The ingester ``LMOVE``s a batch onto its processing list, stores
the batch in one SQLite transaction that also records each message id, and only then deletes the
processing list.  A killed ingester finds its batch still parked there on restart and replays it;
message ids already committed are skipped, so nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import deque
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from newsarchive.distributed.connection import REDIS_DOWN, Outage
from newsarchive.distributed.keys import ITEMS_KEY, dead_key, processing_key

if TYPE_CHECKING:
    import redis

logger = logging.getLogger(__name__)

MESSAGE_VERSION = 1


def make_message(kind: str, payload: dict[str, Any], *, worker: str) -> dict[str, Any]:
    """A queue message: ``kind`` is "article", "capture" or "crawl"; ``id`` makes replays safe."""
    return {
        "v": MESSAGE_VERSION,
        "id": uuid.uuid4().hex,
        "kind": kind,
        "worker": worker,
        "pushed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        kind: payload,
    }


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(raw: bytes) -> dict[str, Any]:
    message = json.loads(raw.decode("utf-8"))
    if not isinstance(message, dict) or "id" not in message or "kind" not in message:
        raise ValueError("not a newsarchive queue message")
    return message


class ItemPusher:
    """Worker side: pushes messages in order; keeps them in memory while Redis is away."""

    def __init__(self, client: redis.Redis, outage: Outage, *, key: str = ITEMS_KEY) -> None:
        self.client = client
        self.outage = outage
        self.key = key
        self.backlog: deque[bytes] = deque()
        self.pushed = 0

    def push(self, message: dict[str, Any]) -> bool:
        """Queue one message; True when it (and everything before it) reached Redis."""
        self.backlog.append(encode(message))
        return self.flush()

    def flush(self) -> bool:
        """Send the backlog in order; False (and keep it) while Redis is unreachable."""
        if not self.backlog:
            return True
        batch = list(self.backlog)
        try:
            self.client.lpush(self.key, *batch)
        except REDIS_DOWN as exc:
            self.outage.failed(exc)
            return False
        self.outage.ok()
        for _ in batch:
            self.backlog.popleft()
        self.pushed += len(batch)
        return True


class ItemConsumer:
    """Ingester side: take a batch onto the processing list; clear it once committed."""

    def __init__(self, client: redis.Redis, *, key: str = ITEMS_KEY) -> None:
        self.client = client
        self.key = key
        self.processing = processing_key(key)
        self.dead = dead_key(key)

    def parked(self) -> list[bytes]:
        """A batch left by an ingester that died before clearing it, oldest first."""
        raw = cast("list[bytes]", self.client.lrange(self.processing, 0, -1))
        return list(reversed(raw))

    def take(self, batch: int, timeout: float) -> list[bytes]:
        """Move up to ``batch`` messages, oldest first; wait up to ``timeout`` s for the first."""
        # redis-py types the timeout as int; Redis 6+ takes fractional seconds.
        first = self.client.blmove(self.key, self.processing, timeout,  # type: ignore[arg-type]
                                   "RIGHT", "LEFT")
        if first is None:
            return []
        taken = [cast("bytes", first)]
        while len(taken) < batch:
            nxt = self.client.lmove(self.key, self.processing, "RIGHT", "LEFT")
            if nxt is None:
                break
            taken.append(cast("bytes", nxt))
        return taken

    def done(self) -> None:
        """The parked batch is committed: forget it."""
        self.client.delete(self.processing)

    def bury(self, raw: bytes, error: str) -> None:
        """Keep an unstorable message, with the reason, for an operator to look at."""
        self.client.lpush(self.dead, encode({"error": error[:2000],
                                             "raw": raw.decode("utf-8", "replace")}))

    def backlog(self) -> int:
        return int(self.client.llen(self.key))
