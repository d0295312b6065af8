"""Who wrote it and where it comes from, one line at a time: bylines (author) kept apart from
outlet credits.

Vietnamese papers sign at the end ("Hoàng Châu" in bold, "Bài, ảnh: X", "Nhóm PV", "CTV",
"Minh Anh (tổng hợp)"), credit reposts ("Theo TTXVN", "Nguồn: ...", "(baodienbienphu.info.vn)")
and open leads with an outlet tag ("(BTN) - ...", "VOV.VN - ...").  Credits are recorded as
printed ("NLĐO", never expanded): the archive keeps what the page says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsarchive.extract.text import clean_text
from newsarchive.vietnamese import normalize_text

#: How agencies spell themselves when a caption shouts them ("Ảnh: REUTERS").
AGENCY_SPELLING = {
    "REUTERS": "Reuters",
    "XINHUA": "Xinhua",
    "KYODO": "Kyodo",
    "BLOOMBERG": "Bloomberg",
}
#: News agencies whose name alone, printed at the end of a text, credits them.
AGENCIES = frozenset(
    {
        "TTXVN",
        "VNA",
        "TTXVN/VNA",
        "VOV",
        "VTV",
        "VGP",
        "REUTERS",
        "AFP",
        "AP",
        "TASS",
        "XINHUA",
        "BNEWS",
        "KYODO",
        "YONHAP",
        "BLOOMBERG",
        "CNN",
        "BBC",
    }
)
#: Vietnamese acronyms that open ordinary sentences ("UBND - cơ quan ..."): never outlet tags.
_SENTENCE_ACRONYMS = frozenset(
    "UBND HĐND MTTQ BCH BCĐ BTV THPT THCS CSGT BHXH BHYT KCN KKT DN CNTT NTM OCOP ASEAN WTO GDP "
    "FDI ODA COVID WHO EU APEC CPTPP HTX CLB QL TL PCCC ATGT ANTT".split()
)
#: Words an outlet's name starts with ("Báo Nhân Dân", "Tạp chí Cộng sản", "Cổng TTĐT tỉnh").
_OUTLET_WORDS_RE = re.compile(
    r"^(?:báo|tạp\s+chí|đài|cổng\s+(?:thông\s+tin|ttđt|tt)|trang\s+(?:tin|thông\s+tin)|"
    r"truyền\s+hình|thông\s+tấn|hãng\s+tin|kênh|tin\s+tức|tuần\s+báo|nhật\s+báo|bản\s+tin|"
    r"trung\s+tâm\s+(?:truyền\s+thông|báo\s+chí))\b",
    re.IGNORECASE,
)
_DOMAIN_RE = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info|gov|edu)\b", re.IGNORECASE)
_TLD_RE = re.compile(r"\.(?:vn|com|net|org|info|gov|edu)\b", re.IGNORECASE)

_DASH = r"[-–—]"
#: An outlet tag opening a lead: "(Dân trí) - ", "(NLĐO)- ", "VOV.VN - ", "TPO - ".
LEAD_TAG_RE = re.compile(
    r"^\s*(?:\(\s*([^()\s][^()]{0,30}?)\s*\)|([A-Za-zĐÂÊÔƠƯ][\w.]{1,19}))\s*" + _DASH + r"\s*(?=\S)"
)
_PAREN_CREDIT_RE = re.compile(r"^\(\s*((?:[\w-]+\.)+[a-z]{2,}|[A-ZĐ][\w.\- ]{0,40}?)\s*\)\.?$")
_THEO_RE = re.compile(
    r"^(?:Nguồn\s+tin|Nguồn\s+bài|Nguồn|Theo)\s*[:\-–]?\s*(.+?)\s*[.,]?$", re.IGNORECASE
)
AUTHOR_LABEL_RE = re.compile(
    r"^\(?\s*(?:Tác\s+giả\s+bài\s+viết|Bài\s*(?:,|và|&)\s*ảnh|Tin\s*(?:,|và|&)\s*ảnh|"
    r"Bài\s+và\s+ảnh|Bài|Tin|Tin\s+và\s+ảnh|Thực\s+hiện|Tác\s+giả|Người\s+viết|"
    r"Nhóm\s+phóng\s+viên|Phóng\s+viên|Video|Clip|Ghi\s+chép|Bài\s+viết|Bài\s+và\s+video|"
    r"Đồ\s+họa|Nội\s+dung)\s*:\s*(.+?)\s*\)?\.?$",
    re.IGNORECASE,
)
_TRAILING_STAMP_RE = re.compile(
    r"\s*[-–|,]?\s*(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*,?\s*)?\d{1,2}"
    r"(?:/\d{1,2}/\d{2,4}|\s+tháng\s+\d{1,2},?\s+\d{4})"
    r"(?:\s*,?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?\s*$"
    r"|\s*[-–|,]?\s*\d{1,2}[:h]\d{2}\s*,\s*\d{1,2}/\d{1,2}/\d{4}\s*$",
    re.IGNORECASE,
)
_GENREBY_RE = re.compile(
    r"^(?:Bút\s+ký|Ghi\s+chép|Phóng\s+sự|Truyện\s+ngắn|Tùy\s+bút|Tản\s+văn|Bài\s+viết|Bài|Thơ|"
    r"Ký\s+sự)(?:\s+dự\s+thi)?\s+của\s+(.+?)\.?$",
    re.IGNORECASE,
)
#: "Văn Thành (CTV)", "Minh Anh (tổng hợp)": a name with the writer's role in brackets.
_ROLE_SUFFIX_RE = re.compile(
    r"^(.+?)\s*[(\[]\s*(?:CTV|PV|BTV|TTV|TH|ST|Cộng\s+tác\s+viên|Phóng\s+viên|tổng\s+hợp|"
    r"t/h|lược\s+dịch|biên\s+dịch|dịch|sưu\s+tầm|tổng\s+hợp\s+và\s+dịch)\s*[)\]]\.?$",
    re.IGNORECASE,
)
NON_AUTHORS = frozenset(
    {
        "ban biên tập",
        "bbt",
        "admin",
        "administrator",
        "quản trị viên",
        "quản trị",
        "tòa soạn",
        "toà soạn",
        "biên tập viên",
        "editor",
        "webmaster",
        "ban biên tập báo",
        "ban bien tap",
    }
)
BY_RE = re.compile(r"^(?:bởi|by|viết bởi|đăng bởi)\s+(.+)$", re.IGNORECASE)
_THEO_NAME_RE = re.compile(r"^theo\s+(.+)$", re.IGNORECASE)
_GENERIC_AUTHORS = re.compile(
    r"^(?:Nhóm\s+PV|Nhóm\s+phóng\s+viên|PV|P\.V|CTV|BTV|PV\s*-\s*CTV|Nhóm\s+CTV)$", re.IGNORECASE
)
_PHOTO_LABEL = (
    r"Ảnh|Nguồn\s+ảnh|Minh\s+họa|Minh\s+hoạ|Ảnh\s+và\s+video|Video|Đồ\s+họa|Đồ\s+hoạ|"
    r"Ảnh\s+tư\s+liệu"
)
_PHOTO_CREDIT_RE = re.compile(
    r"(?:^|[\s.,;:(\[–—-])\(?\s*(?:" + _PHOTO_LABEL + r")\s*:\s*"
    r"([^()\[\]]{1,60}?)\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)
_PHOTO_ILLUSTRATION_RE = re.compile(
    r"(?:^|[\s.,;(\[–—-])\(?\s*(Ảnh\s+minh\s+họa|Ảnh\s+minh\s+hoạ|Ảnh\s+tư\s+liệu|"
    r"Ảnh\s+internet|Ảnh\s+chụp\s+màn\s+hình)\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)
_NAME_WORD_RE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\w’'.]*|[A-ZĐ](?:\.[A-ZĐ])*\.?|\w+\.)$")
_SENTENCE_END_RE = re.compile(r"[!?…:;]$|[a-zà-ỹ]{3,}\.$")
_DATE_WORDS_RE = re.compile(
    r"^(?:ngày|thứ|chủ\s+nhật|cập\s+nhật|đăng|lúc|hôm\s+nay|tháng|published|updated|posted)\b",
    re.IGNORECASE,
)
_CAMEL_RE = re.compile(r"[a-zà-ỹ][A-ZĐ]")
_ACRONYM_RE = re.compile(r"^[A-ZĐÂÊÔƠƯ0-9]{2,8}$")


@dataclass
class Attribution:
    """What one line says: author names and/or a credited outlet."""

    author: str | None = None
    credit: str | None = None


#: Look-alike letters the project's normaliser leaves in obfuscated reposts ("Ảոɦ: Ⅴɑ̌ո"),
#: folded before labels are matched.
_CONFUSABLES = str.maketrans(
    {
        "ɴ": "N",
        "ʜ": "H",
        "ո": "n",
        "ɦ": "h",
        "Ⅴ": "V",
        "ɑ": "a",
        "Τ": "T",
        "Χ": "X",
        "Ν": "N",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ο": "O",
        "Ρ": "P",
        "Υ": "Y",
        "Ζ": "Z",
        "\u030c": "\u0306",
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "і": "i",
        "ս": "u",
        "հ": "h",
    }
)


def fold_confusables(text: str) -> str:
    """The project's normaliser, then the look-alikes it leaves, before labels are matched."""
    nfd = unicodedata.normalize("NFD", str(normalize_text(text)))
    return unicodedata.normalize("NFC", nfd.translate(_CONFUSABLES))


def _has_domain(text: str) -> bool:
    """A domain name in the text (the top-level domain is looked for first: cheap)."""
    return _TLD_RE.search(text) is not None and _DOMAIN_RE.search(text) is not None


def _stamp(text: str) -> re.Match[str] | None:
    """A timestamp closing the line (it ends with a digit; only the tail is searched)."""
    if not text or not text.rstrip(" .)")[-1:].isdigit():
        return None
    return _TRAILING_STAMP_RE.search(text, max(0, len(text) - 48))


def title_case_if_shouting(name: str) -> str:
    """ "VĂN HÀO" -> "Văn Hào"; acronyms (TTXVN, CNN) and mixed case stay as written."""
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
    if len(words) > max_words or _SENTENCE_END_RE.search(text, max(0, len(text) - 16)):
        return False
    if any(ch.isdigit() for ch in text):
        return False
    return all(_NAME_WORD_RE.match(w) for w in words)


def is_outlet_name(text: str) -> bool:
    """ "Báo Bắc Kạn", "Tạp chí Cộng sản", "TTXVN", "baochinhphu.vn": an outlet, not a person."""
    text = clean_text(text).strip(" .")
    if not text:
        return False
    return bool(
        _OUTLET_WORDS_RE.match(text) or text.upper() in AGENCIES or _DOMAIN_RE.fullmatch(text)
    )


def split_names(text: str) -> list[str]:
    """ "Vũ Nguyệt – Nhật Quang" -> two names; commas are kept (institutional names use them)."""
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
    """An author element's text ("Tác giả: X", "Bài, ảnh: X - Y", "bởi X", "Theo X") as "X; Y"."""
    text = clean_text(text)
    if not text:
        return None
    m = AUTHOR_LABEL_RE.match(text) or BY_RE.match(text) or _THEO_NAME_RE.match(text)
    if m:
        text = m.group(1)
    role = _ROLE_SUFFIX_RE.match(text) if text.rstrip(" .").endswith((")", "]")) else None
    if role:
        text = role.group(1)
    text = re.sub(r"\s*\|.*$", "", text).strip(" .,-–")
    # "VĂN HÀO - TRẦN HỮU 30/04/2016 11:39": drop a trailing timestamp.
    text = re.sub(r"\s+\d{1,2}[:h]\d{2}.*$|\s+\d{1,2}/\d{1,2}/\d{2,4}.*$", "", text).strip(" .,-–")
    if not text or is_outlet_name(text):
        return None
    names = [n for n in split_names(text) if looks_like_name(n) or _GENERIC_AUTHORS.match(n)]
    return join_names(names)


def stamped(text: str) -> bool:
    """The line ends with a timestamp after some text ("Minh Thu - 09:56, 05/06/2020")."""
    m = _stamp(text)
    return m is not None and m.start() > 0


def parse_signature(line: str) -> Attribution | None:
    """Read one closing line of an article: a byline, a source credit, or both; None if neither.

    ``(baodienbienphu.info.vn)`` -> credit, ``Theo TTXVN`` -> credit, ``Bài, ảnh: X`` -> author,
    a bare short name -> author, ``Nhóm PV`` / ``CTV`` -> author.
    """
    text = clean_text(line)
    if not text or len(text) > 120:
        return None
    text = text.rstrip(" |")
    stamped = _stamp(text)
    if stamped and stamped.start() > 0:
        # "VĂN HÀO - TRẦN HỮU 30/04/2016 11:39", "Xã hội - Minh Thu - 09:56, 05/06/2020"
        head = text[: stamped.start()].strip(" -–|,")
        if _DATE_WORDS_RE.match(head):
            return None  # "Ngày 25/12/2021", "Cập nhật 09:15 03/02/2024": a date line
        names = [n for n in split_names(BY_RE.sub(r"\1", head)) if looks_like_name(n)]
        return Attribution(author=join_names(names)) if names else None
    m = _GENREBY_RE.match(text)
    if m and looks_like_name(m.group(1)):
        return Attribution(author=join_names(split_names(m.group(1))))
    m = _PAREN_CREDIT_RE.match(text)
    if m:
        inner = m.group(1).strip()
        if AUTHOR_LABEL_RE.match(inner):
            return Attribution(author=parse_author_text(inner))
        if _GENERIC_AUTHORS.match(inner):
            return Attribution(author=inner)
        if _has_domain(inner) or _is_outlet_token(inner):
            return Attribution(credit=inner)
        if looks_like_name(inner):
            return Attribution(author=join_names(split_names(inner)))
        return None
    m = _THEO_RE.match(text)
    if m and _looks_like_outlet(m.group(1)):
        return Attribution(credit=m.group(1).strip(" ."))
    m = _ROLE_SUFFIX_RE.match(text) if text.endswith((")", "]", ").", "].")) else None
    if m and looks_like_name(m.group(1)):
        return Attribution(author=join_names(split_names(m.group(1))))
    m = AUTHOR_LABEL_RE.match(text)
    if m:
        author = parse_author_text(text)
        return Attribution(author=author) if author else None
    m = BY_RE.match(text)
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
    """ "TTXVN", "Báo Nhân Dân", "báo Tuổi Trẻ", "baochinhphu.vn" - not the rest of a sentence
    ("Theo kế hoạch, ...")."""
    text = text.strip(" .")
    if not text or len(text) > 80 or "," in text or len(text.split()) > 8:
        return False
    if _has_domain(text) or is_outlet_name(text):
        return True
    first = text.split()[0]
    return (
        first[:1].isupper()
        and not re.match(
            r"^(?:Theo|Kế|Chương|Quy|Báo\s+cáo|Thống|Ông|Bà|Anh|Chị|Đồng|Lãnh|Đại)$", first
        )
    ) or text.upper() in AGENCIES


def _is_outlet_token(token: str) -> bool:
    """A bare or bracketed token that names an outlet: an agency, a domain ("VOV.VN"), a brand
    written in camel case ("GiadinhNet") or an acronym that does not open ordinary sentences."""
    t = token.strip()
    up = t.upper()
    if up in AGENCIES:
        return True
    if up in _SENTENCE_ACRONYMS:
        return False
    if "." in t and re.fullmatch(r"[\w]+(?:\.[\w]+)+", t):
        return True
    return bool(_CAMEL_RE.search(t) or _ACRONYM_RE.match(t))


def is_non_author(name: str) -> bool:
    """Editorial placeholders that are not a byline."""
    return clean_text(name).casefold() in NON_AUTHORS


def strip_lead_prefix(text: str) -> tuple[str, str | None]:
    """ "(BTN) - TP. Tây Ninh ..." -> ("TP. Tây Ninh ...", "BTN"): the tag as printed."""
    m = LEAD_TAG_RE.match(text)
    if not m:
        return text, None
    if m.group(1) is not None:
        token = m.group(1).strip()
        words = token.split()
        if len(words) > 3 or re.search(r"\d{2,}", token) or not token[:1].isupper():
            if not _is_outlet_token(token):
                return text, None
        if AUTHOR_LABEL_RE.match(token) or _GENERIC_AUTHORS.match(token):
            return text, None
    else:
        # a bare word before a dash may open an ordinary sentence ("UBND - ..."): only outlet
        # tokens count
        token = m.group(2)
        if not _is_outlet_token(token):
            return text, None
    return text[m.end() :], token


def split_photo_credit(caption: str) -> tuple[str, str | None]:
    """ "Lãnh đạo tỉnh dự lễ. Ảnh: Minh Hà" -> ("Lãnh đạo tỉnh dự lễ.", "Ảnh: Minh Hà").

    The credit keeps its label as printed ("Ảnh: X", "Ảnh minh họa", "Nguồn ảnh: X");
    :func:`credit_name` reads the name out of it.
    """
    text = clean_text(caption)
    m = (_PHOTO_CREDIT_RE.search(text) if ":" in text else None) or (
        _PHOTO_ILLUSTRATION_RE.search(text, max(0, len(text) - 40))
    )
    if not m and not text.isascii():
        # obfuscated reposts write the label with look-alike letters ("Ảոɦ: ...")
        probe = fold_confusables(text)
        m = _PHOTO_CREDIT_RE.search(probe) if ":" in probe else None  # it needs the colon
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
    """ "Ảnh: LỮ HỒ" -> "Lữ Hồ"; "(Nguồn ảnh: TTĐTLS)" -> "TTĐTLS"; "Ảnh minh họa" stays."""
    text = clean_text(credit).strip("()[] .")
    m = re.match(r"^(?:" + _PHOTO_LABEL + r")\s*:\s*(.+)$", text, re.IGNORECASE)
    if m:
        text = m.group(1).strip()
    return title_case_if_shouting(text)


def split_agency(credit: str) -> tuple[str, str | None]:
    """ "Hồ Cầu-TTXVN" -> ("Hồ Cầu", "TTXVN"); "Tuấn Anh - TTXVN" likewise."""
    m = re.match(r"^(.+?)\s*[-–/]\s*([A-ZĐ]{2,}(?:/[A-Z]+)?)$", credit.strip())
    if m and m.group(2).upper() in AGENCIES | {"TTXVN/VNA"}:
        return m.group(1).strip(), m.group(2)
    return credit.strip(), None
