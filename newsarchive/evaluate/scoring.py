"""Field scorers for the labelled corpus: the same rules for newsarchive and for its peers.

Titles and names are compared after NFC and whitespace normalisation only, so a tone-style or
diacritic slip counts as wrong (researchers search the archive by exact words).  Body text is a
bag of lower-cased word tokens per page, averaged over pages, so a long article weighs as much
as a short one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from statistics import mean
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

VN_TZ = timezone(timedelta(hours=7))
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")


def norm(text: str | None) -> str:
    """NFC, whitespace runs to one space, trimmed; None and blank both become ''."""
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def same_text(want: str | None, got: str | None) -> bool:
    """Exact match after :func:`norm` (None equals '')."""
    return norm(want) == norm(got)


def tokens(text: str | None) -> list[str]:
    """Lower-cased word tokens of NFC text (digits count as words; punctuation does not)."""
    return _TOKEN.findall(norm(text).lower())


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one comparison."""

    precision: float
    recall: float
    f1: float


def _prf(tp: float, n_pred: float, n_true: float) -> PRF:
    if n_pred == 0 and n_true == 0:
        return PRF(1.0, 1.0, 1.0)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f)


def body_prf(want: str | None, got: str | None) -> PRF:
    """Token multiset precision/recall/F1 of one page's body (empty vs empty is perfect)."""
    w, g = Counter(tokens(want)), Counter(tokens(got))
    tp = sum((w & g).values())
    return _prf(tp, sum(g.values()), sum(w.values()))


def parse_when(value: str | datetime | None) -> datetime | None:
    """An ISO string or datetime as wall-clock time in Vietnam (naive values are taken as local).

    A day-only value becomes midnight with ``has_time`` unknown; use :func:`has_time` on the
    original string to tell.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        text = str(value).strip().replace("Z", "+00:00")
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            try:
                dt = datetime.fromisoformat(text[:10])
            except ValueError:
                return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(VN_TZ).replace(tzinfo=None)
    return dt


def has_time(value: str | None) -> bool:
    """True when an ISO truth value carries a time of day (``YYYY-MM-DDTHH:MM``)."""
    return bool(value) and "T" in str(value)


def same_day(want: str | None, got: str | datetime | None) -> bool:
    """The published day matches (Vietnam time).  A missing truth date expects no date."""
    w, g = parse_when(want), parse_when(got)
    if w is None or g is None:
        return w is None and g is None
    return w.date() == g.date()


def same_minute(want: str, got: str | datetime | None) -> bool:
    """Day, hour and minute match (Vietnam time)."""
    w, g = parse_when(want), parse_when(got)
    if w is None or g is None:
        return False
    return w.replace(second=0, microsecond=0) == g.replace(second=0, microsecond=0)


def caption_pairs(captions: Iterable[object]) -> Counter[tuple[str, str]]:
    """(text, credit) pairs, normalised, from Caption objects or dicts; empty captions dropped."""
    out: Counter[tuple[str, str]] = Counter()
    for c in captions:
        if isinstance(c, dict):
            text, credit = c.get("text"), c.get("credit")
        else:
            text, credit = getattr(c, "text", None), getattr(c, "credit", None)
        if norm(text) or norm(credit):
            out[(norm(text), norm(credit))] += 1
    return out


def caption_counts(want: Iterable[object], got: Iterable[object]) -> tuple[int, int, int]:
    """(matched, predicted, true) caption pairs on one page, for micro-averaging."""
    w, g = caption_pairs(want), caption_pairs(got)
    return sum((w & g).values()), sum(g.values()), sum(w.values())


def article_text(fields: dict[str, object]) -> str:
    """Lead plus body: the article's running text whichever way an extractor splits it.

    Peers have no lead field, so body scores compare the whole running text; whether the lead
    was told apart is scored on its own (``sapo``) for extractors that report one.
    """
    return "\n\n".join(str(x) for x in (fields.get("sapo"), fields.get("body")) if x)


@dataclass
class Tally:
    """Running scores of one extractor over the corpus."""

    title: list[bool] = field(default_factory=list)
    day: list[bool] = field(default_factory=list)
    minute: list[bool] = field(default_factory=list)
    body: list[PRF] = field(default_factory=list)
    cap_tp: int = 0
    cap_pred: int = 0
    cap_true: int = 0
    author: list[bool] = field(default_factory=list)
    credit: list[bool] = field(default_factory=list)
    kind: list[bool] = field(default_factory=list)
    cpu_seconds: float = 0.0
    pages: int = 0
    failures: list[str] = field(default_factory=list)
    #: Whether the extractor separates the lead (sapo) from the body, so the lead is scored too.
    scores_lead: bool = False
    sapo: list[bool] = field(default_factory=list)

    def add_article(self, truth: dict[str, object], got: dict[str, object], label: str) -> None:
        """Score one article page; ``got`` holds the extractor's fields (missing = None)."""
        checks = {
            "title": same_text(truth.get("title"), got.get("title")),  # type: ignore[arg-type]
            "day": same_day(truth.get("published"), got.get("published")),  # type: ignore[arg-type]
            "author": same_text(truth.get("author"), got.get("author")),  # type: ignore[arg-type]
            "credit": same_text(truth.get("credit"), got.get("credit")),  # type: ignore[arg-type]
        }
        self.title.append(checks["title"])
        self.day.append(checks["day"])
        self.author.append(checks["author"])
        self.credit.append(checks["credit"])
        published = truth.get("published")
        if isinstance(published, str) and has_time(published):
            ok = same_minute(published, got.get("published"))  # type: ignore[arg-type]
            self.minute.append(ok)
            checks["minute"] = ok
        if self.scores_lead:
            checks["sapo"] = same_text(truth.get("sapo"), got.get("sapo"))  # type: ignore[arg-type]
            self.sapo.append(checks["sapo"])
        prf = body_prf(article_text(truth), article_text(got))
        self.body.append(prf)
        checks["body"] = prf.f1 >= 0.97
        tp, n_pred, n_true = caption_counts(
            cast("Iterable[object]", truth.get("captions") or []),
            cast("Iterable[object]", got.get("captions") or []),
        )
        self.cap_tp += tp
        self.cap_pred += n_pred
        self.cap_true += n_true
        checks["captions"] = tp == n_pred == n_true
        wrong = sorted(k for k, ok in checks.items() if not ok)
        if wrong:
            self.failures.append(f"{label}: {', '.join(wrong)}")

    def add_kind(self, truth_is_article: bool, got_is_article: bool, label: str) -> None:
        """Score article / non-article detection on one page."""
        ok = truth_is_article == got_is_article
        self.kind.append(ok)
        if not ok:
            self.failures.append(f"{label}: page kind (is_article={got_is_article})")

    def metrics(self) -> dict[str, float | None]:
        """The table row: accuracies and averages (None where nothing was measured)."""

        def acc(values: Sequence[bool]) -> float | None:
            return sum(values) / len(values) if values else None

        return {
            "title": acc(self.title),
            "sapo": acc(self.sapo),
            "published_day": acc(self.day),
            "published_minute": acc(self.minute),
            "body_precision": mean(p.precision for p in self.body) if self.body else None,
            "body_recall": mean(p.recall for p in self.body) if self.body else None,
            "body_f1": mean(p.f1 for p in self.body) if self.body else None,
            "caption_precision": self.cap_tp / self.cap_pred if self.cap_pred else None,
            "caption_recall": self.cap_tp / self.cap_true if self.cap_true else None,
            "author": acc(self.author),
            "credit": acc(self.credit),
            "non_article": acc(self.kind),
            "pages_per_s": self.pages / self.cpu_seconds if self.cpu_seconds > 0 else None,
        }
