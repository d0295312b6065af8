"""Who wrote it and where it comes from: bylines (author) kept apart from outlet credits.

Vietnamese papers sign at the end ("Hoàng Châu" in bold, "Bài, ảnh: X", "Nhóm PV", "CTV"),
credit reposts ("Theo TTXVN", "Nguồn: ...", "(baodienbienphu.info.vn)") and prefix leads with
their abbreviation ("(BTN) - ...").  These helpers read one line or one caption at a time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsarchive.extract.text import clean_text
from newsarchive.vietnamese import normalize_text

#: Outlet abbreviations printed as lead prefixes, to the outlet's name.
PAPER_ABBREVIATIONS: dict[str, str] = {
    "BTN": "Báo Tây Ninh",
    "BĐBP": "Báo Điện Biên Phủ",
    "ĐBP": "Báo Điện Biên Phủ",
    "BLC": "Báo Lai Châu",
    "BHG": "Báo Hà Giang",
    "QBĐT": "Quảng Bình Điện tử",
    "BNA": "Báo Nghệ An",
    "BAONGHEAN": "Báo Nghệ An",
    "PTO": "Báo Phú Thọ",
    "TPO": "Tiền Phong Online",
    "TP": "Tiền Phong",
    "NLĐO": "Người Lao Động",
    "VTV": "VTV",
    "VOV": "VOV",
    "VOV.VN": "VOV.VN",
    "TTXVN": "TTXVN",
    "VNA": "TTXVN",
    "CHINHPHU.VN": "Chinhphu.vn",
    "DÂN TRÍ": "Dân trí",
    "BYT": "Báo Yên Bái",
    "BSL": "Báo Sơn La",
    "BLĐ": "Báo Lâm Đồng",
    "BQN": "Báo Quảng Ninh",
    "BTV": "Báo Tuyên Quang",
    "BCB": "Báo Cao Bằng",
    "BLS": "Báo Lạng Sơn",
    "BBP": "Báo Bình Phước",
    "BGĐT": "Báo Bắc Giang điện tử",
    "BKT": "Báo Kon Tum",
    "HNM": "Hànộimới",
    "CAND": "Công an nhân dân",
    "QĐND": "Quân đội nhân dân",
    "PLVN": "Pháp luật Việt Nam",
    "GDVN": "Giáo dục Việt Nam",
    "VNTN": "Văn nghệ Thái Nguyên",
    "PHUTHOPORTAL": "Cổng TTĐT tỉnh Phú Thọ",
    "VOV4.ÊĐÊ": "VOV4 Êđê",
    "GIADINHNET": "GiadinhNet",
}

#: How agencies spell themselves when a caption shouts them ("Ảnh: REUTERS").
AGENCY_SPELLING = {"REUTERS": "Reuters", "XINHUA": "Xinhua", "KYODO": "Kyodo", "BLOOMBERG": "Bloomberg"}

#: Known agencies/outlets that appear as bare credits at the end of a text.
AGENCIES = {"TTXVN", "VNA", "TTXVN/VNA", "VOV", "VTV", "VGP", "REUTERS", "AFP", "AP", "TASS", "XINHUA", "BNEWS"}

_DASH = r"[-–—]"
_LEAD_PREFIX_RE = re.compile(
    r"^\s*(?:\(\s*([^()\s][^()]{0,30}?)\s*\)|([A-Za-zĐ][\w.]{1,14}))\s*" + _DASH + r"\s*(?=\S)"
)
_PAREN_CREDIT_RE = re.compile(r"^\(\s*((?:[\w-]+\.)+[a-z]{2,}|[A-ZĐ][\w.\- ]{0,40}?)\s*\)\.?$")
_THEO_RE = re.compile(r"^(?:Nguồn\s+tin|Nguồn\s+bài|Nguồn|Theo)\s*[:\-–]?\s*(.+?)\s*[.,]?$", re.IGNORECASE)
_AUTHOR_LABEL_RE = re.compile(
    r"^\(?\s*(?:Tác\s+giả\s+bài\s+viết|Bài\s*(?:,|và|&)\s*ảnh|Tin\s*(?:,|và|&)\s*ảnh|Bài\s+và\s+ảnh|Bài|Tin|Tin\s+và\s+ảnh|"
    r"Thực\s+hiện|Tác\s+giả|Người\s+viết|Nhóm\s+phóng\s+viên|Phóng\s+viên|Video|Clip|Ghi\s+chép|"
    r"Bài\s+viết|Bài\s+và\s+video|Đồ\s+họa|Nội\s+dung)\s*:\s*(.+?)\s*\)?\.?$",
    re.IGNORECASE,
)
_TRAILING_STAMP_RE = re.compile(
    r"\s*[-–|,]?\s*(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*,?\s*)?\d{1,2}(?:/\d{1,2}/\d{2,4}|\s+tháng\s+\d{1,2},?\s+\d{4})"
    r"(?:\s*,?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?\s*$|\s*[-–|,]?\s*\d{1,2}[:h]\d{2}\s*,\s*\d{1,2}/\d{1,2}/\d{4}\s*$",
    re.IGNORECASE,
)
_GENRE_BY_RE = re.compile(
    r"^(?:Bút\s+ký|Ghi\s+chép|Phóng\s+sự|Truyện\s+ngắn|Tùy\s+bút|Tản\s+văn|Bài\s+viết|Bài|Thơ|Ký\s+sự)"
    r"(?:\s+dự\s+thi)?\s+của\s+(.+?)\.?$",
    re.IGNORECASE,
)
_ROLE_SUFFIX_RE = re.compile(r"^(.+?)\s*\(\s*(?:CTV|PV|BTV|TTV|Cộng\s+tác\s+viên|Phóng\s+viên)\s*\)\.?$", re.IGNORECASE)
NON_AUTHORS = frozenset(
    {"ban biên tập", "bbt", "admin", "administrator", "quản trị viên", "quản trị", "tòa soạn", "toà soạn",
     "biên tập viên", "editor", "webmaster", "ban biên tập báo", "ban bien tap"}
)
_BY_RE = re.compile(r"^(?:bởi|by|viết bởi|đăng bởi)\s+(.+)$", re.IGNORECASE)
_GENERIC_AUTHORS = re.compile(r"^(?:Nhóm\s+PV|Nhóm\s+phóng\s+viên|PV|P\.V|CTV|BTV|PV\s*-\s*CTV|Nhóm\s+CTV)$", re.IGNORECASE)
_PHOTO_CREDIT_RE = re.compile(
    r"(?:^|[\s.,;:(\[–—-])\(?\s*(?:Ảnh|Nguồn\s+ảnh|Minh\s+họa|Minh\s+hoạ|Ảnh\s+và\s+video|Video|Đồ\s+họa|Ảnh\s+tư\s+liệu)\s*:\s*"
    r"([^()\[\]]{1,60}?)\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)
_PHOTO_ILLUSTRATION_RE = re.compile(
    r"(?:^|[\s.,;(\[–—-])\(?\s*(Ảnh\s+minh\s+họa|Ảnh\s+minh\s+hoạ|Ảnh\s+tư\s+liệu|Ảnh\s+internet|Ảnh\s+chụp\s+màn\s+hình)\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)
_NAME_WORD_RE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\w’'.]*|[A-ZĐ](?:\.[A-ZĐ])*\.?|\w+\.)$")
_SENTENCE_END_RE = re.compile(r"[!?…:;]$|[a-zà-ỹ]{3,}\.$")


@dataclass
class Attribution:
    """What one line says: author names and/or a credited outlet."""

    author: str | None = None
    credit: str | None = None


#: Look-alike letters seen in obfuscated reposts ("Ảոɦ: Ⅴɑ̌ո Τý-ΤΤΧⅤΝ"), folded before matching labels.
_CONFUSABLES = str.maketrans(
    {"ɴ": "N", "ʜ": "H", "ո": "n", "ɦ": "h", "Ⅴ": "V", "ɑ": "a", "Τ": "T", "Χ": "X", "Ν": "N", "Α": "A",
     "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ο": "O", "Ρ": "P", "Υ": "Y", "Ζ": "Z",
     "\u030c": "\u0306", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ս": "u", "հ": "h"}
)


def fold_confusables(text: str) -> str:
    """Strip obfuscation joiners and fold common look-alike letters before matching labels."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", _fold_project(text)).translate(_CONFUSABLES))


def _fold_project(text: str) -> str:
    """The project's normaliser: invisibles and confusables out."""
    return str(normalize_text(text))


def title_case_if_shouting(name: str) -> str:
    """"VĂN HÀO" -> "Văn Hào"; acronyms (TTXVN, CNN) and mixed case stay as written."""
    if name.upper() in AGENCY_SPELLING:
        return AGENCY_SPELLING[name.upper()]
    words = name.split()
    if len(words) >= 2 and name.isupper() and all(len(w) > 1 for w in words):
        return " ".join(w[:1] + w[1:].lower() for w in words)
    return name


def looks_like_name(text: str, *, max_words: int = 6) -> bool:
    """A person's name or initials, as bylines print them (not a sentence)."""
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if _GENERIC_AUTHORS.match(text):
        return True
    words = text.split()
    if len(words) > max_words or _SENTENCE_END_RE.search(text):
        return False
    if any(ch.isdigit() for ch in text):
        return False
    return all(_NAME_WORD_RE.match(w) for w in words)


def split_names(text: str) -> list[str]:
    """"Vũ Nguyệt – Nhật Quang" -> two names; commas are kept (institutional names use them)."""
    parts = re.split(r"\s+[-–—]\s+|\s*[–—]\s*|\s*;\s*", text)
    out = []
    for p in parts:
        p = title_case_if_shouting(p.strip(" .,"))
        if p:
            out.append(p)
    return out


def join_names(names: list[str]) -> str | None:
    seen: list[str] = []
    for n in names:
        if n and n not in seen:
            seen.append(n)
    return "; ".join(seen) or None


def parse_author_text(text: str) -> str | None:
    """An author element's text ("Tác giả: X", "Bài, ảnh: X - Y", "bởi X") as "X; Y"."""
    text = clean_text(text)
    if not text:
        return None
    m = _AUTHOR_LABEL_RE.match(text) or _BY_RE.match(text)
    if m:
        text = m.group(1)
    text = re.sub(r"\s*\|.*$", "", text).strip(" .,-–")
    # "VĂN HÀO - TRẦN HỮU 30/04/2016 11:39": drop a trailing timestamp.
    text = re.sub(r"\s+\d{1,2}[:h]\d{2}.*$|\s+\d{1,2}/\d{1,2}/\d{2,4}.*$", "", text).strip(" .,-–")
    if not text:
        return None
    names = [n for n in split_names(text) if looks_like_name(n) or _GENERIC_AUTHORS.match(n)]
    return join_names(names)


def parse_signature(line: str) -> Attribution | None:
    """Read one closing line of an article: a byline, a source credit, or both; None if neither.

    ``(baodienbienphu.info.vn)`` -> credit, ``Theo TTXVN`` -> credit, ``Bài, ảnh: X`` -> author,
    a bare short name -> author, ``Nhóm PV`` / ``CTV`` -> author.
    """
    text = clean_text(line)
    if not text or len(text) > 120:
        return None
    text = text.rstrip(" |")
    stamped = _TRAILING_STAMP_RE.search(text)
    if stamped and stamped.start() > 0:
        # "VĂN HÀO - TRẦN HỮU 30/04/2016 11:39", "Xã hội - Minh Thu - 09:56, 05/06/2020"
        head = text[: stamped.start()].strip(" -–|,")
        names = [n for n in split_names(_BY_RE.sub(r"\1", head)) if looks_like_name(n)]
        return Attribution(author=join_names(names)) if names else None
    m = _GENRE_BY_RE.match(text)
    if m and looks_like_name(m.group(1)):
        return Attribution(author=join_names(split_names(m.group(1))))
    m = _PAREN_CREDIT_RE.match(text)
    if m:
        inner = m.group(1).strip()
        lab = _AUTHOR_LABEL_RE.match(inner)
        if lab:
            return Attribution(author=parse_author_text(inner))
        if "." in inner or inner.upper() in AGENCIES or inner.upper() in PAPER_ABBREVIATIONS:
            return Attribution(credit=_outlet_name(inner))
        if looks_like_name(inner):
            return Attribution(author=join_names(split_names(inner)))
        return None
    m = _THEO_RE.match(text)
    if m and _looks_like_outlet(m.group(1)):
        return Attribution(credit=m.group(1).strip(" ."))
    m = _ROLE_SUFFIX_RE.match(text)
    if m and looks_like_name(m.group(1)):
        return Attribution(author=join_names(split_names(m.group(1))))
    m = _AUTHOR_LABEL_RE.match(text)
    if m:
        author = parse_author_text(text)
        return Attribution(author=author) if author else None
    m = _BY_RE.match(text)
    if m and looks_like_name(m.group(1)):
        return Attribution(author=join_names(split_names(m.group(1))))
    if text.upper() in AGENCIES:
        return Attribution(credit=text)
    # "Hoàng Châu (TTXVN)" / "Minh Hà - TTXVN": a name with an agency.
    m = re.match(r"^(.+?)\s*(?:\(([^()]+)\)|[-–/]\s*(TTXVN|VNA|VOV|VTV))$", text)
    if m:
        agency = (m.group(2) or m.group(3) or "").strip()
        if agency.upper() in AGENCIES and looks_like_name(m.group(1)):
            return Attribution(author=join_names(split_names(m.group(1))), credit=agency)
    if _GENERIC_AUTHORS.match(text):
        return Attribution(author=text)
    names = split_names(text)
    if names and all(looks_like_name(n, max_words=5) for n in names):
        if len(names) == 1 and len(names[0].split()) == 1 and not _GENERIC_AUTHORS.match(names[0]):
            # one bare word is a name only when it is initials or all caps ("P.V", "NACT")
            if not re.match(r"^[A-ZĐ.]{2,}$", names[0]):
                return None
        return Attribution(author=join_names(names))
    return None


def _looks_like_outlet(text: str) -> bool:
    """"TTXVN", "Báo Nhân Dân", "baochinhphu.vn" - not the rest of a sentence ("Theo kế hoạch, ...")."""
    text = text.strip(" .")
    if not text or len(text) > 80 or "," in text or len(text.split()) > 8:
        return False
    if re.search(r"[\w-]+\.(?:vn|com|net|org|info)\b", text, re.IGNORECASE):
        return True
    first = text.split()[0]
    return (first[:1].isupper() and not re.match(
        r"^(?:Theo|Kế|Chương|Quy|Báo\s+cáo|Thống|Ông|Bà|Anh|Chị|Đồng|Lãnh|Đại)$", first
    )) or text.upper() in AGENCIES


def is_non_author(name: str) -> bool:
    """Editorial placeholders that are not a byline."""
    return clean_text(name).casefold() in NON_AUTHORS


def _outlet_name(token: str) -> str:
    key = token.strip().upper()
    if key in PAPER_ABBREVIATIONS and key not in AGENCIES:
        return PAPER_ABBREVIATIONS[key]
    return token.strip()


def strip_lead_prefix(text: str) -> tuple[str, str | None]:
    """"(BTN) - TP. Tây Ninh ..." -> ("TP. Tây Ninh ...", "Báo Tây Ninh")."""
    m = _LEAD_PREFIX_RE.match(text)
    if not m:
        return text, None
    token = (m.group(1) or m.group(2) or "").strip()
    bare = m.group(2)
    if bare and bare.upper() not in PAPER_ABBREVIATIONS and bare.upper() not in AGENCIES:
        # bare capitals before a dash might be the start of a sentence ("UBND - ..."); only
        # accept known outlets or domain-like tokens.
        if "." not in bare:
            return text, None
    if m.group(1) and (len(token.split()) > 3 or re.search(r"\d{2,}", token)):
        return text, None
    return text[m.end() :], _outlet_name(token)


def split_photo_credit(caption: str) -> tuple[str, str | None]:
    """"Lãnh đạo tỉnh dự lễ. Ảnh: Minh Hà" -> ("Lãnh đạo tỉnh dự lễ.", "Ảnh: Minh Hà").

    The credit keeps its label as printed ("Ảnh: X", "Ảnh minh họa", "Nguồn ảnh: X");
    :func:`credit_name` reads the name out of it.
    """
    text = clean_text(caption)
    m = _PHOTO_CREDIT_RE.search(text) or _PHOTO_ILLUSTRATION_RE.search(text)
    if not m and not text.isascii():
        # obfuscated reposts write the label with look-alike letters ("Ảոɦ: ...")
        probe = fold_confusables(text)
        m = _PHOTO_CREDIT_RE.search(probe)
        if m:
            text = probe
    if not m:
        return text, None
    start = m.start()
    # the match may begin with the separator before the label: keep a sentence's full stop
    while start < len(text) and text[start] in " .,;:([–—-":
        start += 1
    credit = text[start:].strip().strip("()[]").strip(" .")
    rest = text[: m.start()].rstrip(" -–—(,;")
    if rest and text[m.start()] == "." and rest[-1] not in ".!?…":
        rest += "."
    return rest.strip(), credit or None


def credit_name(credit: str) -> str:
    """"Ảnh: LỮ HỒ" -> "Lữ Hồ"; "(Nguồn ảnh: TTĐTLS)" -> "TTĐTLS"; "Ảnh minh họa" stays."""
    text = clean_text(credit).strip("()[] .")
    m = re.match(
        r"^(?:Ảnh|Nguồn\s+ảnh|Minh\s+họa|Minh\s+hoạ|Ảnh\s+và\s+video|Video|Đồ\s+họa|Ảnh\s+tư\s+liệu)\s*:\s*(.+)$",
        text,
        re.IGNORECASE,
    )
    if m:
        text = m.group(1).strip()
    return title_case_if_shouting(text)


def split_agency(credit: str) -> tuple[str, str | None]:
    """"Hồ Cầu-TTXVN" -> ("Hồ Cầu", "TTXVN"); "Tuấn Anh - TTXVN" likewise."""
    m = re.match(r"^(.+?)\s*[-–/]\s*([A-ZĐ]{2,}(?:/[A-Z]+)?)$", credit.strip())
    if m and m.group(2).upper() in AGENCIES | {"TTXVN/VNA"}:
        return m.group(1).strip(), m.group(2)
    return credit.strip(), None
