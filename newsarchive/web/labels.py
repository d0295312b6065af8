"""The reading room's words in Vietnamese: tables, columns, facets and page labels in one place.

Templates call ``vi_table(name)``, ``vi_column(name)`` and ``vi(key)``; names the archive does
not know (an analyst's own table, a column of a custom SQL query) are shown as they are.
Numbers use the Vietnamese thousands separator (1.234).
"""

from __future__ import annotations

TABLES = {
    "archive": "Kho lưu trữ",
    "articles": "Bài báo",
    "sources": "Báo, đài",
    "captions": "Chú thích ảnh",
    "media": "Ảnh",
    "article_versions": "Các phiên bản trước",
    "crawls": "Nhật ký thu thập",
    "captures": "Bản lưu gốc (WARC)",
    "articles_fts": "Chỉ mục tìm kiếm",
    "article_sketches": "Dấu vân tay bài gần trùng",
    "ingest_ledger": "Sổ nhập dữ liệu phân tán",
}

COLUMNS = {
    "id": "Mã",
    "url": "Đường dẫn",
    "title": "Tiêu đề",
    "paper": "Báo",
    "source": "Báo",
    "source_name": "Báo",
    "province": "Tỉnh",
    "category": "Chuyên mục",
    "year": "Năm",
    "month": "Tháng",
    "published": "Ngày đăng",
    "published_day": "Ngày đăng",
    "modified": "Cập nhật",
    "author": "Tác giả",
    "credit": "Nguồn",
    "sapo": "Sapo",
    "body": "Nội dung",
    "articles": "Số bài",
    "article_id": "Bài",
    "story": "Tin",
    "snippet": "Trích đoạn",
    "text": "Chú thích",
    "image_url": "Ảnh gốc",
    "media_id": "Ảnh lưu",
    "name": "Tên",
    "kind": "Loại",
    "homepage": "Trang chủ",
    "status": "Trạng thái",
    "error": "Lý do",
    "width": "Rộng",
    "height": "Cao",
    "bytes": "Dung lượng (byte)",
    "mime_type": "Định dạng",
    "fetched_at": "Lúc tải",
    "state": "Trạng thái",
    "started_at": "Bắt đầu",
    "finished_at": "Kết thúc",
    "pages": "Số trang",
    "new": "Bài mới",
    "updated": "Cập nhật",
    "unchanged": "Không đổi",
}

#: Facet names of the articles table (newsarchive.web.facets) and the page's fixed words.
LABELS = {
    "paper": "Báo",
    "province": "Tỉnh",
    "category": "Chuyên mục",
    "year": "Năm",
    "month": "Tháng",
    "source": "Báo",
    "kind": "Loại",
    "state": "Trạng thái",
    "status": "Trạng thái",
    "home": "Trang chủ",
    "search": "Tìm kiếm",
    "search_button": "Tìm",
    "next": "Trang sau",
    "previous": "Trang trước",
    "rows": "dòng",
    "articles": "bài",
    "no_rows": "Không có dòng nào.",
    "apply": "Lọc",
    "export": "Dữ liệu này dạng",
}

TYPES = {"newspaper": "báo in", "broadcaster": "đài phát thanh - truyền hình"}


def table(name: object) -> str:
    text = "" if name is None else str(name)
    return TABLES.get(text, text)


def column(name: object) -> str:
    text = "" if name is None else str(name)
    return COLUMNS.get(text, text)


def label(key: object) -> str:
    text = "" if key is None else str(key)
    return LABELS.get(text, text)


def number(value: object) -> str:
    """1234567 -> "1.234.567" (Vietnamese groups thousands with a dot)."""
    try:
        return f"{int(str(value)):,}".replace(",", ".")
    except ValueError:
        return "" if value is None else str(value)

#: Datasette's column filter operators (``filters.lookups()`` keys) in Vietnamese.
LOOKUPS = {
    "exact": "bằng",
    "not": "khác",
    "contains": "có chứa",
    "endswith": "kết thúc bằng",
    "startswith": "bắt đầu bằng",
    "gt": ">",
    "gte": "≥",
    "lt": "<",
    "lte": "≤",
    "like": "khớp mẫu (like)",
    "notlike": "không khớp mẫu",
    "glob": "khớp mẫu (glob)",
    "in": "là một trong",
    "notin": "không là một trong",
    "arraycontains": "danh sách có",
    "arraynotcontains": "danh sách không có",
    "date": "vào ngày",
    "isnull": "không có giá trị",
    "notnull": "có giá trị",
    "isblank": "để trống",
    "notblank": "không để trống",
}


def lookup(key: object, fallback: object = "") -> str:
    text = "" if key is None else str(key)
    return LOOKUPS.get(text, str(fallback or text))
