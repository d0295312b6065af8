"""Simple CSS selectors of source definitions answered from a per-page index.

A definition's selectors are mostly "tag.class", "#id" and short descendant chains.  XPath
evaluates each by visiting every element of the page; looking the first part up by class or id
(or lxml's own tag iteration) and narrowing step by step gives the same elements in a fraction
of the time.  Anything this matcher does not model exactly returns None and XPath answers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cssselect import SelectorError, parse
from cssselect import parser as cp

# fraction of the time.  Anything this matcher does not model exactly falls back to XPath.

_XML_SPACE_TABLE = str.maketrans("\t\n\r", "   ")
#: A class attribute of single-space-separated plain tokens: split(" ") is exact for it.
_PLAIN_CLASS_RE = re.compile(r"[^\s]+(?: [^\s]+)*\Z")


def _xml_tokens(value: str) -> list[str]:
    """Tokens as XPath's normalize-space() splits them (space, tab, CR, LF only)."""
    return [t for t in value.translate(_XML_SPACE_TABLE).split(" ") if t]


class _Compound:
    """One compound selector (tag, #id, .class, [attr] tests, :last-child, :last-of-type)."""

    __slots__ = ("attrs", "classes", "ids", "last_child", "last_of_type", "tag")

    def __init__(self) -> None:
        self.tag: str | None = None
        self.ids: list[str] = []
        self.classes: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.last_child = False
        self.last_of_type = False


def _compile_compound(node: Any, out: _Compound) -> bool:
    """Fill ``out`` from a cssselect parse node; False for anything not modelled exactly."""
    if isinstance(node, cp.Element):
        if node.namespace is not None:
            return False
        out.tag = None if node.element in (None, "*") else node.element
        return True
    if isinstance(node, cp.Class):
        out.classes.append(node.class_name)
        return _compile_compound(node.selector, out)
    if isinstance(node, cp.Hash):
        out.ids.append(node.id)
        return _compile_compound(node.selector, out)
    if isinstance(node, cp.Attrib):
        if node.namespace is not None:
            return False
        value = getattr(node.value, "value", node.value)  # a Token in recent cssselect
        if node.operator == "exists":
            out.attrs.append((node.attrib, "exists", ""))
        elif node.operator in ("=", "*=", "~=") and isinstance(value, str):
            if node.operator != "=" and (not value or _xml_tokens(value) != [value]):
                return False  # XPath's translation differs for empty or spaced values
            out.attrs.append((node.attrib, node.operator, value))
        else:
            return False
        return _compile_compound(node.selector, out)
    if isinstance(node, cp.Pseudo):
        if node.ident == "last-child":
            out.last_child = True
        elif node.ident == "last-of-type":
            out.last_of_type = True
        else:
            return False
        if not _compile_compound(node.selector, out):
            return False
        return not (out.last_of_type and out.tag is None)  # "*:last-of-type" is an error in XPath
    return False


def _compile_chain(tree: Any) -> list[tuple[str | None, _Compound]] | None:
    """A parsed selector as [(combinator joining it to the compound on its left, compound), ...]
    left to right (the first has None); None if not modelled."""
    parts: list[tuple[str | None, _Compound]] = []
    node = tree
    while isinstance(node, cp.CombinedSelector):
        if node.combinator not in (" ", ">"):
            return None
        c = _Compound()
        if not _compile_compound(node.subselector, c):
            return None
        parts.append((node.combinator, c))
        node = node.selector
    c = _Compound()
    if not _compile_compound(node, c):
        return None
    parts.append((None, c))
    parts.reverse()
    return parts


@lru_cache(maxsize=512)
def compiled_selector(selector: str) -> tuple[list[tuple[str | None, _Compound]], ...] | None:
    """A CSS selector group compiled for :class:`SelectorIndex`; None when XPath must answer."""
    try:
        groups = parse(selector)
    except SelectorError:
        return None
    out = []
    for group in groups:
        if group.pseudo_element is not None:
            return None
        chain = _compile_chain(group.parsed_tree)
        if chain is None:
            return None
        if not all(c.ids or c.classes or c.tag for _, c in chain):
            return None  # no cheap way to list candidates
        out.append(chain)
    return tuple(out) if out else None


class SelectorIndex:
    """Per page: elements by id and by class token (built on first use) and the page order."""

    def __init__(
        self, root: Any, order: dict[Any, int], named: list[tuple[Any, str | None, str | None]]
    ) -> None:
        """``named``: (element, class attribute, id attribute) for every element carrying either."""
        self.root = root
        self._order = order
        self._named = named
        self._by_id: dict[str, list[Any]] = {}
        self._by_class: dict[str, list[Any]] = {}
        self._tokens: dict[Any, list[str]] = {}
        self._built = False

    def _build(self) -> None:
        self._built = True
        by_id, by_class, tokens_of = self._by_id, self._by_class, self._tokens
        for el, cls, el_id in self._named:
            if el_id is not None:
                if el_id in by_id:
                    by_id[el_id].append(el)
                else:
                    by_id[el_id] = [el]
            if cls:
                tokens = cls.split(" ") if _PLAIN_CLASS_RE.match(cls) else _xml_tokens(cls)
                tokens_of[el] = tokens
                for token in tokens:
                    if token not in by_class:
                        by_class[token] = [el]
                    elif by_class[token][-1] is not el:
                        by_class[token].append(el)

    def matches(self, el: Any, c: _Compound) -> bool:
        """``el`` passes every test of the compound ``c``."""
        if c.tag is not None and el.tag != c.tag:
            return False
        for i in c.ids:
            if el.get("id") != i:
                return False
        if c.classes:
            tokens = self._tokens.get(el)
            if not tokens or any(k not in tokens for k in c.classes):
                return False
        for name, op, value in c.attrs:
            got = el.get(name)
            if got is None:
                return False
            if op == "=" and got != value:
                return False
            if op == "*=" and value not in got:
                return False
            if op == "~=" and value not in _xml_tokens(got):
                return False
        if c.last_child and any(isinstance(s.tag, str) for s in el.itersiblings()):
            return False
        return not (c.last_of_type and any(s.tag == c.tag for s in el.itersiblings()))

    def _listed(self, c: _Compound) -> list[Any] | None:
        """Elements the index lists for ``c`` by id or class (a superset of its matches)."""
        if c.ids:
            return self._by_id.get(c.ids[0], [])
        if c.classes:
            return self._by_class.get(c.classes[0], [])
        return None

    def _chain(self, ctx: Any, chain: list[tuple[str | None, _Compound]]) -> list[Any]:
        """Matches of one selector, left to right, each step inside the previous step's matches."""
        first = chain[0][1]
        listed = self._listed(first)
        if listed is None:
            current = [e for e in ctx.iter(first.tag) if self.matches(e, first)]
        elif ctx.getparent() is None:
            current = [e for e in listed if self.matches(e, first)]
        else:
            spans = self._spans([ctx])
            current = [e for e in listed if self.matches(e, first) and self._inside(e, spans, 0)]
        for comb, comp in chain[1:]:
            if not current:
                return []
            if comb == ">":
                step = [
                    ch
                    for el in current
                    for ch in el
                    if isinstance(ch.tag, str) and self.matches(ch, comp)
                ]
            else:
                listed = self._listed(comp)
                if listed is not None:
                    spans = self._spans(current)
                    step = [
                        e for e in listed if self.matches(e, comp) and self._inside(e, spans, 1)
                    ]
                else:
                    step = []
                    for el in current:
                        it = el.iter(comp.tag)
                        if comp.tag is None or el.tag == comp.tag:
                            next(it, None)  # the element itself: only proper descendants count
                        step.extend(
                            e for e in it if isinstance(e.tag, str) and self.matches(e, comp)
                        )
            current = step
            if len(current) > 1:
                current = sorted(dict.fromkeys(current), key=self._order_of)
        return current

    def _order_of(self, el: Any) -> int:
        return self._order.get(el, -1)

    def _spans(self, heads: list[Any]) -> list[tuple[int, int, Any]]:
        """(position of each head, position of its last descendant, head): an element lies
        inside a head exactly when its position falls in that range (the tree is not changed
        after the page order is taken), which is cheaper than walking every candidate's
        ancestors."""
        out = []
        for head in heads:
            last = head
            while len(last):
                last = last[-1]
            out.append((self._order.get(head, -1), self._order.get(last, -1), head))
        return out

    def _inside(self, el: Any, spans: list[tuple[int, int, Any]], proper: int) -> bool:
        """``el`` is a descendant of one of the heads (or one of them, when not ``proper``)."""
        at = self._order.get(el, -1)
        for first, last, head in spans:
            if first < 0 or last < 0 or at < 0:  # not in the page order: ask the tree
                if (not proper and el is head) or any(a is head for a in el.iterancestors()):
                    return True
            elif first + proper <= at <= last:
                return True
        return False

    def select(self, ctx: Any, groups: tuple[list[tuple[str | None, _Compound]], ...]) -> list[Any]:
        """Every element under ``ctx`` (itself included) matching one of ``groups``, page order."""
        if not self._built:
            self._build()
        found: list[Any] = []
        for chain in groups:
            found.extend(self._chain(ctx, chain))
        if len(groups) > 1 and len(found) > 1:
            found = sorted(dict.fromkeys(found), key=self._order_of)
        return found

