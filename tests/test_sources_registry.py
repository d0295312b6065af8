"""Shipped registry: every definition loads, ids and hosts are unique, every province is covered."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from newsarchive.sources import REGISTRY_DIR, Source, load_file, load_sources

# The 34 provincial-level units in force since 1 July 2025, each with the former provinces
# merged into it (the 11 unchanged units merged nothing).
UNITS_2025: dict[str, tuple[str, ...]] = {
    "Hà Nội": (), "Huế": ("Thừa Thiên Huế",), "Lai Châu": (), "Điện Biên": (), "Sơn La": (),
    "Lạng Sơn": (), "Quảng Ninh": (), "Thanh Hóa": (), "Nghệ An": (), "Hà Tĩnh": (),
    "Cao Bằng": (),
    "Tuyên Quang": ("Hà Giang",), "Lào Cai": ("Yên Bái",), "Thái Nguyên": ("Bắc Kạn",),
    "Phú Thọ": ("Vĩnh Phúc", "Hòa Bình"), "Bắc Ninh": ("Bắc Giang",),
    "Hưng Yên": ("Thái Bình",), "Hải Phòng": ("Hải Dương",),
    "Ninh Bình": ("Hà Nam", "Nam Định"), "Quảng Trị": ("Quảng Bình",),
    "Đà Nẵng": ("Quảng Nam",), "Quảng Ngãi": ("Kon Tum",), "Gia Lai": ("Bình Định",),
    "Khánh Hòa": ("Ninh Thuận",), "Lâm Đồng": ("Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Phú Yên",), "TP. Hồ Chí Minh": ("Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Bình Phước",), "Tây Ninh": ("Long An",),
    "Cần Thơ": ("Sóc Trăng", "Hậu Giang"), "Vĩnh Long": ("Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Tiền Giang",), "Cà Mau": ("Bạc Liêu",), "An Giang": ("Kiên Giang",),
}
FORMER = {old: unit for unit, olds in UNITS_2025.items() for old in olds}
HOST_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


@pytest.fixture(scope="module")
def registry() -> list[Source]:
    files = sorted(REGISTRY_DIR.glob("*.yaml"))
    assert files, f"no definitions in {REGISTRY_DIR}"
    return [load_file(p) for p in files]  # raises SourceError naming the bad file


def test_the_map_itself_has_34_units_and_63_former_provinces() -> None:
    assert len(UNITS_2025) == 34
    # 34 units + the provinces merged into them = the 63 of before (Thừa Thiên Huế was renamed).
    assert len(UNITS_2025) + len(FORMER) - 1 == 63


def test_every_definition_loads_with_an_https_home_on_its_own_host(registry: list[Source]) -> None:
    assert len(load_sources()) == len(registry)
    for s in registry:
        assert s.homepage.startswith("https://"), s.id
        assert s.host.removeprefix("www.") == s.all_domains[0], s.id
        for host in s.all_domains:
            assert HOST_RE.match(host), f"{s.id}: {host!r} is not a host name"
        assert s.name.strip(), s.id
        assert s.province, s.id


def test_ids_are_unique(registry: list[Source]) -> None:
    counts = Counter(s.id for s in registry)
    assert [i for i, n in counts.items() if n > 1] == []


def test_no_host_belongs_to_two_sources(registry: list[Source]) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for s in registry:
        for host in s.all_domains:
            if host in owner:
                clashes.append(f"{host}: {owner[host]} and {s.id}")
            owner[host] = s.id
    assert clashes == []


def test_every_province_since_the_2025_merger_has_a_paper(registry: list[Source]) -> None:
    unknown = [f"{s.id}: {s.province}" for s in registry
               if s.province not in UNITS_2025 and s.province not in FORMER]
    assert unknown == [], "province names must be a 2025 unit or a former province"
    covered = {FORMER.get(s.province or "", s.province) for s in registry}
    assert sorted(set(UNITS_2025) - covered) == []


def test_merged_outlets_carry_the_former_papers_hosts(registry: list[Source]) -> None:
    by_id = {s.id: s for s in registry}
    assert by_id["baolaocai"].name == "Báo và Phát thanh, Truyền hình Lào Cai"
    assert "baoyenbai.com.vn" in by_id["baolaocai"].all_domains
    assert by_id["baolaocai"].owns_url("https://www.baoyenbai.com.vn/12/345/tin.aspx")
    assert {"baohanam.com.vn", "baonamdinh.com.vn"} <= set(by_id["baoninhbinh"].all_domains)


def test_every_definition_cites_evidence_rows(registry: list[Source]) -> None:
    for s in registry:
        assert s.evidence, f"{s.id} cites no registry-evidence row"
        assert not s.verified, f"{s.id}: nothing is verified from here"
        for row in s.evidence:
            assert re.match(r"^RE\d{3}$", row["row"]), (s.id, row)
            assert re.match(r"^[\w.-]+/[\w.-]+@[0-9a-f]{7,40}:", row["evidence"]), (s.id, row)
            assert re.match(r"^~?\d{4}-\d{2}", row["observed_at"]), (s.id, row)
            assert row["confidence"] in ("high", "medium", "low"), (s.id, row)
        assert not re.search(r"written from public knowledge", s.notes or "", re.IGNORECASE)


def test_what_the_evidence_corrected(registry: list[Source]) -> None:
    by_id = {s.id: s for s in registry}
    assert by_id["baosonla"].host == "baosonla.vn"
    assert by_id["baolaichau"].is_article_url("https://baolaichau.vn/thoi-su/hop-bao-quy-iii-45102")
    assert not by_id["baolaichau"].is_article_url("https://baolaichau.vn/news/thoi-su/a-1.html")
    dbp = by_id["baodienbienphu"]
    assert dbp.host == "baodienbienphu.vn"
    assert "baodienbienphu.info.vn" in dbp.all_domains
    assert dbp.is_article_url("https://baodienbienphu.vn/tin-bai/kinh-te/gia-lua-tang")
    assert dbp.listing_api
    assert dbp.renders("listings")
    assert by_id["hanoimoi"].headers["User-Agent"].startswith("Mozilla/5.0")
    assert by_id["baothanhhoa"].renders("articles")


def test_absorbed_papers_archives_and_sites_have_their_own_definitions(
        registry: list[Source]) -> None:
    from newsarchive.sources import source_for_url

    sources = {s.id: s for s in registry}
    for url, sid in [("https://phuyen.baodaklak.vn/xa-hoi/tin-1", "baophuyen"),
                     ("https://dongkhoi.baovinhlong.vn/tin-a1.html", "baodongkhoi"),
                     ("https://travinh.baovinhlong.vn/tin-a1.html", "baotravinh"),
                     ("https://baodaklak.vn/thoi-su/202601/tin-1/", "baodaklak"),
                     ("https://baohaugiang.com.vn/thoi-su/tin-1.html", "baohaugiang"),
                     ("https://baobinhduong.vn/tin-a1.html", "baobinhduong"),
                     ("https://baodongkhoi.vn/", "baodongkhoi")]:
        found = source_for_url(url, sources)
        assert found is not None, url
        assert found.id == sid, url


def test_placeholders_are_known_and_skipped_by_crawl_all(registry: list[Source]) -> None:
    from newsarchive.sources import crawlable

    placeholders = sorted(s.id for s in registry if s.placeholder)
    assert placeholders == ["baocamau", "baohue", "baolaocai", "baophuyen", "hanoionline",
                            "kinhtedothi"]
    by_id = {s.id: s for s in registry}
    assert not crawlable(by_id["baophuyen"], include_unverified=True)
    assert not crawlable(by_id["baolaichau"])  # unverified: only when asked
    assert crawlable(by_id["baolaichau"], include_unverified=True)
