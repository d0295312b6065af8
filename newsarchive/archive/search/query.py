"""The search query language: a user's words -> an FTS5 MATCH expression.

Query language (what `newsarchive search` documents):
  words            every word must appear (AND)
  "a phrase"       the words next to each other; an unclosed quote closes at the end
  word*            prefix
  -word, NOT word  exclude articles with the word (or -"a phrase")
  a OR b           either; OR binds to its neighbours: ``a OR b c`` = (a or b) and c
A word typed with tone marks or đ matches that exact word in either tone style (hòa = hoà, but
má is not mạ); a word typed without marks matches every marked variant (dien = điện), exact
spellings first.  Punctuation is a separator, as in the index.  Nothing the user types reaches
FTS5 unquoted, so no input produces an SQLite syntax error; input with no word to look for
raises :class:`QueryError` with a message meant for the user.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsarchive.archive.fts import EXACT_COLUMNS
from newsarchive.vietnamese import fold, to_style

MAX_TERMS = 64
_WORD_RE = re.compile(r"\w+")


class QueryError(ValueError):
    """A search query or filter that cannot be run; the message is written for the user."""


@dataclass
class _Term:
    tokens: list[str]
    prefix: bool = False
    negated: bool = False


def _is_token_char(ch: str) -> bool:
    """Mirror of FTS5 unicode61's default token characters (letters, numbers, private use)."""
    cat = unicodedata.category(ch)
    return cat[0] in "LNM" or cat == "Co"


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    for ch in text:
        if _is_token_char(ch):
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def _lex(query: str) -> list[_Term | str]:
    """Split a user query into terms and the operators "OR" / "NOT"."""
    items: list[_Term | str] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch == "-" and i + 1 < n and not query[i + 1].isspace():
            negated = True
            i += 1
            while i < n and query[i] == "-":
                i += 1
            if i >= n:
                break
            ch = query[i]
        if ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                end = n  # unbalanced quote: the phrase runs to the end
            inner = query[i + 1 : end]
            i = end + 1
            prefix = False
            if i < n and query[i] == "*":
                prefix = True
                i += 1
            toks = _tokens(inner)
            if toks:
                items.append(_Term(toks, prefix=prefix, negated=negated))
            continue
        start = i
        while i < n and not query[i].isspace() and query[i] != '"':
            i += 1
        word = query[start:i]
        if not negated and word in ("OR", "|", "||"):
            items.append("OR")
            continue
        if not negated and word in ("AND", "&", "&&", "+"):
            continue  # AND is what adjacent words mean anyway
        if not negated and word == "NOT":
            items.append("NOT")
            continue
        toks = _tokens(word)
        if toks:
            prefix = word.rstrip(")]}!?.,;:").endswith("*")
            items.append(_Term(toks, prefix=prefix, negated=negated))
    return items


def _quote(tokens: list[str], prefix: bool) -> str:
    # Tokens hold only letters, marks and digits: nothing inside the quotes needs escaping.
    return '"' + " ".join(tokens) + '"' + (" *" if prefix else "")


def has_marks(tokens: list[str]) -> bool:
    return any(fold(t) != t for t in tokens)


def term_expression(term: _Term, *, exact: bool = False) -> str:
    """One term as an FTS5 expression.

    A marked word needs no column filter: the folded columns hold no marks, so it can only
    match the exact columns.  Its old-style spelling alone finds every article with the word
    in either style, because the old-style columns hold every word in old style; the
    new-style spelling would find the same articles through the new-style columns at the
    cost of a second doclist (bm25 reads every phrase's whole doclist for its IDF, 5-8 ms at
    a million articles).  search() weighs the old-style columns for both styles, so a marked
    word now scores as an unmarked one always did: one phrase, both styles' weight (before,
    it counted as two phrases).  A prefix keeps both spellings: ``hoà*`` also starts
    ``hoàng``, which ``hòa*`` does not.  An unmarked word matches everywhere,
    the folded columns included.  ``exact`` (used to rank exact spellings first) keeps an
    unmarked word to the exact columns.  Column filters cost FTS5 position decoding, so they
    are used only where they change the result.
    """
    if has_marks(term.tokens):
        phrase = " ".join(term.tokens)
        variants = []
        for style in ("old", "new") if term.prefix else ("old",):
            v = _quote(to_style(phrase, style).split(" "), term.prefix)
            if v not in variants:
                variants.append(v)
        return variants[0] if len(variants) == 1 else "(" + " OR ".join(variants) + ")"
    if exact:
        return "{" + " ".join(EXACT_COLUMNS) + "} : " + _quote(term.tokens, term.prefix)
    return _quote(term.tokens, term.prefix)


@dataclass
class ParsedQuery:
    """A user query after parsing: AND-ed groups of OR-ed terms, and excluded terms."""

    groups: list[list[_Term]]
    negatives: list[_Term]

    def fts(self, *, exact: bool = False) -> str:
        parts = []
        for g in self.groups:
            exprs = [term_expression(t, exact=exact) for t in g]
            parts.append(exprs[0] if len(exprs) == 1 else "(" + " OR ".join(exprs) + ")")
        expr = " AND ".join(f"({p})" if len(self.groups) > 1 else p for p in parts)
        if self.negatives:
            negs = " OR ".join(term_expression(t) for t in self.negatives)
            expr = f"({expr}) NOT ({negs})"
        return expr

    @property
    def phrase(self) -> str | None:
        """The folded words of a plain multi-word query ("dien bien"), for a proximity boost."""
        if len(self.groups) < 2 or any(len(g) != 1 or g[0].prefix for g in self.groups):
            return None
        return " ".join(fold(tok).casefold() for g in self.groups for tok in g[0].tokens)

    def phrase_in(self, text: str | None) -> bool:
        """True when the query's words stand together, in order, in ``text`` (folded)."""
        phrase = self.phrase
        if not phrase or not text:
            return False
        words = " ".join(_WORD_RE.findall(fold(text).casefold()))
        return f" {phrase} " in f" {words} "

    @property
    def has_unmarked(self) -> bool:
        return any(not has_marks(t.tokens) for g in self.groups for t in g)

    def spelled_exactly(self, *texts: str | None) -> bool:
        """True when every unmarked word of the query appears unmarked in the texts."""
        words = set(_WORD_RE.findall(" ".join(t or "" for t in texts).casefold()))
        for group in self.groups:
            for term in group:
                if has_marks(term.tokens):
                    continue
                *head, last = [tok.casefold() for tok in term.tokens]
                if not set(head) <= words:
                    return False
                if term.prefix:
                    if not any(w.startswith(last) for w in words):
                        return False
                elif last not in words:
                    return False
        return True


def parse_query(query: str) -> ParsedQuery:
    """Parse a user query, or raise QueryError with a message for the user."""
    if not isinstance(query, str):
        raise QueryError("the search query must be text")
    query = unicodedata.normalize("NFC", query.replace("\u00a0", " ")).strip()
    if not query:
        raise QueryError("empty search: type one or more words to look for")
    items = _lex(query)
    # NOT applies to the next term; dangling operators are dropped.
    terms: list[_Term | str] = []
    pending_not = False
    for it in items:
        if it == "NOT":
            pending_not = True
        elif it == "OR":
            if terms and terms[-1] != "OR" and not pending_not:
                terms.append("OR")
        else:
            assert isinstance(it, _Term)
            if pending_not:
                it.negated = True
                pending_not = False
            terms.append(it)
    negatives = [t for t in terms if isinstance(t, _Term) and t.negated]
    # Group positives into AND-ed OR-chains; OR next to an exclusion is ignored.
    groups: list[list[_Term]] = []
    join_next = False
    for t in terms:
        if t == "OR":
            join_next = bool(groups)
            continue
        assert isinstance(t, _Term)
        if t.negated:
            join_next = False
            continue
        if join_next:
            groups[-1].append(t)
        else:
            groups.append([t])
        join_next = False
    if len(negatives) + sum(len(g) for g in groups) > MAX_TERMS:
        raise QueryError(f"too many search terms (at most {MAX_TERMS})")
    if not groups:
        if negatives:
            raise QueryError("the query only excludes words; add at least one word to look for")
        raise QueryError(
            f"no words to search for in {query!r}: type letters or numbers, not only operators "
            "or punctuation"
        )
    return ParsedQuery(groups, negatives)


def to_fts_query(query: str) -> str:
    """Translate a user query into an FTS5 MATCH expression, or raise QueryError."""
    return parse_query(query).fts()


