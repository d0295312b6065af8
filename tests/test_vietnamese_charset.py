"""decode_html: whole pages in every encoding a provincial site has used, back to Unicode."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.vietnamese import decode_html, encode_legacy, normalize_text, sniff_charset

LEAD = "Sáng nay, người dân huyện Mường Chà đón Tết trong niềm vui; Tỉnh ủy tổ chức hội nghị."
BODY = "Mùa thu Hà Nội, khuỷu sông hòa bình, được mùa. ĐIỆN BIÊN PHỦ VÀ BÁO CHÍ."
CAPTION = "Ảnh: Hoàng Châu"


def _page(body: bytes, head: bytes = b"") -> bytes:
    return (
        b"<!DOCTYPE html><html><head>" + head + b"<title>Tin</title></head><body>"
        + body + b"</body></html>"
    )  # fmt: skip


def _paragraphs(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<(?:p|h1)[^>]*>(.*?)</(?:p|h1)>", html)]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_legacy_page_without_font_hint_is_found_by_statistics(encoding: str) -> None:
    body = b"".join(b"<p>" + encode_legacy(t, encoding) + b"</p>" for t in (LEAD, BODY))
    out = decode_html(_page(body))
    assert _paragraphs(out) == [LEAD, BODY]


@pytest.mark.parametrize(
    ("markup", "encoding"),
    [
        (b'<p><font face=".VnTime">%s</font></p>', "tcvn3"),
        (b'<p style="font-family: .VnArial, sans-serif">%s</p>', "tcvn3"),
        (b"<p><font face='VNI-Times'>%s</font></p>", "vni"),
        (b'<p style="font-family:&quot;VNI-Helve&quot;">%s</p>', "vni"),
        (b'<p class="abc">%s</p>', "tcvn3"),  # class from a <style> rule
    ],
)
def test_legacy_page_with_font_hint(markup: bytes, encoding: str) -> None:
    head = b"<style>.abc { font-family: '.VnTime'; }</style>"
    short = "Hà Nội"  # too short for statistics alone: the hint decides
    out = decode_html(_page((markup % encode_legacy(short, encoding)) + b"<p>x</p>", head))
    assert _paragraphs(out)[0] == short


def test_vntime_h_font_is_upper_case() -> None:
    """In a ".VnTimeH" face every byte is drawn as a capital, whatever was typed."""
    assert encode_legacy("Ó", "tcvn3") == encode_legacy("ó", "tcvn3")  # capitals share bytes
    typed = encode_legacy("điện biên phủ đón xuân", "tcvn3")
    out = decode_html(_page(b'<h1><font face=".VnTimeH">' + typed + b"</font></h1>"))
    assert _paragraphs(out) == ["ĐIỆN BIÊN PHỦ ĐÓN XUÂN"]


def test_all_caps_tcvn3_heading_without_hint() -> None:
    raw = encode_legacy("ĐIỆN BIÊN PHỦ ĐÓN XUÂN", "tcvn3")
    out = decode_html(_page(b"<h1>" + raw + b"</h1><p>" + encode_legacy(LEAD, "tcvn3") + b"</p>"))
    assert _paragraphs(out) == ["ĐIỆN BIÊN PHỦ ĐÓN XUÂN", LEAD]


def test_soft_hyphen_u_horn_survives_html_cleaning() -> None:
    """TCVN3 ư is 0xAD: decoding happens before any cleaner can delete the soft hyphen."""
    raw = _page(b"<p>" + encode_legacy("người dân được hưởng lương", "tcvn3") + b"</p>")
    out = decode_html(raw)
    assert "người dân được hưởng lương" in normalize_text(out)


def test_mixed_encoding_article_tcvn3_then_unicode() -> None:
    body = (
        b"<p>" + encode_legacy(LEAD, "tcvn3") + b"</p>"
        + b"<p>" + BODY.encode("utf-8") + b"</p>"
        + b'<p class="caption">' + CAPTION.encode("utf-8") + b"</p>"
    )  # fmt: skip
    out = decode_html(_page(body, b'<meta charset="utf-8">'), "utf-8")
    assert _paragraphs(out) == [LEAD, BODY, CAPTION]


def test_utf8_page_with_tcvn3_text_stored_as_latin1() -> None:
    """A CMS that stored .VnTime text as Latin-1 characters and serves it as UTF-8."""
    legacy_as_unicode = encode_legacy(LEAD, "tcvn3").decode("cp1252").encode("utf-8")
    body = b"<p>" + legacy_as_unicode + b"</p><p>" + BODY.encode() + b"</p>"
    out = decode_html(_page(body, b'<meta charset="utf-8">'))
    assert _paragraphs(out) == [LEAD, BODY]


def test_tcvn3_with_entities_and_attributes() -> None:
    raw = encode_legacy("Hà Nội", "tcvn3")  # H\xb5 N\xe9i
    body = (
        b'<p><font face=".VnTime">H&#181; N&eacute;i, ng&shy;&ecirc;i</font></p>'
        b'<img alt="' + raw + b'" src="a.jpg">'
    )
    out = decode_html(_page(body, b'<style>img { font-family: ".VnTime" }</style>'))
    assert _paragraphs(out) == ["Hà Nội, người"]
    assert 'alt="Hà Nội"' in out


def test_utf8_mojibake_page_is_repaired() -> None:
    mojibake = LEAD.encode("utf-8").decode("cp1252", errors="ignore").encode("utf-8")
    out = decode_html(_page(b"<p>" + mojibake + b"</p>"), "utf-8")
    assert _paragraphs(out) == [LEAD]


@pytest.mark.parametrize(
    ("raw_charset", "declared", "meta"),
    [
        ("utf-8", "windows-1258", None),  # header lies: the bytes are valid UTF-8
        ("utf-8", None, b'<meta charset="iso-8859-1">'),
        ("cp1258", "utf-8", None),  # header says UTF-8, bytes are Windows-1258
        ("cp1258", None, b'<meta http-equiv="Content-Type" content="text/html; charset=cp1258">'),
        ("cp1258", "iso-8859-1", None),
    ],
)
def test_declared_charset_is_not_trusted_blindly(
    raw_charset: str, declared: str | None, meta: bytes | None
) -> None:
    text = LEAD + " " + BODY
    raw = text.encode("utf-8") if raw_charset == "utf-8" else encode_legacy(text, "cp1258")
    out = decode_html(_page(b"<p>" + raw + b"</p>", meta or b""), declared)
    assert _paragraphs(out) == [text]


def test_short_cp1258_heading_follows_the_page() -> None:
    """A two-word heading cannot be judged alone; the declared Windows-1258 page decides."""
    heading, lead = encode_legacy("Trang chủ", "cp1258"), encode_legacy(LEAD, "cp1258")
    body = b"<h1>" + heading + b"</h1><p>" + lead + b"</p>"
    out = decode_html(_page(body, b'<meta charset="windows-1258">'))
    assert _paragraphs(out) == ["Trang chủ", LEAD]


def test_french_latin1_page_is_not_mistaken_for_vietnamese() -> None:
    text = "Où est la gare? Déjà l'été à Paris, naïve façon."
    raw = _page(b"<p>" + text.encode("latin-1") + b"</p>", b'<meta charset="iso-8859-1">')
    out = decode_html(raw)
    assert _paragraphs(out) == [text]


def test_unicode_text_under_a_leftover_vntime_font_is_kept() -> None:
    body = b'<p style="font-family:.VnTime">' + BODY.encode() + b"</p>"
    assert _paragraphs(decode_html(_page(body)))[0] == BODY


def test_scripts_and_markup_are_left_alone() -> None:
    script = b'<script>var s = "\xb5\xa9";</script>'
    raw = _page(script + b"<p>" + encode_legacy(LEAD, "tcvn3") + b"</p>")
    out = decode_html(raw)
    assert '<script>var s = "µ©";</script>' in out
    assert _paragraphs(out) == [LEAD]


def test_sniff_charset() -> None:
    assert sniff_charset(b'<meta charset="windows-1258">') == "windows-1258"
    assert sniff_charset(b'<meta content="text/html; charset=UTF-8" http-equiv="x">') == "UTF-8"
    assert sniff_charset(b"<p>none</p>") is None


def test_bom_wins() -> None:
    raw = b"\xef\xbb\xbf" + _page(b"<p>" + LEAD.encode() + b"</p>")
    assert _paragraphs(decode_html(raw, "windows-1252")) == [LEAD]


def test_viqr_paragraph_is_converted_but_plain_english_is_not() -> None:
    body = (
        b"<p>Vie^.t Nam, Ha` No^.i. DDa^`u na(m, ddu+o+.c tru+o+`ng.</p>"
        b"<p>I'm fine, don't 2+2 (a^b).</p>"
    )
    out = decode_html(_page(body))
    assert _paragraphs(out) == [
        "Việt Nam, Hà Nội. Đầu năm, được trường.",
        "I'm fine, don't 2+2 (a^b).",
    ]


def test_xml_declaration_loses_its_encoding_so_lxml_accepts_the_str() -> None:
    import lxml.html

    raw = b'<?xml version="1.0" encoding="windows-1258"?>' + _page(
        b"<p>" + encode_legacy(LEAD, "cp1258") + b"</p>"
    )
    out = decode_html(raw)
    assert out.startswith('<?xml version="1.0"?>')
    assert lxml.html.fromstring(out).text_content().endswith(LEAD)


def test_symbols_on_an_english_utf8_page_are_not_read_as_tcvn3() -> None:
    """© is TCVN3 â and × is ì: a page of English with those symbols must come back as it was."""
    page = (
        '<html><body><button class="close">×</button><p>Updated <span>·</span> 2 hours ago</p>'
        "<footer>© 2019 Example Media, LLC. ® All rights reserved. Café 25°C.</footer>"
        "</body></html>"
    )
    assert decode_html(page.encode("utf-8")) == page


def test_short_tcvn3_segments_follow_the_page_consensus() -> None:
    """Alone, "Trang chñ" is too little evidence; on a page whose paragraphs are TCVN3 it is."""
    body = (
        b"<nav><a href='/'>" + encode_legacy("Trang chủ", "tcvn3") + b"</a></nav>"
        + b"<h1>" + encode_legacy("Tin tức", "tcvn3") + b"</h1>"
        + b"<p>" + encode_legacy(LEAD, "tcvn3") + b"</p>"
    )  # fmt: skip
    out = decode_html(_page(body))
    assert ">Trang chủ</a>" in out
    assert _paragraphs(out) == ["Tin tức", LEAD]


_HTMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [b"<p>", b"</p>", b'<font face=".VnTime">', b"</font>", b"<script>", b"<", b"\xad",
             b'<p style="font-family:VNI-Times">', b"&#181;", b"&shy;", b"\xc3"]
        ),
        st.binary(max_size=20),
        st.text(max_size=12).map(lambda t: t.encode("utf-8")),
    ),
    max_size=20,
).map(b"".join)


@settings(max_examples=200, deadline=None)
@given(_HTMLISH, st.sampled_from([None, "utf-8", "windows-1258", "iso-8859-1", "tcvn3", "bogus"]))
def test_decode_html_never_raises_and_keeps_ascii_markup(raw: bytes, declared: str | None) -> None:
    out = decode_html(raw, declared)
    assert isinstance(out, str)
    tags = [t for t in re.findall(rb"<[a-z/][a-z0-9]*>", raw) if t.isascii()]
    for tag in tags:  # markup survives: only text is converted
        assert tag.decode("ascii") in out


def test_wide_charset_label_on_ascii_bytes_is_ignored() -> None:
    raw = _page(b"<p>" + LEAD.encode("utf-8") + b"</p>")
    assert _paragraphs(decode_html(raw, "utf-16")) == [LEAD]
    wide = _page(b"<p>" + LEAD.encode("utf-8") + b"</p>").decode("utf-8").encode("utf-16-le")
    assert _paragraphs(decode_html(wide, "utf-16-le")) == [LEAD]


def test_mirror_legacy_pages_decode_to_their_truth() -> None:
    """The bundled mirror's TCVN3, VNI and Windows-1258 articles, as served, back to Unicode."""
    mirror = pytest.importorskip("newsarchive.mirror")
    from urllib.parse import urlsplit

    checked = 0
    for site in mirror.build_sites().values():
        for art in site.articles():
            if art.get("encoding", "utf-8") == "utf-8":
                continue
            parts = urlsplit(art["url"])
            page = site.pages[parts.path + (f"?{parts.query}" if parts.query else "")]
            charset = re.search(r"charset=([\w-]+)", page.content_type or "")
            out = decode_html(page.body, charset.group(1) if charset else None)
            text = normalize_text(html.unescape(re.sub(r"<[^>]+>", " ", out)))
            for para in [art["title"], *art["body"].split("\n\n")]:
                assert normalize_text(para) in text, (art["encoding"], para[:60])
            checked += 1
    if not checked:
        pytest.skip("the mirror has no legacy-encoded pages")


@pytest.mark.parametrize(
    ("stored", "fixed"),
    [
        ("Äiá»‡n BiÃªn Phá»§ vÃ  HÃ  Ná»™i", "Điện Biên Phủ và Hà Nội"),
        ("Hµ Néi, ngµy 1/7", "Hà Nội, ngày 1/7"),
        ("Haø Noäi, ngaøy 1/7", "Hà Nội, ngày 1/7"),
        ("Viêòt Nam, HaÌ Nôòi", "Việt Nam, Hà Nội"),
        ("© 2019 Example Media", "© 2019 Example Media"),
        ("Điện Biên Phủ", "Điện Biên Phủ"),
    ],
)
def test_repair_segment_outside_html(stored: str, fixed: str) -> None:
    from newsarchive.vietnamese import repair_segment

    assert repair_segment(stored) == fixed


def test_inner_unicode_font_overrides_outer_vntime() -> None:
    """A span set in Arial inside a .VnTime paragraph holds UTF-8 text, not TCVN3."""
    body = (
        b'<p><font face=".VnTime">' + encode_legacy("Hà Nội", "tcvn3")
        + b' <span style="font-family: Arial">' + "Báo Điện Biên".encode() + b"</span></font></p>"
    )  # fmt: skip
    out = decode_html(_page(body))
    assert _paragraphs(out) == ["Hà Nội Báo Điện Biên"]
