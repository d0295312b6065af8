"""Adapters that run newsarchive and its peers on one page and return comparable fields.

Peers run offline and as their authors recommend: trafilatura's ``bare_extraction`` with metadata
on (htmldate asked for the original date with its time of day), newspaper4k handed the HTML with
``fetch_images=False`` and the page language.  Neither peer reports captions or an outlet credit,
so those come back empty.  Peer imports are lazy: the default code path never loads them.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsarchive.extract import extract

if TYPE_CHECKING:
    from newsarchive.evaluate.corpus import CorpusPage
    from newsarchive.items import ExtractResult

Fields = dict[str, Any]
#: og:type values that mark a page as not an article, for trafilatura (it has no page classifier).
_NON_ARTICLE_OG = {"website", "profile", "object"}
_TRAFILATURA_DATES = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def _result_fields(result: ExtractResult) -> Fields:
    if not result.is_article or result.article is None:
        return {"is_article": False}
    a = result.article
    return {
        "is_article": True,
        "title": a.title,
        "sapo": a.sapo,
        "published": a.published,
        "body": a.body,
        "captions": a.captions,
        "author": a.author,
        "credit": a.credit,
    }


def newsarchive_fields(page: CorpusPage) -> Fields:
    """newsarchive with the page's source definition (None for unknown sites).

    A page it calls a non-article yields no fields, as in the archive.
    """
    return _result_fields(extract(page.html, page.url, page.source))


def newsarchive_generic_fields(page: CorpusPage) -> Fields:
    """newsarchive as on a site nobody defined: the generic layers only."""
    return _result_fields(extract(page.html, page.url, None))


def newsarchive_body(html: bytes, url: str) -> str:
    """Lead plus body as one text, for benchmarks whose articleBody includes the lead."""
    result = extract(html, url)
    a = result.article
    if a is None:
        return ""
    return "\n\n".join(part for part in (a.sapo, a.body) if part)


def available() -> dict[str, bool]:
    """Which peers are importable (the ``eval`` extra)."""
    out = {}
    for name, module in (("trafilatura", "trafilatura"), ("newspaper4k", "newspaper")):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                __import__(module)
            out[name] = True
        except ImportError:
            out[name] = False
    return out


def trafilatura_doc(html: bytes, url: str) -> Any:
    """trafilatura's document for one page, as its authors recommend running it (metadata on)."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(_TRAFILATURA_DATES),
        )


def trafilatura_fields(page: CorpusPage) -> Fields:
    """trafilatura: an article when it finds text and og:type does not say otherwise.

    Peers' fields are scored whatever their page-kind verdict, so a strict classifier does not
    also cost them every field.
    """
    doc = trafilatura_doc(page.html, page.url)
    if doc is None:
        return {"is_article": False}
    kind_ok = (doc.pagetype or "").lower() not in _NON_ARTICLE_OG
    return {
        "is_article": bool((doc.text or "").strip()) and kind_ok,
        "title": doc.title,
        "published": doc.date,
        "body": doc.text,
        "captions": [],
        "author": doc.author,
        "credit": None,
    }


def trafilatura_body(html: bytes, url: str) -> str:
    doc = trafilatura_doc(html, url)
    return (doc.text or "") if doc is not None else ""


def _newspaper(text: str, url: str, language: str | None) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import newspaper

        kwargs: dict[str, Any] = {"fetch_images": False}
        if language:
            kwargs["language"] = language
        art = newspaper.Article(url, **kwargs)
        art.download(input_html=text)
        art.parse()
        return art


def newspaper_fields(page: CorpusPage) -> Fields:
    """newspaper4k: an article when its own ``is_valid_body()`` says so (fields scored anyway)."""
    art = _newspaper(page.text(), page.url, "vi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        valid = bool(art.is_valid_body())
    return {
        "is_article": valid,
        "title": art.title,
        "published": art.publish_date,
        "body": art.text,
        "captions": [],
        "author": "; ".join(art.authors) if art.authors else None,
        "credit": None,
    }


def newspaper_body(html: bytes, url: str) -> str:
    return _newspaper(html.decode("utf-8", errors="replace"), url, None).text or ""


#: Extractors that tell the lead (sapo) apart from the body.
LEAD_EXTRACTORS = frozenset({"newsarchive", "na-generic"})
#: Metrics of fields a peer does not produce (no lead, no captions, no credited outlet): shown
#: as n/a and never compared, so a peer is not scored on what it never claims to find.
NOT_PRODUCED = {
    "trafilatura": frozenset({"sapo", "caption_precision", "caption_recall", "credit"}),
    "newspaper4k": frozenset({"sapo", "caption_precision", "caption_recall", "credit"}),
}

CorpusFn = Callable[["CorpusPage"], Fields]
BodyFn = Callable[[bytes, str], str]

CORPUS_EXTRACTORS: dict[str, CorpusFn] = {
    "newsarchive": newsarchive_fields,
    "na-generic": newsarchive_generic_fields,
    "trafilatura": trafilatura_fields,
    "newspaper4k": newspaper_fields,
}
BODY_EXTRACTORS: dict[str, BodyFn] = {
    "newsarchive": newsarchive_body,
    "trafilatura": trafilatura_body,
    "newspaper4k": newspaper_body,
}
