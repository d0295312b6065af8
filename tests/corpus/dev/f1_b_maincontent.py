"""Family 1, "b-maincontent" (dev): Báo Nghệ An and Báo Đà Nẵng as their 2026 CMS prints them.

Evidence: article URLs /<slug>-<id>.html at the site root and -event<id>.html topic pages
(RE062), body in the first div.b-maincontent with article.entry inside (RE023, RE062, RE063),
lead in .sc-longform-header-sapo (RE062), related box .sc-related-articles to drop (RE062),
div.sc-longform-header and div.sc-empty-layer beside the body (RE023).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    image_url,
    jsonld,
    related,
    sapo_inner,
    tag_links,
    truth_article,
    truth_other,
    weekday,
)

if TYPE_CHECKING:
    from collections.abc import Callable

FAMILY = "f1-b-maincontent"

NGHEAN = Site(
    id="baonghean", name="Báo Nghệ An", host="baonghean.vn", family=FAMILY,
    evidence=[
        ev("RE062", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baonghean_config)", "2026-01-23"),
        ev("RE063", "nhantranduynhan11-del/Cross-Lingual-Medical-Retrieval@d99db375a2783506547a7"
           "1f5fd14d4372c6a9cdc:crawl.py (SITE_RULES)", "~2026-10"),
    ],
    today=at(2026, 1, 24, 9, 5),
    licence="Giấy phép hoạt động báo điện tử số 112/GP-BVHTTDL cấp ngày 17/10/2025",
)
DANANG = Site(
    id="baodanang", name="Báo Đà Nẵng", host="baodanang.vn", family=FAMILY,
    evidence=[
        ev("RE023", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baodanang_config)", "2026-01-23"),
        ev("RE024", "nhantranduynhan11-del/Cross-Lingual-Medical-Retrieval@d99db375a2783506547a7"
           "1f5fd14d4372c6a9cdc:crawl.py (SITE_RULES)", "~2026-10"),
    ],
    today=at(2026, 2, 3, 16, 40),
    licence="Giấy phép số 38/GP-BVHTTDL do Bộ Văn hóa, Thể thao và Du lịch cấp ngày 05/9/2025",
)

NGHEAN_STORIES = [
    Story(
        slug="quynh-luu-trung-vu-lac-xuan", id="10318842",
        title="Nông dân Quỳnh Lưu trúng vụ lạc xuân",
        sapo="Hơn 1.200 ha lạc xuân ở các xã ven biển Quỳnh Lưu cho năng suất bình quân 32 tạ/ha, "
             "cao nhất trong 5 năm trở lại đây.",
        paras=[
            "Những ngày cuối tháng 5, trên các cánh đồng xã Quỳnh Thạch, Quỳnh Văn, bà con tranh "
            "thủ nắng ráo để nhổ lạc, tuốt quả và phơi ngay tại bờ ruộng.",
            "Ông Hồ Văn Lịch ở xóm 4 cho biết gia đình trồng 6 sào lạc giống L14, thu được gần "
            "2 tấn củ tươi. Với giá thương lái thu mua 22.000 đồng/kg, sau khi trừ chi phí còn lãi "
            "hơn 20 triệu đồng.",
            "## Liên kết tiêu thụ giúp nông dân yên tâm",
            "Năm nay, hai hợp tác xã trên địa bàn ký hợp đồng bao tiêu với một doanh nghiệp chế "
            "biến dầu lạc ở Diễn Châu, cam kết thu mua toàn bộ sản lượng với giá không thấp hơn giá "
            "thị trường.",
            "Theo Phòng Kinh tế, vụ tới địa phương sẽ mở rộng diện tích lạc che phủ nilon, kết hợp "
            "luân canh với lúa để cải tạo đất và giảm sâu bệnh.",
        ],
        when=at(2025, 5, 28, 10, 12), category="Kinh tế", cat_slug="kinh-te",
        author="Thanh Thủy", author_how="data-role",
        caps=[Cap("Nông dân xã Quỳnh Thạch thu hoạch và phơi lạc ngay trên đồng.",
                  "Ảnh: Thanh Thủy", ("lac-1.jpg", "lac-2.jpg", "lac-3.jpg"), after=2)],
        tags=["lạc xuân", "Quỳnh Lưu"],
        notes="three photos share one caption placed after the group; byline in the header",
    ),
    Story(
        slug="nghe-an-day-nhanh-giai-ngan-von-dau-tu-cong", id="10319207",
        title="Nghệ An đẩy nhanh giải ngân vốn đầu tư công những tháng cuối năm",
        seo_title="Giải ngân đầu tư công Nghệ An 2025: còn hơn 4.000 tỷ đồng phải tiêu",
        sapo="Đến giữa tháng 10, tỉnh mới giải ngân được 58% kế hoạch vốn, còn hơn 4.000 tỷ đồng "
             "phải hoàn thành trước ngày 31/1 năm sau.",
        lead_tag="(Dân trí) -",
        paras=[
            "Tại cuộc họp chiều 15/10, lãnh đạo UBND tỉnh yêu cầu các chủ đầu tư rà soát từng dự "
            "án, dự án nào chậm do vướng mặt bằng thì báo cáo cụ thể để tỉnh xử lý.",
            "Nhiều công trình giao thông trọng điểm như đường ven biển đoạn qua Diễn Châu, Nghi "
            "Lộc đang thiếu đất đắp nền do các mỏ chưa được cấp phép khai thác.",
            "Tỉnh đề nghị các sở ngành điều chuyển vốn từ dự án không có khả năng giải ngân sang "
            "dự án có khối lượng lớn, tránh để vốn nằm chờ đến cuối năm.",
        ],
        when=at(2025, 10, 16, 6, 30), category="Thời sự", cat_slug="thoi-su",
        credit="Dân trí", credit_how="lead-tag+detail-source", jsonld_author="Dân trí",
        jsonld_author_type="Organization",
        author_how=None,
        notes="reprint: JSON-LD author is the outlet; .detail-source says 'Theo Dân trí'; SEO title "
              "in <title>, og:title and JSON-LD",
    ),
    Story(
        slug="video-lang-may-tre-hung-thinh-vao-vu-tet", id="10320015", kind="video",
        title="Làng mây tre Hưng Thịnh tất bật vào vụ Tết",
        sapo=None,
        paras=[
            "Những ngày giáp Tết, các gia đình ở xóm Đông Thịnh tất bật chẻ nan, đan giỏ quà và "
            "khay đựng bánh kẹo để kịp giao cho khách ở Vinh và các tỉnh phía Bắc.",
            "Bà Lê Thị Hoa, chủ một cơ sở đan lát trong xóm, cho biết năm nay giỏ quà Tết bán "
            "chạy nhất, nhiều doanh nghiệp đặt hàng từ tháng 10 để đóng hộp quà cho công nhân.",
            "Mỗi ngày, một người thợ lành nghề đan được năm đến sáu chiếc giỏ, thu nhập khoảng "
            "250.000 đồng, giúp nhiều phụ nữ lớn tuổi có việc làm ngay tại nhà.",
        ],
        when=at(2026, 1, 20, 19, 45), category="Video", cat_slug="video",
        author="Quang An", author_how="end-bold",
        notes="video page: the player first, the text under it is the article",
    ),
]

DANANG_STORIES = [
    Story(
        slug="da-nang-tang-toc-hoan-thanh-duong-ven-song-cau-do", id="3012457",
        title="Tăng tốc hoàn thành đường ven sông Cẩu Đỏ trước mùa mưa",
        sapo="Nhà thầu bố trí ba mũi thi công, làm cả ngày nghỉ để kịp thông tuyến đoạn qua xã "
             "Hòa Tiến trước ngày 30/8.",
        paras=[
            "Sáng 12/6, đoàn công tác của Sở Xây dựng kiểm tra hiện trường dự án đường ven sông "
            "Cẩu Đỏ, đoạn từ cầu Giăng đến cầu Quá Giáng.",
            "Đến nay, nhà thầu đã hoàn thành 70% khối lượng nền đường và 3 trên 5 cống hộp. Phần "
            "việc còn lại chủ yếu là kè mái taluy và thảm bê tông nhựa.",
            "Sở Xây dựng yêu cầu chủ đầu tư giám sát chặt chất lượng vật liệu, lắp biển cảnh báo ở "
            "các điểm giao cắt với đường dân sinh để bảo đảm an toàn cho người đi lại.",
        ],
        when=at(2025, 6, 12, 15, 20), category="Xã hội", cat_slug="xa-hoi",
        author="Hoàng Hiệp", author_how="end-right", jsonld_offset=True,
        caps=[Cap(None, "Ảnh minh hoạ", ("duong-ven-song.jpg",), how="alone", after=1)],
        notes="JSON-LD gives the visible wall-clock time with +08:00; two metas say +07:00",
    ),
    Story(
        slug="nguoi-dan-hoa-vang-chung-tay-lam-duong-giao-thong-nong-thon", id="3012890",
        title="Người dân Hòa Vang hiến đất, góp công làm đường giao thông nông thôn",
        sapo="Gần 300 hộ dân ở hai thôn Phú Sơn, Phước Hưng tự nguyện hiến hơn 5.000 m² đất để mở "
             "rộng tuyến đường liên thôn dài 2,4 km.",
        paras=[
            "Con đường đất trước đây chỉ rộng hơn 2 m, mùa mưa lầy lội khiến việc đưa nông sản ra "
            "chợ rất vất vả.",
            "Sau nhiều buổi họp dân, các hộ thống nhất dời hàng rào, chặt bỏ cây ăn quả để nhường "
            "đất làm đường mà không nhận tiền đền bù.",
            "Ngân sách huyện hỗ trợ xi măng, đá và máy móc; người dân góp ngày công. Tuyến đường mới "
            "rộng 5 m, có rãnh thoát nước và hệ thống đèn chiếu sáng bằng năng lượng mặt trời.",
        ],
        when=at(2025, 8, 5, 9, 0), category="Xã hội", cat_slug="xa-hoi",
        author="Trọng Hùng", author_how="tong-hop",
        caps=[Cap("Tuyến đường liên thôn Phú Sơn sau khi được mở rộng.", "Ảnh: T.H",
                  ("duong-phu-son.jpg",), after=3)],
        notes="byline written as a bold name followed by '(tổng hợp)'",
    ),
    Story(
        slug="hoi-an-don-luong-khach-ky-luc-dip-le", id="3013114",
        title="Hội An đón lượng khách kỷ lục dịp lễ 2/9",
        seo_title="Du lịch Hội An lễ 2/9/2025: hơn 120.000 lượt khách, phòng kín 95%",
        sapo="Trong bốn ngày nghỉ lễ, phố cổ Hội An đón hơn 120.000 lượt khách, công suất phòng "
             "khách sạn đạt khoảng 95%.",
        paras=[
            "Các tuyến phố Trần Phú, Nguyễn Thái Học đông nghịt du khách từ chiều tối. Dịch vụ thả "
            "hoa đăng trên sông Hoài kín chỗ đến gần nửa đêm.",
            "Ban Quản lý phố cổ tăng cường lực lượng hướng dẫn, bố trí thêm điểm giữ xe ở khu vực "
            "cầu An Hội để giảm ùn tắc.",
            "Nhiều cơ sở lưu trú ở Cẩm Thanh, Cửa Đại cho biết khách đặt phòng từ trước cả tháng, "
            "chủ yếu là gia đình từ Hà Nội và TP Hồ Chí Minh.",
        ],
        when=at(2025, 9, 3, 7, 45), category="Du lịch", cat_slug="du-lich",
        credit="Báo Quảng Nam", credit_how="nguon-end", author_how=None,
        caps=[Cap("Du khách thả hoa đăng trên sông Hoài.", "Ảnh: Minh Hải",
                  ("hoa-dang.jpg",), how="paren", after=1)],
        notes="section 'Theo bước chân người Quảng' (RE023); the text ends with 'Nguồn: Báo Quảng "
              "Nam'; SEO title differs from the h1",
    ),
]


def _nghean_chrome_top(site: Site) -> str:
    menu = "".join(f'<li class="c-menu__item"><a href="/{s}">{n}</a></li>' for s, n in (
        ("thoi-su", "Thời sự"), ("kinh-te", "Kinh tế"), ("xa-hoi", "Xã hội"),
        ("van-hoa", "Văn hóa"), ("the-thao", "Thể thao"), ("video", "Video")))
    return (
        '<div class="l-header">\n'
        f'<div class="c-header-top"><span class="c-header-top__date">{weekday(site.today)}, '
        f'{dmy(site.today)}</span> <a href="/en">English</a> <a href="/fr">Français</a></div>\n'
        '<div class="c-header-logo"><a href="/"><img src="/assets/logo.svg" alt="Báo Nghệ An">'
        "</a></div>\n"
        f'<nav class="c-menu"><ul class="c-menu__list">{menu}</ul></nav>\n</div>'
    )


def _nghean_footer(site: Site) -> str:
    return (
        '<footer class="l-footer"><div class="c-footer__info">'
        "<p>Báo và Phát thanh, Truyền hình Nghệ An. Đường dây nóng: 0238 3844 550.</p>"
        f"<p>{site.licence}.</p>"
        "<p>Địa chỉ: số 2 đường Nguyễn Thị Minh Khai, phường Vinh Hưng, tỉnh Nghệ An.</p>"
        "</div></footer>"
    )


def _nghean_caption(site: Site, story: Story) -> Callable[[Cap], str]:
    def render(cap: Cap) -> str:
        imgs = "".join(
            f'<img src="{image_url(site, story, n)}" alt="" loading="lazy">' for n in cap.images)
        if len(cap.images) > 1:
            # the CMS's photo-group block: images side by side, one caption under the row
            return (f'<div class="sc-image-group"><div class="sc-image-group__row">{imgs}</div>'
                    f'<p class="sc-image-group__caption">{esc(cap.printed())}</p></div>')
        return (f'<figure class="sc-image">{imgs}<figcaption>{esc(cap.printed())}</figcaption>'
                "</figure>")

    return render


def nghean_article(story: Story, others: list[Story]) -> Page:
    site = NGHEAN
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None
    top = ""
    if story.author_how == "data-role":
        top = f'<span class="c-detail-head__author" data-role="author">{esc(story.author)}</span> '
    player = ""
    if story.kind == "video":
        player = (f'<div class="c-video-player"><video controls poster="{site.base}/uploads/poster'
                  f'.jpg"><source src="https://media.baonghean.vn/video/{story.id}.mp4" '
                  'type="video/mp4"></video></div>\n')
    sapo = (f'<p class="sc-longform-header-sapo">{sapo_inner(story)}</p>' if story.sapo else "")
    rel = related([(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others],
                  fmt="{a} <time>{date} {time}</time>")
    tags = (f'<div class="c-tags"><span>Từ khóa:</span> {tag_links(story.tags)}</div>'
            if story.tags else "")
    detail_source = ""
    if "detail-source" in (story.credit_how or ""):
        detail_source = f'<div class="detail-source">Theo {esc(story.credit)}</div>\n'
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{head_meta(site, story, url, image=img, time_metas=2 if story.jsonld_offset else 1)}
<link rel="stylesheet" href="/assets/css/main.css">
{jsonld(site, story, url, image=img)}
</head>
<body class="page-detail">
{_nghean_chrome_top(site)}
<main class="l-main"><div class="l-content">
<div class="c-breadcrumb"><a href="/">Trang chủ</a> <a href="/{story.cat_slug}">{esc(story.category)}</a></div>
{player}<div class="sc-longform-header">
<h1 class="sc-longform-header-title">{esc(story.title)}</h1>
<div class="c-detail-head__meta">{top}<span class="c-detail-head__date">{weekday(story.when)}, {dmy(story.when)} {hm(story.when)}</span></div>
{sapo}
</div>
<div class="sc-empty-layer"></div>
<div class="b-maincontent"><article class="entry">
{body_with_captions(story, _nghean_caption(site, story))}
{byline_end(story)}
</article></div>
{detail_source}<div class="c-share"><a href="#" class="c-share__fb">Facebook</a> <a href="#" class="c-share__zalo">Zalo</a> <a href="#" class="c-share__copy">Sao chép liên kết</a></div>
{tags}
<div class="b-maincontent"><div class="sc-related-articles c-box"><div class="c-box__title"><span class="c-box__title__name">Bài đọc tiếp</span></div>
{rel}
</div></div>
<div class="c-comment"><h3>Bình luận</h3><form action="/comment" method="post"><textarea name="content" placeholder="Nhập bình luận của bạn"></textarea><input name="name" placeholder="Họ tên"><button type="submit">Gửi</button></form></div>
</div>
<aside class="l-sidebar"><div class="c-box"><div class="c-box__title__name">Đọc nhiều</div>
{related([(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in reversed(others)], ul="ol")}
</div><div class="c-ads"><a href="https://quangcao.baonghean.vn/"><img src="/ads/banner-300x250.jpg" alt="Quảng cáo"></a></div></aside>
</main>
{_nghean_footer(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def nghean_event_page() -> Page:
    """A topic page (-event<id>.html): og:type article, a menu-like h1, teasers, no body."""
    site = NGHEAN
    url = f"{site.base}/ky-hop-hdnd-tinh-event2301.html"
    path = f"{FAMILY}/{site.id}/event-ky-hop-hdnd.html"
    items = "".join(
        f'<div class="b-grid"><h3 class="b-grid__title"><a href="{site.base}/{s}.html">{t}</a></h3>'
        f'<div class="b-grid__desc">{d}</div><span class="b-grid__time">{when}</span></div>\n'
        for s, t, d, when in (
            ("hdnd-tinh-khai-mac-ky-hop-thu-34-10318001", "HĐND tỉnh khai mạc Kỳ họp thứ 34",
             "Kỳ họp xem xét 28 nghị quyết về kinh tế - xã hội và ngân sách.", "09/12/2025"),
            ("chat-van-ve-cham-giai-ngan-von-cho-xa-kho-khan-10318040",
             "Chất vấn về chậm giải ngân vốn cho các xã khó khăn",
             "Nhiều đại biểu đề nghị làm rõ trách nhiệm khi vốn chương trình mục tiêu bị trả lại.",
             "10/12/2025"),
            ("thong-qua-nghi-quyet-ho-tro-hoc-sinh-ban-tru-10318077",
             "Thông qua nghị quyết hỗ trợ học sinh bán trú",
             "Mức hỗ trợ tiền ăn tăng thêm 15% so với năm học trước.", "11/12/2025"),
            ("be-mac-ky-hop-thu-34-hdnd-tinh-10318102", "Bế mạc Kỳ họp thứ 34 HĐND tỉnh",
             "Kỳ họp hoàn thành toàn bộ nội dung đề ra sau ba ngày làm việc.", "11/12/2025"),
        )
    )
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Kỳ họp HĐND tỉnh - Báo Nghệ An</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Kỳ họp HĐND tỉnh">
<meta property="og:url" content="{url}">
<meta name="description" content="Tin tức, hình ảnh về các kỳ họp Hội đồng nhân dân tỉnh Nghệ An">
</head><body class="page-event">
{_nghean_chrome_top(site)}
<main class="l-main"><div class="l-content">
<div class="c-event-head"><h1 class="c-event-head__title">Kỳ họp HĐND tỉnh</h1>
<p class="c-event-head__desc">Tin tức, hình ảnh về các kỳ họp Hội đồng nhân dân tỉnh.</p></div>
<div class="b-maincontent"><div class="b-grid-list">
{items}</div></div>
<div class="c-pagination"><a href="?page=2">Trang sau</a></div>
</div></main>
{_nghean_footer(site)}
</body></html>
"""
    return Page(path, html, truth_other(
        site, url, path, "listing", ["listing-og-article"],
        "topic page (-event<id>.html, RE062) that declares og:type=article; its h1 is a topic "
        "label and its teasers carry dates"))


def nghean_home(stories: list[Story]) -> Page:
    site = NGHEAN
    url = f"{site.base}/"
    path = f"{FAMILY}/{site.id}/home.html"
    lead = stories[0]
    grid = "".join(
        f'<div class="b-grid"><h3 class="b-grid__title"><a href="{site.base}/{s.slug}-{s.id}.html">'
        f'{esc(s.title)}</a></h3><span class="b-grid__time">{dmy(s.when)}</span></div>\n'
        for s in stories[1:]
    )
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Báo Nghệ An - Tin tức mới nhất Nghệ An</title>
<meta property="og:type" content="website">
<meta name="description" content="Báo Nghệ An điện tử: tin tức thời sự, kinh tế, xã hội Nghệ An.">
</head><body class="page-home">
{_nghean_chrome_top(site)}
<main class="l-main">
<div class="c-hero"><h2 class="c-hero__title"><a href="{site.base}/{lead.slug}-{lead.id}.html">{esc(lead.title)}</a></h2>
<p class="c-hero__sapo">{esc(lead.sapo)}</p></div>
<section class="c-section"><h2 class="c-section__title">Tin mới</h2>
{grid}</section>
<section class="c-section"><h2 class="c-section__title">Đọc nhiều</h2>
{related([(s.title, f"{site.base}/{s.slug}-{s.id}.html", s.when) for s in stories])}
</section></main>
{_nghean_footer(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "home", [],
                                        "home page: hero teaser with its lead, dated lists"))


# ------------------------------------------------------------------------------- Đà Nẵng
def _danang_top(site: Site) -> str:
    return (
        '<header class="site-head"><div class="site-head__bar">'
        f'<span class="today">{weekday(site.today)}, ngày {dmy(site.today)}</span>'
        '<span class="weather">Đà Nẵng 24°C</span></div>'
        '<a class="site-head__logo" href="/"><img src="/static/img/logo-baodanang.png" '
        'alt="Báo Đà Nẵng"></a>'
        '<ul class="main-nav"><li><a href="/chinh-tri">Chính trị</a></li><li><a href="/xa-hoi">'
        'Xã hội</a></li><li><a href="/kinh-te">Kinh tế</a></li><li><a href="/du-lich">Du lịch</a>'
        '</li><li><a href="/theo-buoc-chan-nguoi-quang">Theo bước chân người Quảng</a></li>'
        "</ul></header>"
    )


def _danang_footer(site: Site) -> str:
    return (
        '<div class="site-foot"><div class="site-foot__col">Báo và Phát thanh, Truyền hình Đà '
        f"Nẵng</div><div class=\"site-foot__col\">{site.licence}</div>"
        '<div class="site-foot__col">Ghi rõ nguồn "Báo Đà Nẵng" khi phát hành lại thông tin từ '
        "website này.</div></div>"
    )


def danang_article(story: Story, others: list[Story]) -> Page:
    site = DANANG
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        return (f'<table class="picture"><tr><td><img src="{src}" alt=""></td></tr>'
                f'<tr><td class="picture__note">{esc(cap.printed())}</td></tr></table>')

    inline_related = related(
        [(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others[:2]],
        fmt="{a}")
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img, time_metas=2 if story.jsonld_offset else 1)}
{jsonld(site, story, url, image=img)}
<style>.b-maincontent p{{line-height:1.6}} .picture__note{{font-style:italic;color:#555}}</style>
</head>
<body>
{_danang_top(site)}
<div class="container"><div class="col-main">
<ol class="crumbs"><li><a href="/">Trang chủ</a></li><li><a href="/{story.cat_slug}">{esc(story.category)}</a></li></ol>
<div class="sc-longform-header"><h1 class="detail-title">{esc(story.title)}</h1>
<div class="block-sc-publish-time">{dmy(story.when)} {hm(story.when)}</div></div>
<p class="block-sc-sapo">{sapo_inner(story)}</p>
<div class="b-maincontent"><div class="entry">
{body_with_captions(story, caption, inserts={2: '<div class="box-related-inline"><b>Liên quan:</b>' + inline_related + "</div>"})}
{byline_end(story, right='class="text-right"')}
</div></div>
<div class="toolbar"><a class="print" href="#">In bài viết</a> <a class="fb-share" href="#">Chia sẻ</a></div>
<div class="box-more"><h3 class="box-more__title">Cùng chuyên mục</h3>
{related([(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others], fmt="{a} ({date} {time})")}
</div></div>
<div class="col-side"><div class="ad-slot"><img src="/ads/dulich-300.jpg" alt="Quảng cáo"></div>
<div class="box-most"><h3>Xem nhiều</h3>{related([(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others], fmt="{a}")}</div></div></div>
{_danang_footer(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def danang_category(stories: list[Story]) -> Page:
    site = DANANG
    url = f"{site.base}/xa-hoi"
    path = f"{FAMILY}/{site.id}/xa-hoi.html"
    rows = "".join(
        f'<div class="news-item"><h3 class="b-grid__title"><a href="{site.base}/{s.slug}-{s.id}'
        f'.html">{esc(s.title)}</a></h3><p class="news-item__sapo">{esc(s.sapo)}</p>'
        f'<span class="news-item__date">{dmy(s.when)} {hm(s.when)}</span></div>\n'
        for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Xã hội - Báo Đà Nẵng</title><meta property="og:type" content="website">
</head><body>
{_danang_top(site)}
<div class="container"><div class="col-main"><h1 class="cate-title">Xã hội</h1>
{rows}<div class="paging"><a href="/xa-hoi?page=2">2</a> <a href="/xa-hoi?page=3">3</a></div></div></div>
{_danang_footer(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", [],
                                        "category page: teasers with lead and time"))


def danang_emagazine() -> Page:
    """An e-magazine shell: a headline and a cover, the story itself drawn by a script."""
    site = DANANG
    url = f"{site.base}/emagazine/mua-ca-com-tren-bien-dong-3013500.html"
    path = f"{FAMILY}/{site.id}/emagazine-shell.html"
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Mùa cá cơm trên biển Đông - Báo Đà Nẵng</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Mùa cá cơm trên biển Đông">
<meta property="og:image" content="{site.base}/uploads/emagazine/ca-com-cover.jpg">
<script src="/static/js/emagazine.bundle.js" defer></script>
</head><body class="emagazine">
{_danang_top(site)}
<div class="emag-cover"><img src="/uploads/emagazine/ca-com-cover.jpg" alt="">
<h1 class="emag-cover__title">Mùa cá cơm trên biển Đông</h1></div>
<div id="emag-root" data-src="/api/emagazine/3013500"></div>
<noscript>Vui lòng bật JavaScript để xem bài viết.</noscript>
{_danang_footer(site)}
</body></html>
"""
    return Page(path, html, truth_other(
        site, url, path, "other", ["empty-shell"],
        "e-magazine shell: og:type=article and an h1, but no body and no date in the HTML"))


def pages() -> list[Page]:
    out: list[Page] = []
    for i, s in enumerate(NGHEAN_STORIES):
        out.append(nghean_article(s, [o for j, o in enumerate(NGHEAN_STORIES) if j != i]))
    out += [nghean_event_page(), nghean_home(NGHEAN_STORIES)]
    for i, s in enumerate(DANANG_STORIES):
        out.append(danang_article(s, [o for j, o in enumerate(DANANG_STORIES) if j != i]))
    out += [danang_category(DANANG_STORIES), danang_emagazine()]
    return out
