"""Canonical URLs: one spelling per article so nothing is archived twice."""

from __future__ import annotations

import pytest

from newsarchive.sources import source_from_dict
from newsarchive.urls import canonicalize_url, same_site

DBP = source_from_dict(
    {
        "id": "baodienbienphu",
        "name": "Báo Điện Biên Phủ",
        "homepage": "https://baodienbienphu.info.vn/",
        "domains": ["baodienbienphu.info.vn", "baodienbienphu.com.vn"],
    }
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://baotayninh.vn/khat-vong-a169010.html?utm_source=facebook&utm_medium=social#binh-luan",
            "https://baotayninh.vn/khat-vong-a169010.html",
        ),
        ("https://baotayninh.vn/a.html?fbclid=IwAR0abc&gclid=xyz&zarsrc=30", "https://baotayninh.vn/a.html"),
        ("https://BaoTayNinh.VN:443/a.html", "https://baotayninh.vn/a.html"),
        ("http://baotayninh.vn:80/a.html", "http://baotayninh.vn/a.html"),
        ("http://127.0.0.1:8080/a.html", "http://127.0.0.1:8080/a.html"),
        # parameters that choose the page stay, sorted as w3lib's canonicalize_url sorts them
        # (the spelling Scrapy's request fingerprints use): one spelling whatever the order
        ("https://x.vn/Default.aspx?tabid=5&ItemID=172436", "https://x.vn/Default.aspx?ItemID=172436&tabid=5"),
        ("https://x.vn/Default.aspx?ItemID=172436&tabid=5", "https://x.vn/Default.aspx?ItemID=172436&tabid=5"),
        ("https://x.vn/news?page=2&utm_campaign=a", "https://x.vn/news?page=2"),
        ("https://x.vn/tin;jsessionid=7598D6D0C2C80F7D?id=3", "https://x.vn/tin?id=3"),
        ("https://x.vn/tin-tuc?PHPSESSID=abc&id=9", "https://x.vn/tin-tuc?id=9"),
        ("https://x.vn", "https://x.vn/"),
        # non-ASCII paths are percent-encoded once, existing escapes kept
        ("https://baodantoc.vn/Mường nhé-p2.html", "https://baodantoc.vn/M%C6%B0%E1%BB%9Dng%20nh%C3%A9-p2.html"),
        ("https://x.vn/tag/V%C4%83n%20h%C3%B3a.html", "https://x.vn/tag/V%C4%83n%20h%C3%B3a.html"),
    ],
)
def test_canonicalize_without_source(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://baodienbienphu.info.vn/tin-tuc/xa-hoi/209870/dien-bien",
        "https://www.baodienbienphu.info.vn/tin-tuc/xa-hoi/209870/dien-bien",
        "http://www.baodienbienphu.com.vn/tin-tuc/xa-hoi/209870/dien-bien?utm_source=zalo",
        "https://baodienbienphu.info.vn:443/tin-tuc/xa-hoi/209870/dien-bien#top",
    ],
)
def test_source_gives_the_preferred_scheme_and_host(url: str) -> None:
    assert canonicalize_url(url, DBP) == "https://baodienbienphu.info.vn/tin-tuc/xa-hoi/209870/dien-bien"


def test_other_sites_are_not_rewritten_by_a_source() -> None:
    assert canonicalize_url("http://www.example.vn/a", DBP) == "http://www.example.vn/a"


def test_canonical_is_idempotent() -> None:
    url = "https://www.baodienbienphu.com.vn/tin-tuc/a?x=1&utm_term=b"
    once = canonicalize_url(url, DBP)
    assert canonicalize_url(once, DBP) == once


def test_garbage_is_returned_not_raised() -> None:
    assert canonicalize_url("") == ""
    assert canonicalize_url("not a url") == "not a url"
    assert canonicalize_url("http://[::1") == "http://[::1"


def test_same_site() -> None:
    assert same_site("https://www.baolaichau.vn/a", "http://baolaichau.vn/b")
    assert not same_site("https://baolaichau.vn/a", "https://baohagiang.vn/a")


PORTED = source_from_dict(
    {"id": "baothu", "name": "Báo Thử", "homepage": "http://127.0.0.1:8123/",
     "domains": ["127.0.0.1"]}
)
NEIGHBOUR = source_from_dict(
    {"id": "baobencanh", "name": "Báo Bên Cạnh", "homepage": "http://127.0.0.1:8124/"}
)


def test_a_source_on_a_non_default_port_keeps_it() -> None:
    url = "http://127.0.0.1:8123/tin-tuc/a-1.html?utm_source=zalo"
    assert canonicalize_url(url, PORTED) == "http://127.0.0.1:8123/tin-tuc/a-1.html"


def test_a_source_owns_its_host_and_port_only() -> None:
    assert PORTED.owns_url("http://127.0.0.1:8123/a")
    assert not PORTED.owns_url("http://127.0.0.1:8124/a")
    assert not PORTED.owns_url("http://127.0.0.1/a")
    assert NEIGHBOUR.owns_url("http://127.0.0.1:8124/a")
    # a paper on the default port does not own another port of its host
    assert DBP.owns_url("https://baodienbienphu.info.vn:443/a")
    assert not DBP.owns_url("https://baodienbienphu.info.vn:8443/a")


def test_the_neighbour_on_another_port_is_not_rewritten() -> None:
    url = "http://127.0.0.1:8124/a.html"
    assert canonicalize_url(url, PORTED) == url
