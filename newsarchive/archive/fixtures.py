"""A small, fixed archive for tests and demos: 12 Vietnamese articles from 3 provincial papers.

It holds what the browse and search layers must show: captions with credits, an article edited
between two crawls (2 versions), an article taken down (gone), one without an author, one with a
day-only date, a photo gallery, text in both tone styles (hòa and hoà), the words má and mạ in
different articles, and two crawls.  The texts are written for this fixture.

    python -m newsarchive.archive.fixtures data/fixture.db     # write it to browse
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from newsarchive.archive.store import Archive
from newsarchive.items import Article, Caption
from newsarchive.sources import Source

logger = logging.getLogger(__name__)

SOURCES = (
    Source(
        id="baodienbienphu",
        name="Báo Điện Biên Phủ",
        homepage="https://baodienbienphu.info.vn/",
        province="Điện Biên",
        domains=("baodienbienphu.info.vn", "baodienbienphu.com.vn"),
        verified=True,
    ),
    Source(
        id="baolaichau",
        name="Báo Lai Châu",
        homepage="https://baolaichau.vn/",
        province="Lai Châu",
        domains=("baolaichau.vn",),
    ),
    Source(
        id="baosonla",
        name="Báo Sơn La",
        homepage="https://baosonla.vn/",
        province="Sơn La",
        domains=("baosonla.vn",),
    ),
)

FIRST_CRAWL = "2024-12-10T01:00:00+00:00"
SECOND_CRAWL = "2024-12-12T01:00:00+00:00"
EDITED_URL = (
    "https://baodienbienphu.info.vn/tin-tuc/du-lich/225102/dien-bien-phu-don-khach-dip-nghi-le"
)
GONE_URL = "https://baosonla.vn/van-hoa/hoi-thi-the-thao-cac-dan-toc-muong-la-60217.html"


def _a(**kw: Any) -> Article:
    kw.setdefault("fetched_at", FIRST_CRAWL)
    kw.setdefault("http_status", 200)
    kw.setdefault("date_from", "page")
    kw["fetched_url"] = kw["url"]
    return Article(**kw)


def fixture_articles() -> list[Article]:
    """The articles of the first crawl, in storage order."""
    return [
        _a(
            url="https://baodienbienphu.info.vn/tin-tuc/thoi-su/225001/tinh-uy-so-ket-nong-thon-moi",
            source="baodienbienphu",
            title="Tỉnh ủy Điện Biên sơ kết 6 tháng thực hiện Nghị quyết về xây dựng nông thôn mới",
            sapo="(ĐBP) - Sáng 5/7, Ban Thường vụ Tỉnh ủy Điện Biên tổ chức hội nghị sơ kết "
            "6 tháng đầu năm thực hiện Nghị quyết về xây dựng nông thôn mới.",
            body="Sau 6 tháng, toàn tỉnh có thêm 4 xã đạt chuẩn nông thôn mới, nâng tổng số xã "
            "đạt chuẩn lên 52 xã. Nhiều tuyến đường liên bản được bê tông hóa, hệ thống thủy lợi "
            "nhỏ được sửa chữa kịp thời trước mùa mưa.\n\n"
            "Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy yêu cầu các huyện tập trung nguồn lực "
            "cho các xã khó khăn, không chạy theo thành tích, bảo đảm người dân thực sự hưởng lợi.",
            captions=[
                Caption(
                    "Đồng chí Bí thư Tỉnh ủy phát biểu kết luận hội nghị.",
                    "https://baodienbienphu.info.vn/uploads/2024/07/hoi-nghi-so-ket.jpg",
                    "Quang Hưng",
                )
            ],
            published="2024-07-05T09:30:00+07:00",
            author="Hoàng Châu",
            category="Thời sự",
            tags=["nông thôn mới", "Tỉnh ủy"],
            date_from="jsonld",
        ),
        _a(
            url="https://baodienbienphu.info.vn/tin-tuc/van-hoa/225040/le-hoi-mung-com-moi",
            source="baodienbienphu",
            title="Bà con bản Na Sang hòa mình vào lễ hội mừng cơm mới",
            sapo="(ĐBP) - Những ngày giữa tháng 9, bản Na Sang rộn ràng tiếng chiêng, tiếng khèn "
            "mừng mùa lúa mới.",
            body="Từ sáng sớm, các gia đình đã mang xôi, cá nướng và rượu cần ra nhà văn hóa bản. "
            "Người già kể chuyện mùa màng, thanh niên hòa vào vòng xòe, ai cũng mong một năm "
            "mạnh khỏe, mưa thuận gió hòa.\n\n"
            "Lễ hội được phục dựng từ năm 2019 với sự hỗ trợ của ngành văn hóa huyện Mường Chà.",
            captions=[
                Caption(
                    "Vòng xòe đoàn kết trong lễ hội mừng cơm mới.",
                    "https://baodienbienphu.info.vn/uploads/2024/09/vong-xoe.jpg",
                    "Thanh Hương",
                ),
                Caption(
                    "Mâm cơm mới của đồng bào Thái bản Na Sang.",
                    "https://baodienbienphu.info.vn/uploads/2024/09/mam-com.jpg",
                    None,
                ),
            ],
            published="2024-09-14",
            author="Thanh Hương",
            category="Văn hóa - Xã hội",
            tags=["lễ hội", "đồng bào Thái"],
        ),
        _a(
            url="https://baodienbienphu.info.vn/tin-tuc/nong-nghiep/224870/mua-gieo-ma",
            source="baodienbienphu",
            title="Mùa gieo mạ trên cánh đồng Mường Thanh",
            sapo="(ĐBP) - Những ngày cuối tháng Giêng, nông dân trên cánh đồng Mường Thanh "
            "tranh thủ thời tiết ấm để gieo mạ vụ xuân.",
            body="Theo Phòng Nông nghiệp huyện, vụ xuân năm nay toàn huyện gieo cấy hơn 2.500 ha "
            "lúa. Cán bộ khuyến nông hướng dẫn bà con che phủ ni lông để giữ ấm cho mạ non khi "
            "nhiệt độ xuống thấp.\n\n"
            "Nước tưới được điều tiết từ hồ Pá Khoang bảo đảm đủ cho toàn bộ diện tích.",
            captions=[],
            published="2024-02-20T07:15:00+07:00",
            author=None,
            category="Nông nghiệp",
            tags=["vụ xuân"],
        ),
        _a(
            url=EDITED_URL,
            source="baodienbienphu",
            title="Điện Biên Phủ đón hơn 10.000 lượt khách dịp nghỉ lễ",
            sapo="(ĐBP) - Trong kỳ nghỉ lễ Quốc khánh, thành phố Điện Biên Phủ đón hơn 10.000 "
            "lượt khách tham quan các di tích lịch sử.",
            body="Các điểm di tích Đồi A1, Hầm Đờ Cát và Bảo tàng Chiến thắng lịch sử Điện Biên "
            "Phủ đông khách nhất. Các cơ sở lưu trú đạt công suất phòng khoảng 80%.",
            captions=[
                Caption(
                    "Du khách tham quan Di tích Đồi A1.",
                    "https://baodienbienphu.info.vn/uploads/2024/09/doi-a1.jpg",
                    "Hoàng Châu",
                )
            ],
            published="2024-09-02T18:00:00+07:00",
            author="Hoàng Châu",
            category="Du lịch",
            tags=["du lịch", "nghỉ lễ"],
            date_from="meta",
        ),
        _a(
            url="https://baolaichau.vn/thoi-su/lai-chau-chu-dong-ung-pho-mua-lu-sat-lo-dat-31245",
            source="baolaichau",
            title="Lai Châu chủ động ứng phó mưa lũ, sạt lở đất",
            sapo="Mưa lớn kéo dài khiến nhiều tuyến đường ở huyện Mường Tè bị sạt lở, giao thông "
            "bị chia cắt cục bộ.",
            body="Ban Chỉ huy phòng, chống thiên tai tỉnh yêu cầu các chủ đầu tư thủy điện vận "
            "hành hồ chứa đúng quy trình, thông báo trước cho người dân vùng hạ du khi xả lũ.\n\n"
            "Lực lượng vũ trang đã hỗ trợ di dời 37 hộ dân ra khỏi vùng nguy hiểm.",
            captions=[
                Caption(
                    "Lực lượng chức năng khắc phục điểm sạt lở trên Quốc lộ 4H.",
                    "https://baolaichau.vn/media/2024/08/sat-lo.jpg",
                    "Minh Thư",
                )
            ],
            published="2024-08-10T16:45:00+07:00",
            author="Minh Thư",
            category="Thời sự",
            tags=["thiên tai", "mưa lũ"],
        ),
        _a(
            url="https://baolaichau.vn/giao-duc/nu-cuoi-tren-doi-ma-hong-31002",
            source="baolaichau",
            title="Nụ cười trên đôi má ửng hồng của học trò vùng cao",
            sapo="Những bữa cơm bán trú đủ chất đã giúp học sinh điểm trường Pa Vây Sử khỏe "
            "mạnh hơn.",
            body="Cô giáo Lò Thị Hoa kể, năm học trước nhiều em còn gầy, đôi má nứt nẻ vì gió "
            "rét. Nay nhà trường trồng thêm rau, nuôi gà để cải thiện bữa ăn.\n\n"
            "Phụ huynh góp gạo, góp củi để các em yên tâm ở lại trường học tập.",
            captions=[
                Caption(
                    "Giờ ăn trưa của học sinh bán trú.",
                    "https://baolaichau.vn/media/2023/09/ban-tru.jpg",
                    "Thu Hà",
                )
            ],
            published="2023-09-05T08:00:00+07:00",
            author="Thu Hà",
            category="Giáo dục",
            tags=["bán trú"],
        ),
        _a(
            url="https://baolaichau.vn/chinh-tri/hdnd-tinh-khai-mac-ky-hop-thu-20-32001",
            source="baolaichau",
            title="HĐND tỉnh Lai Châu khai mạc kỳ họp thứ hai mươi",
            sapo="Sáng 9/12, HĐND tỉnh Lai Châu khóa XV khai mạc kỳ họp thường lệ cuối năm.",
            body="Kỳ họp xem xét các báo cáo kinh tế - xã hội năm 2024, quyết định kế hoạch đầu tư "
            "công và nhiều nghị quyết quan trọng về giáo dục, y tế.",
            captions=[],
            published="2024-12-09T08:30:00+07:00",
            author="Minh Thư",
            credit="baolaichau.vn",
            category="Chính trị",
            tags=["HĐND"],
        ),
        _a(
            url="https://baolaichau.vn/chinh-tri/khoi-dai-doan-ket-hoa-hop-30777",
            source="baolaichau",
            # Printed in the new tone style (hoà, thuỷ, khoẻ), as some papers do.
            title="Xây dựng khối đại đoàn kết, hoà hợp giữa các dân tộc",
            sapo="Tình cảm thuỷ chung giữa các dân tộc là nền tảng để Lai Châu phát triển.",
            body="Mặt trận các cấp vận động bà con giữ gìn bản sắc, sống hoà thuận, giúp nhau "
            "làm kinh tế và chăm lo sức khoẻ cộng đồng.",
            captions=[],
            published="2023-11-18",
            author="Ngọc Anh",
            category="Chính trị",
            tags=["đại đoàn kết"],
            date_from="url",
        ),
        _a(
            url="https://baosonla.vn/kinh-te/mua-xoai-som-duoc-gia-59820.html",
            source="baosonla",
            title="Sơn La: Mùa xoài sớm được giá",
            sapo="Xoài sớm ở huyện Yên Châu được thương lái thu mua với giá cao hơn năm trước.",
            body="Nhiều hộ dân áp dụng quy trình VietGAP, bao trái từ sớm nên xoài đẹp mã, "
            "ít sâu bệnh. Một phần sản lượng đã được xuất khẩu.",
            captions=[
                Caption(
                    "Nông dân Yên Châu thu hoạch xoài.",
                    "https://baosonla.vn/images/2024/04/xoai.jpg",
                    "Tuấn Anh",
                )
            ],
            published="2024-04-25T10:00:00+07:00",
            author="Tuấn Anh",
            category="Kinh tế",
            tags=["xoài", "nông sản"],
        ),
        _a(
            url="https://baosonla.vn/giao-duc/hoc-sinh-tuu-truong-60104.html",
            source="baosonla",
            title="Học sinh Sơn La tựu trường năm học mới",
            sapo="Hơn 300.000 học sinh toàn tỉnh tựu trường, chuẩn bị cho năm học mới.",
            body="Các trường đã sửa sang phòng học, bổ sung bàn ghế và sách giáo khoa.",
            captions=[
                Caption(
                    "Học sinh Trường Tiểu học Chiềng Sinh ngày tựu trường.",
                    "https://baosonla.vn/images/2024/09/tuu-truong-1.jpg",
                    "Lan Hương",
                ),
                Caption(
                    "Các em nhận sách giáo khoa mới.",
                    "https://baosonla.vn/images/2024/09/tuu-truong-2.jpg",
                    "Lan Hương",
                ),
                Caption(
                    "Thầy cô dọn dẹp lớp học trước ngày khai giảng.",
                    "https://baosonla.vn/images/2024/09/tuu-truong-3.jpg",
                    "Lan Hương",
                ),
            ],
            published="2024-08-30T07:30:00+07:00",
            author="Lan Hương",
            category="Giáo dục",
            tags=["năm học mới"],
            page_type="gallery",
        ),
        _a(
            url="https://baosonla.vn/giao-duc/day-tieng-viet-cho-tre-dan-toc-thieu-so-55012.html",
            source="baosonla",
            title="Nâng cao chất lượng dạy tiếng Việt cho trẻ em dân tộc thiểu số",
            sapo="Các tỉnh Sơn La, Điện Biên, Lai Châu chia sẻ kinh nghiệm tăng cường tiếng Việt "
            "cho trẻ mầm non.",
            body="Giáo viên được tập huấn phương pháp dạy song ngữ, dùng tranh ảnh và trò chơi để "
            "trẻ mạnh dạn giao tiếp.",
            captions=[],
            published="2022-10-12T14:00:00+07:00",
            author="Lò Thị Hoa",
            credit="TTXVN",
            category="Giáo dục",
            tags=["tiếng Việt", "mầm non"],
        ),
        _a(
            url=GONE_URL,
            source="baosonla",
            title="Hội thi thể thao các dân tộc huyện Mường La",
            sapo="Gần 400 vận động viên tham gia tranh tài ở các môn đẩy gậy, bắn nỏ, kéo co.",
            body="Hội thi là dịp để đồng bào các dân tộc giao lưu, gìn giữ các môn thể thao "
            "truyền thống.",
            captions=[
                Caption(
                    "Phần thi bắn nỏ của vận động viên nữ.",
                    "https://baosonla.vn/images/2024/03/ban-no.jpg",
                    None,
                )
            ],
            published="2024-03-03T15:00:00+07:00",
            author="Quỳnh Anh",
            category="Văn hóa - Xã hội",
            tags=["thể thao dân tộc"],
        ),
    ]


def edited_article() -> Article:
    """The second crawl's copy of EDITED_URL: retitled, with a corrected figure and a new line."""
    return _a(
        url=EDITED_URL,
        source="baodienbienphu",
        title="Điện Biên Phủ đón gần 12.000 lượt khách dịp nghỉ lễ 2/9",
        sapo="(ĐBP) - Trong kỳ nghỉ lễ Quốc khánh, thành phố Điện Biên Phủ đón gần 12.000 "
        "lượt khách tham quan các di tích lịch sử.",
        body="Các điểm di tích Đồi A1, Hầm Đờ Cát và Bảo tàng Chiến thắng lịch sử Điện Biên "
        "Phủ đông khách nhất. Các cơ sở lưu trú đạt công suất phòng khoảng 85%.\n\n"
        "Doanh thu du lịch ước đạt 25 tỷ đồng.",
        captions=[
            Caption(
                "Du khách tham quan Di tích Đồi A1.",
                "https://baodienbienphu.info.vn/uploads/2024/09/doi-a1.jpg",
                "Hoàng Châu",
            )
        ],
        published="2024-09-02T18:00:00+07:00",
        modified="2024-12-11T07:40:00+07:00",
        author="Hoàng Châu",
        category="Du lịch",
        tags=["du lịch", "nghỉ lễ"],
        date_from="meta",
        fetched_at=SECOND_CRAWL,
    )



def _store(archive: Archive, article: Article, crawl_id: int, fetched_at: str) -> str:
    """Record a capture (no WARC: the fixtures are written, not fetched) and store the article."""
    capture = archive.record_capture(
        crawl_id=crawl_id,
        url=article.url,
        final_url=article.url,
        status=200,
        fetched_at=fetched_at,
        content_type="text/html; charset=utf-8",
        digest=None,
        warc_file=None,
        warc_offset=None,
        warc_length=None,
    )
    return archive.store_article(article, crawl_id=crawl_id, capture_id=capture)


def build_fixture_archive(path: str | Path) -> Path:
    """Write the fixture archive to ``path`` (replacing any file there) and return the path."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with Archive(path) as archive:
        for source in SOURCES:
            archive.upsert_source(source)
        first = archive.start_crawl(None, "newsarchive crawl --all", started_at=FIRST_CRAWL)
        counts = {"new": 0, "updated": 0, "unchanged": 0}
        for article in fixture_articles():
            counts[_store(archive, article, first, FIRST_CRAWL)] += 1
        archive.finish_crawl(
            first,
            "finished",
            {"pages": 40, **counts, "dropped": {"not_article": 3}, "http_errors": {"404": 1}},
            finished_at="2024-12-10T01:05:00+00:00",
        )
        second = archive.start_crawl(
            "baodienbienphu", "newsarchive crawl baodienbienphu", started_at=SECOND_CRAWL
        )
        counts = {"new": 0, "updated": 0, "unchanged": 0}
        again = [a for a in fixture_articles() if a.source == "baodienbienphu"]
        for article in again:
            if article.url == EDITED_URL:
                article = edited_article()
            else:
                article.fetched_at = SECOND_CRAWL
            counts[_store(archive, article, second, SECOND_CRAWL)] += 1
        archive.finish_crawl(
            second,
            "finished",
            {"pages": 12, **counts, "dropped": {}, "http_errors": {}},
            finished_at="2024-12-12T01:02:00+00:00",
        )
        archive.mark_gone(GONE_URL, 404, SECOND_CRAWL)
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "data/fixture.db")
    build_fixture_archive(target)
    print(f"fixture archive written to {target}")  # CLI output
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
