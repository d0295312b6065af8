"""Family 3, "#content-detail" (dev): Báo Hưng Yên and Báo Cao Bằng.

Evidence: /<slug>-<id>.html (RE019, RE045), h1.name and div.date.font5 (RE045, RE046, shared with
Quảng Ninh), body #content-detail inside div.content-article (RE045), blocks to drop
div.pseudonym, div.relates, div.topics, div.social, div.print_page, div.block-news-list (RE045),
Cao Bằng's lead as the first bold paragraph of #content-detail and its 'Cùng chuyên mục'
div.block-news-list inside the page (RE019).
"""

from __future__ import annotations

from tests.corpus.kit import (
    Cap,
    Page,
    Site,
    Story,
    at,
    body_with_captions,
    byline_end,
    dmy,
    esc,
    ev,
    head_meta,
    hm,
    hm12,
    image_url,
    jsonld,
    related,
    sapo_inner,
    tag_links,
    truth_article,
    truth_other,
    weekday,
)

FAMILY = "f3-content-detail"

HUNGYEN = Site(
    id="baohungyen", name="Báo Hưng Yên", host="baohungyen.vn", family=FAMILY,
    evidence=[
        ev("RE045", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baohungyen_config)", "2026-01-23"),
        ev("RE046", "sys-vcb/doc-bao-risk-scanner@00b514162a2adfde1141852322094bd18e63b775:"
           "app/scraper/engine.py (extract_clean_pub_date)", "~2026-07-28"),
    ],
    today=at(2026, 1, 30, 6, 10),
    licence="Giấy phép số 27/GP-BVHTTDL cấp ngày 03/10/2025",
)
CAOBANG = Site(
    id="baocaobang", name="Báo Cao Bằng", host="baocaobang.vn", family=FAMILY,
    evidence=[
        ev("RE019", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baocaobang_config)", "2026-01-23"),
    ],
    today=at(2026, 1, 18, 10, 0),
    licence="Giấy phép số 150/GP-BTTTT ngày 12/4/2023 của Bộ Thông tin và Truyền thông",
)

HUNGYEN_STORIES = [
    Story(
        slug="nhan-long-dien-vao-mua-thu-hoach", id="1084502",
        title="Nhãn lồng phố Hiến vào mùa thu hoạch",
        sapo="Gần 5.000 ha nhãn lồng trong tỉnh bước vào vụ thu hoạch chính, sản lượng ước đạt "
             "55.000 tấn.",
        paras=[
            "Tại vùng nhãn Hồng Nam, Tân Hưng, từ tờ mờ sáng các nhà vườn đã bẻ nhãn, phân loại và "
            "đóng thùng xốp để kịp chuyến xe đi Hà Nội.",
            "Nhãn loại một được bán tại vườn với giá 45.000 đồng/kg, nhãn xuất khẩu đi Mỹ, Úc qua "
            "chiếu xạ có giá cao hơn khoảng 20%.",
            "Sở Nông nghiệp cho biết năm nay có thêm 12 mã số vùng trồng được cấp, nâng tổng diện "
            "tích nhãn đủ điều kiện xuất khẩu lên gần 600 ha.",
            "Các hợp tác xã cũng đẩy mạnh sấy long nhãn, làm nhãn ướp lạnh để kéo dài thời gian "
            "tiêu thụ, tránh ép giá lúc chính vụ.",
        ],
        when=at(2025, 8, 1, 5, 55), category="Kinh tế", cat_slug="kinh-te",
        author="Phạm Hưng", author_how="end-right",
        caps=[Cap("Nhà vườn xã Hồng Nam thu hoạch nhãn lồng.", "Ảnh: Phạm Hưng",
                  ("nhan-long.jpg",), after=1),
              Cap("Nhãn được đóng thùng để chuyển đi Hà Nội.", "Ảnh: Phạm Hưng",
                  ("dong-thung.jpg",), after=3)],
        tags=["nhãn lồng", "Hưng Yên"],
        notes="the byline is in div.pseudonym, right-aligned under the body",
    ),
    Story(
        slug="hung-yen-hoan-thanh-cau-vuot-song-luoc", id="1084977",
        title="Hoàn thành cầu vượt sông Luộc nối hai tỉnh",
        sapo="Cây cầu dài 1,2 km được thông xe sau 20 tháng thi công, rút ngắn quãng đường từ "
             "trung tâm tỉnh đi Thái Bình cũ gần 15 km.",
        paras=[
            "Cầu có bốn làn xe, kết cấu dầm bê tông cốt thép dự ứng lực, tổng vốn đầu tư hơn "
            "900 tỷ đồng từ ngân sách tỉnh và trung ương.",
            "Người dân hai bờ không còn phải chờ phà, nhất là vào mùa mưa khi nước sông lên cao "
            "và phà thường phải tạm dừng.",
            "Đơn vị thi công tiếp tục hoàn thiện đường dẫn hai đầu cầu, hệ thống chiếu sáng và "
            "trồng cây xanh trước Tết Nguyên đán.",
        ],
        when=at(2025, 12, 20, 16, 10), category="Thời sự", cat_slug="thoi-su",
        author=None, author_how=None, credit="VOV", credit_how="theo-end",
        jsonld_author="VOV",
        caps=[Cap("Cầu vượt sông Luộc trong ngày thông xe.", "Ảnh: VOV",
                  ("cau-song-luoc.jpg",), how="paren", after=1)],
        notes="reprint: JSON-LD author (a Person) is the outlet; the text ends 'Theo VOV'",
    ),
    Story(
        slug="hoc-sinh-tieu-hoc-hoc-boi-mien-phi", id="1085203",
        title="Hơn 3.000 học sinh tiểu học được học bơi miễn phí",
        sapo="Chương trình phòng chống đuối nước năm nay mở thêm 18 bể bơi di động đặt ngay tại sân "
             "trường các xã ven sông.",
        paras=[
            "Mỗi khóa học kéo dài 10 buổi, do giáo viên thể dục và huấn luyện viên của Trung tâm "
            "Văn hóa, Thể thao tỉnh trực tiếp hướng dẫn.",
            "Sau khóa học, hơn 90% học sinh bơi được 25 m và biết cách tự cứu khi gặp nạn dưới "
            "nước.",
            "Ngành giáo dục đề nghị phụ huynh tiếp tục cho con luyện tập trong hè, tuyệt đối không "
            "để trẻ tắm sông, ao hồ khi không có người lớn đi cùng.",
        ],
        when=at(2025, 6, 14, 13, 39), category="Giáo dục", cat_slug="giao-duc",
        author="Thu Hằng", author_how="end-bold", clock12=True,
        caps=[Cap("Học sinh Trường Tiểu học Tân Châu học bơi tại bể di động.",
                  "Ảnh: Thu Hằng", ("hoc-boi.jpg",), after=2)],
        notes="the only time on the page is a 12-hour clock ('01:39 PM')",
    ),
]

CAOBANG_STORIES = [
    Story(
        slug="tra-linh-vao-vu-hat-de", id="3178420",
        title="Trà Lĩnh vào vụ hạt dẻ",
        sapo="Hạt dẻ Trùng Khánh, Trà Lĩnh năm nay được mùa, giá bán tại vườn từ 80.000 đến "
             "120.000 đồng/kg.",
        paras=[
            "Những ngày cuối tháng 9, người dân các xóm vùng cao dậy từ sớm lên đồi nhặt hạt dẻ rụng "
            "sau đêm gió.",
            "Hạt dẻ ở đây nhỏ, vỏ mỏng, khi rang có vị bùi và thơm, được khách dưới xuôi ưa chuộng. "
            "Nhiều gia đình có thu nhập 50 - 70 triệu đồng mỗi vụ.",
            "Huyện đang hướng dẫn bà con ghép cải tạo vườn dẻ già cỗi và xây dựng nhãn hiệu tập thể "
            "để bán hàng qua các sàn thương mại điện tử.",
        ],
        when=at(2025, 9, 26, 8, 0), category="Kinh tế", cat_slug="kinh-te",
        author="Nông Thu", author_how="end-bold",
        caps=[Cap(None, "Ảnh minh họa", ("hat-de.jpg",), how="alone", after=1)],
        notes="lead is the first bold paragraph inside #content-detail; the only photo is "
              "captioned 'Ảnh minh họa'",
    ),
    Story(
        slug="nguoi-dan-bao-lac-giu-nghe-det-tho-cam", id="3178611",
        title="Người Dao Tiền ở Bảo Lạc giữ nghề nhuộm chàm, dệt vải",
        sapo="Ở xóm Nà Ngàm, hơn 40 phụ nữ người Dao Tiền vẫn giữ nghề trồng bông, dệt vải và "
             "in sáp ong lên váy áo.",
        paras=[
            "Mỗi bộ trang phục phụ nữ Dao Tiền mất gần một năm để hoàn thành, từ khâu trồng bông, "
            "kéo sợi đến nhuộm chàm và thêu hoa văn.",
            "Bà Triệu Mùi Chòi, người cao tuổi nhất trong nhóm, vẫn hằng ngày dạy các cháu gái vẽ "
            "sáp ong bằng bút đồng.",
            "Xã đã thành lập tổ hợp tác dệt vải, nhận đơn hàng khăn, túi thổ cẩm cho khách du lịch "
            "đến thác Bản Giốc và hồ Ba Bể.",
        ],
        when=at(2025, 11, 8, 15, 45), category="Văn hóa", cat_slug="van-hoa",
        author="Hoàng Lệ", author_how="tong-hop",
        caps=[Cap("Phụ nữ Dao Tiền in sáp ong lên vải.", "Ảnh: Hoàng Lệ",
                  ("in-sap-ong.jpg",), how="paren", after=2)],
        notes="the byline is '<strong>Hoàng Lệ</strong> (tổng hợp)'",
    ),
    Story(
        slug="cua-khau-tra-linh-thong-quan-hang-hoa", id="3178839",
        title="Cửa khẩu Trà Lĩnh thông quan hơn 1.000 lượt xe hàng mỗi tháng",
        sapo="Lượng hàng hóa xuất nhập khẩu qua cửa khẩu quốc tế Trà Lĩnh tăng mạnh trong quý IV, "
             "chủ yếu là nông sản và máy móc.",
        paras=[
            "Các lực lượng chức năng bố trí làm việc cả ngày thứ Bảy, áp dụng khai báo hải quan điện "
            "tử để rút ngắn thời gian chờ của xe hàng.",
            "Mặt hàng xuất khẩu chính là hoa quả tươi, tinh bột sắn và hạt điều; nhập khẩu chủ yếu "
            "là máy móc nông nghiệp và phân bón.",
            "Tỉnh đang đầu tư mở rộng bãi kiểm hóa, xây thêm kho lạnh để giữ chất lượng nông sản "
            "trong thời gian chờ thông quan.",
        ],
        when=at(2025, 12, 29, 10, 20), category="Kinh tế", cat_slug="kinh-te",
        author=None, author_how=None, credit="Báo Bắc Kạn", credit_how="nguon-end",
        notes="no byline; 'Nguồn: Báo Bắc Kạn' in italics closes the text",
    ),
]


# ------------------------------------------------------------------------------- Hưng Yên
def _hungyen_top(site: Site) -> str:
    return (
        '<div id="header"><div class="header-top">'
        f'<div class="date-now">{weekday(site.today)}, {dmy(site.today)}</div>'
        '<div class="hotline">Đường dây nóng: 0221 3862 123</div></div>'
        '<div class="logo"><a href="/"><img src="/Content/images/logo.png" alt="Báo Hưng Yên"></a>'
        '</div><div class="menu-top"><ul><li><a href="/Thoi-su">Thời sự</a></li>'
        '<li><a href="/Kinh-te">Kinh tế</a></li><li><a href="/giao-duc">Giáo dục</a></li>'
        '<li><a href="/Van-hoa">Văn hóa</a></li></ul></div></div>'
    )


def _hungyen_foot(site: Site) -> str:
    return (
        '<div id="footer"><div class="footer-info">Báo Hưng Yên - Cơ quan của Đảng bộ tỉnh Hưng '
        f"Yên. {site.licence}. Tổng biên tập chịu trách nhiệm nội dung.</div>"
        '<div class="copyright">© Báo Hưng Yên. Ghi rõ nguồn khi phát hành lại thông tin.</div>'
        "</div>"
    )


def hungyen_article(story: Story, others: list[Story]) -> Page:
    site = HUNGYEN
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        return (f'<div class="image-detail"><img src="{src}" alt=""><div class="image-note">'
                f"{esc(cap.printed())}</div></div>")

    clock = hm12(story.when) if story.clock12 else hm(story.when)
    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others]
    pseudonym = ""
    if story.author and story.author_how == "end-right":
        pseudonym = f'<div class="pseudonym">{esc(story.author)}</div>'
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img, date_only=story.clock12)}
</head>
<body>
{_hungyen_top(site)}
<div class="main"><div class="breadcrumbs"><ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/{story.cat_slug}">{esc(story.category)}</a></li></ol></div>
<div class="content-article">
<h1 class="name">{esc(story.title)}</h1>
<div class="date font5">{weekday(story.when)}, {dmy(story.when)} {clock}</div>
<div class="social"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a></div>
<div class="sapo"><strong>{sapo_inner(story)}</strong></div>
<div id="content-detail">
{body_with_captions(story, caption, inserts={2: '<div class="relates"><div class="relates-title">Tin liên quan</div>' + related(stories, fmt="{a}") + "</div>"})}
{byline_end(story)}
</div>
{pseudonym}
<div class="topics">Chủ đề: {tag_links(story.tags, href="/chu-de/{slug}")}</div>
<div class="print_page"><a href="#" onclick="window.print()">In bài viết</a></div>
</div>
<div class="block-news-list"><div class="title-list">Cùng chuyên mục</div>{related(stories, fmt="{a} <i>{date}</i>")}</div>
</div>
{_hungyen_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def hungyen_search(stories: list[Story]) -> Page:
    site = HUNGYEN
    url = f"{site.base}/tim-kiem?keyword=nh%C3%A3n"
    path = f"{FAMILY}/{site.id}/tim-kiem-nhan.html"
    rows = "".join(
        f'<div class="search-item"><a class="title" href="{site.base}/{s.slug}-{s.id}.html">'
        f'{esc(s.title)}</a><div class="date font5">{dmy(s.when)}</div>'
        f'<p class="sapo">{esc(s.sapo)}</p></div>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm: nhãn - Báo Hưng Yên</title>
<meta name="robots" content="noindex"></head><body>
{_hungyen_top(site)}
<div class="main"><h1 class="name">Kết quả tìm kiếm: "nhãn"</h1><p>Tìm thấy {len(stories)} kết quả</p>
{rows}</div>
{_hungyen_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "search", [],
                                        "search results with dates and leads"))


# ------------------------------------------------------------------------------- Cao Bằng
def _caobang_top(site: Site) -> str:
    return (
        '<table class="header" width="100%"><tr><td class="logo"><a href="/"><img '
        'src="/images/logo-bcb.gif" alt="Báo Cao Bằng"></a></td>'
        f'<td class="clock" align="right">{weekday(site.today)}, ngày {dmy(site.today)}</td></tr>'
        '</table><div class="navbar"><a href="/">Trang chủ</a> | <a href="/Thoi-su">Thời sự'
        '</a> | <a href="/kinh-te">Kinh tế</a> | <a href="/van-hoa">Văn hóa</a> | <a '
        'href="/bien-gioi">Biên giới</a></div>'
    )


def _caobang_foot(site: Site) -> str:
    return (
        '<div class="bottom"><p>BÁO CAO BẰNG ĐIỆN TỬ</p>'
        f"<p>{site.licence}</p><p>Số 8, phố Hoàng Đình Giong, phường Thục Phán, Cao Bằng</p>"
        "</div>"
    )


def caobang_article(story: Story, others: list[Story]) -> Page:
    site = CAOBANG
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        return (f'<p style="text-align: center;"><img src="{src}" alt="" width="600"></p>'
                f'<p style="text-align: center;"><em>{esc(cap.printed())}</em></p>')

    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
{head_meta(site, story, url, image=img)}
</head>
<body>
{_caobang_top(site)}
<div id="main"><div class="left-col">
<div class="cate-path"><a href="/{story.cat_slug}">{esc(story.category)}</a></div>
<div class="detail-title"><h1>{esc(story.title)}</h1></div>
<div class="detail-time">Cập nhật: {hm(story.when)}, {weekday(story.when)}, {dmy(story.when)}</div>
<div id="content-detail">
<p><strong>{sapo_inner(story)}</strong></p>
{body_with_captions(story, caption)}
{byline_end(story)}
<div class="block-news-list"><h4>Cùng chuyên mục</h4>{related(stories, fmt="{a} ({date})")}</div>
</div>
<div class="share-tools"><a href="#">Gửi bạn bè</a> <a href="#">In trang</a></div>
</div>
<div class="right-col"><div class="qc"><img src="/qc/ubnd-cb.jpg" alt="Quảng cáo"></div></div></div>
{_caobang_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def caobang_category(stories: list[Story]) -> Page:
    site = CAOBANG
    url = f"{site.base}/kinh-te"
    path = f"{FAMILY}/{site.id}/kinh-te.html"
    rows = "".join(
        f'<tr><td class="thumb"><img src="/uploads/thumb/{s.id}.jpg" alt=""></td><td>'
        f'<a class="title-news" href="{site.base}/{s.slug}-{s.id}.html">{esc(s.title)}</a>'
        f'<div class="sapo-news">{esc(s.sapo)}</div><span class="time">{dmy(s.when)}</span>'
        "</td></tr>" for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Kinh tế - Báo Cao Bằng</title></head><body>
{_caobang_top(site)}
<div id="main"><div class="left-col"><h1 class="cate-title">Kinh tế</h1>
<table class="list-news">{rows}</table>
<div class="paging">Trang: <b>1</b> <a href="/kinh-te?page=2">2</a></div></div></div>
{_caobang_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", [],
                                        "category page laid out as a table"))


def pages() -> list[Page]:
    out: list[Page] = []
    for i, s in enumerate(HUNGYEN_STORIES):
        out.append(hungyen_article(s, [o for j, o in enumerate(HUNGYEN_STORIES) if j != i]))
    out.append(hungyen_search(HUNGYEN_STORIES))
    for i, s in enumerate(CAOBANG_STORIES):
        out.append(caobang_article(s, [o for j, o in enumerate(CAOBANG_STORIES) if j != i]))
    out.append(caobang_category(CAOBANG_STORIES))
    return out
