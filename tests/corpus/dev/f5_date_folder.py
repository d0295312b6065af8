"""Family 5, directory-style /<category>/<YYYYMM>/<slug>-<id>/ URLs (dev).

Báo Đồng Nai (RE029: 7-hex ids, div#content.content-detail with .td-post-content, lead as its
first paragraph, breadcrumb a.title.fleft), Báo Đắk Lắk (RE021: h1.media-heading,
div.article_content div.content#content, lead as the first bold paragraph, div.date, tags in
div.tag_list, ul.social and div.bd02 to drop) and Báo Khánh Hòa (RE048, RE049: 7-hex ids,
h1.head_title, .content-detail with a bold lead, .td-post-content.tagdiv-type).
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

FAMILY = "f5-date-folder"

DONGNAI = Site(
    id="baodongnai", name="Báo Đồng Nai", host="baodongnai.com.vn", family=FAMILY,
    evidence=[ev("RE029", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8ca"
                 "b920d:config.py (_baodongnai_config)", "2026-01-23")],
    today=at(2026, 1, 19, 11, 30),
    licence="Giấy phép số 62/GP-BVHTTDL cấp ngày 01/9/2025",
)
DAKLAK = Site(
    id="baodaklak", name="Báo Đắk Lắk", host="baodaklak.vn", family=FAMILY,
    evidence=[ev("RE021", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab"
                 "920d:config.py (_baodaklak_config)", "2026-01-23")],
    today=at(2026, 1, 28, 15, 5),
    licence="Giấy phép hoạt động báo điện tử số 478/GP-BTTTT cấp ngày 20/10/2022",
)
KHANHHOA = Site(
    id="baokhanhhoa", name="Báo Khánh Hòa", host="baokhanhhoa.vn", family=FAMILY,
    evidence=[
        ev("RE049", "tammuoichanhoa/crawl_lastest_news@25733609150617668f6b7f3d4c4c969103c35370:"
           "config/sites/baokhanhhoa.py", "2026-02-06"),
        ev("RE048", "giapham123/crawl-news-python@28b68eae84d56a3b4102fc5b5f6a3fcfb90397cd:"
           "crawl_data_news/config.py (DOMAIN_SELECTOR_MAP)", "2025-12-26"),
    ],
    today=at(2026, 2, 2, 8, 0),
    licence=None,
)

DONGNAI_STORIES = [
    Story(
        slug="xuan-loc-vao-mua-chom-chom", id="2f41c7e",
        title="Xuân Lộc vào mùa chôm chôm",
        sapo="Hơn 2.000 ha chôm chôm ở Xuân Lộc và Long Khánh cho thu hoạch rộ, giá chôm chôm Thái "
             "tại vườn 25.000 - 30.000 đồng/kg.",
        paras=[
            "Từ sáng sớm, các điểm thu mua trên quốc lộ 1 đã tấp nập xe chở chôm chôm từ các vườn "
            "ở xã Suối Cao, Xuân Định.",
            "Anh Đỗ Văn Hòa cho biết vườn 1,5 ha của gia đình năm nay đạt khoảng 20 tấn, lãi hơn "
            "200 triệu đồng.",
            "Một số hợp tác xã đã xuất được chôm chôm đi Hàn Quốc, Nhật Bản nhờ đạt chứng nhận "
            "GlobalGAP.",
        ],
        when=at(2025, 6, 2, 7, 30), category="Kinh tế", cat_slug="kinh-te",
        author="Bình Nguyên", author_how="end-bold",
        caps=[Cap("Nông dân Xuân Định thu hoạch chôm chôm.", "Ảnh: Bình Nguyên",
                  ("chom-chom.jpg",), how="split", after=1)],
        tags=["chôm chôm", "Xuân Lộc"],
        notes="lead as the first paragraph of .td-post-content; photo credit in its own element",
    ),
    Story(
        slug="binh-phuoc-dieu-truoc-mua-mua", id="2f42a10",
        title="Nông dân Bù Đăng chăm điều trước mùa ra hoa",
        seo_title="Giá điều hôm nay và kỹ thuật chăm sóc điều ra hoa ở Bù Đăng",
        sapo="Nông dân các xã Bù Đăng tỉa cành, bón phân, phòng bọ xít muỗi để điều ra hoa đều "
             "trong tháng 12.",
        paras=[
            "Theo ngành nông nghiệp, năm nay thời tiết thuận lợi, nhiều vườn điều ra đọt non sớm "
            "nên cần phun thuốc phòng bệnh thán thư kịp thời.",
            "Nhiều hộ chuyển sang bón phân hữu cơ vi sinh, giữ cỏ giữa hàng để chống xói mòn đất "
            "dốc.",
            "Giá điều thô đầu vụ dự báo khoảng 30.000 đồng/kg, cao hơn năm ngoái.",
        ],
        when=at(2025, 11, 27, 9, 45), category="Nông nghiệp", cat_slug="nong-nghiep",
        author=None, author_how=None, credit="Báo Bình Phước", credit_how="theo-end",
        notes="reprint from the former Bình Phước paper ('Theo Báo Bình Phước'); SEO title in "
              "<title>, og:title and JSON-LD",
    ),
    Story(
        slug="bien-hoa-xay-them-truong-hoc", id="2f43b28",
        title="Biên Hòa xây thêm 12 trường học, giảm sĩ số mỗi lớp",
        sapo="Năm học 2025 - 2026, thành phố đưa vào sử dụng 12 trường mới, bớt được hơn 200 lớp "
             "học vượt sĩ số.",
        paras=[
            "Các trường mới tập trung ở phường Tam Phước, Long Bình, nơi có nhiều khu công nghiệp và "
            "dân số cơ học tăng nhanh.",
            "Mỗi trường đều có phòng học bộ môn, nhà đa năng và hệ thống lọc nước uống cho học sinh.",
            "Ngành giáo dục cũng tuyển thêm gần 400 giáo viên để đáp ứng quy mô trường lớp mới.",
        ],
        when=at(2025, 9, 4, 16, 20), category="Giáo dục", cat_slug="giao-duc",
        author="Hải Quân", author_how="tong-hop",
        notes="'<strong>Hải Quân</strong> (tổng hợp)' closes the text",
    ),
]

DAKLAK_STORIES = [
    Story(
        slug="ca-phe-dak-lak-dat-gia-cao", id="",
        title="Cà phê Đắk Lắk được giá, nông dân mở rộng tái canh",
        sapo="Giá cà phê nhân xô quanh 110.000 đồng/kg giúp nhiều nông hộ có vốn tái canh những "
             "vườn cà phê già cỗi.",
        paras=[
            "Tại Cư M'gar, Krông Pắc, nhiều vườn cà phê trồng từ những năm 1990 đã được thay bằng "
            "giống TR4, TR9 năng suất cao.",
            "Nông dân trồng xen sầu riêng, bơ, hồ tiêu để giảm rủi ro khi giá cà phê biến động.",
            "Ngân hàng chính sách dành gói vay ưu đãi cho các hộ tái canh, thời hạn đến 5 năm.",
        ],
        when=at(2025, 10, 14, 10, 0), category="Kinh tế", cat_slug="kinh-te",
        author="Thái Hòa", author_how="meta-theo",
        caps=[Cap(None, "Ảnh minh họa", ("ca-phe.jpg",), how="alone", after=1)],
        tags=["cà phê", "tái canh"],
        notes="author meta 'Theo Thái Hòa'; the visible byline is the name alone; a caption that "
              "is only 'Ảnh minh họa'",
    ),
    Story(
        slug="phu-yen-khoi-phuc-dam-o-loan", id="",
        title="Phục hồi nguồn lợi thủy sản đầm Ô Loan",
        sapo="Sau ba năm cấm khai thác tận diệt, đầm Ô Loan đã có lại nhiều loài tôm, cá, sò huyết "
             "quý.",
        paras=[
            "Các tổ cộng đồng quản lý nghề cá luân phiên tuần tra, tháo dỡ hàng trăm lừ, lưới mắt "
            "nhỏ đặt trái phép.",
            "Người dân chuyển sang nuôi hàu, nuôi cá bớp trong lồng theo đúng quy hoạch, vừa có thu "
            "nhập vừa giữ môi trường đầm.",
        ],
        when=at(2025, 8, 21, 15, 35), category="Xã hội", cat_slug="xa-hoi",
        author=None, author_how=None, credit="Báo Phú Yên",
        credit_how="detail-source", jsonld_author="Báo Phú Yên",
        notes="article from phuyen.baodaklak.vn (RE114, RE115) republished: JSON-LD author is the "
              "outlet; a .detail-source block says 'Theo Báo Phú Yên'",
    ),
    Story(
        slug="hoi-thi-danh-chieng-buon-ma-thuot", id="",
        title="Sôi nổi hội thi đánh chiêng các buôn ở Buôn Ma Thuột",
        sapo="Hai mươi đội chiêng của các buôn Ê Đê tham gia hội thi, nhiều nghệ nhân trẻ lần đầu "
             "biểu diễn.",
        paras=[
            "Hội thi diễn ra tại buôn Akô Dhông, gồm phần biểu diễn chiêng, múa xoang và trình diễn "
            "trang phục truyền thống.",
            "Ban tổ chức trao giải nhất cho đội chiêng buôn Kô Tam, giải đặc biệt cho nghệ nhân nhỏ "
            "tuổi nhất mới 12 tuổi.",
        ],
        when=at(2025, 12, 7, 20, 10), category="Văn hóa", cat_slug="van-hoa",
        author="H'Lin Niê", author_how="end-bold", clock12=True,
        caps=[Cap("Đội chiêng buôn Kô Tam biểu diễn.", "Ảnh: H'Lin Niê",
                  ("doi-chieng.jpg",), after=1)],
        notes="the date line reads '07/12/2025 08:10 PM'",
    ),
]

KHANHHOA_STORIES = [
    Story(
        slug="nha-trang-don-doan-khach-du-thuyen", id="7a2c41f",
        title="Nha Trang đón đoàn khách du thuyền đầu năm",
        sapo="Gần 1.800 du khách quốc tế đi tàu biển cập cảng Nha Trang sáng 2/1, bắt đầu hành trình "
             "tham quan thành phố biển.",
        paras=[
            "Du khách chia thành nhiều nhóm, đi tham quan Tháp Bà Ponagar, chợ Đầm và các làng nghề "
            "quanh vịnh.",
            "Ngành du lịch tỉnh bố trí điểm đổi tiền, hỗ trợ thanh toán bằng thẻ và tăng lực lượng "
            "bảo vệ ở các điểm tham quan.",
            "Theo kế hoạch, mùa khách tàu biển năm nay Khánh Hòa đón khoảng 70 chuyến.",
        ],
        when=at(2026, 1, 2, 11, 50), category="Du lịch", cat_slug="du-lich",
        author="Nguyễn Vũ Điệp", author_how="jsonld-entity", entities=True,
        caps=[Cap("Du khách quốc tế tham quan Tháp Bà Ponagar.", "Ảnh: V.Đ",
                  ("ponagar-1.jpg", "ponagar-2.jpg", "ponagar-3.jpg"), after=2)],
        notes="byline only in JSON-LD, written with &#NNNN; references; three photos with one "
              "caption beside them",
    ),
    Story(
        slug="cam-ranh-nuoi-tom-hum-long", id="7a2d930",
        title="Cam Ranh siết quản lý nuôi tôm hùm lồng",
        generic_title=True,
        sapo="Thành phố yêu cầu các hộ nuôi tôm hùm khai báo số lồng, vị trí neo đậu và không mở "
             "rộng ngoài vùng quy hoạch.",
        paras=[
            "Vịnh Cam Ranh hiện có hơn 30.000 lồng tôm hùm, nhiều lồng đặt dày đặc gây ô nhiễm, tôm "
            "chết hàng loạt vào mùa mưa.",
            "Ngành nông nghiệp khuyến khích người nuôi chuyển sang lồng nhựa HDPE chịu sóng gió và "
            "dùng thức ăn công nghiệp thay cá tạp.",
        ],
        when=at(2025, 11, 11, 8, 25), category="Kinh tế", cat_slug="kinh-te",
        author="Mạnh Hùng", author_how="end-bold",
        caps=[Cap("Lồng nuôi tôm hùm trên vịnh Cam Ranh.", "Ảnh: M.H",
                  ("tom-hum.jpg",), how="paren", after=1)],
        notes="generic <title> and og:title; the headline is only in the h1",
    ),
]


def _url(site: Site, story: Story) -> str:
    tail = f"{story.slug}-{story.id}" if story.id else story.slug
    return f"{site.base}/{story.cat_slug}/{story.when:%Y%m}/{tail}/"


# ------------------------------------------------------------------------------- Đồng Nai
def _dongnai_top(site: Site) -> str:
    return (
        '<div class="td-header-wrap"><div class="td-header-top-menu">'
        f'<div class="td_data_time">{weekday(site.today)}, {dmy(site.today)}</div>'
        '<div class="top-header-menu"><a href="/lien-he/">Liên hệ</a> <a href="/quang-cao/">'
        'Quảng cáo</a></div></div><div class="td-header-logo"><a href="/"><img src="/wp-content/'
        'uploads/logo-dongnai.png" alt="Báo Đồng Nai"></a></div><div class="td-header-menu-wrap">'
        '<ul class="sf-menu"><li><a href="/kinh-te/">Kinh tế</a></li><li><a href="/nong-nghiep/">'
        'Nông nghiệp</a></li><li><a href="/giao-duc/">Giáo dục</a></li><li><a href="/video-clip/">'
        "Video</a></li></ul></div></div>"
    )


def _dongnai_foot(site: Site) -> str:
    return (
        '<div class="td-footer-wrapper"><div class="footer-text-wrap">Báo và Phát thanh, Truyền '
        f"hình Đồng Nai. {site.licence}. Địa chỉ: 81 Đồng Khởi, phường Tam Hiệp, Đồng Nai.</div>"
        '<div class="td-sub-footer-copy">© 2025 Báo Đồng Nai</div></div>'
    )


def dongnai_article(story: Story, others: list[Story]) -> Page:
    site = DONGNAI
    url = _url(site, story)
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        if cap.how == "split":
            text = (f'<figcaption class="wp-caption-text">{esc(cap.text)}<br><em>{esc(cap.credit)}'
                    "</em></figcaption>")
        else:
            text = f'<figcaption class="wp-caption-text">{esc(cap.printed())}</figcaption>'
        return f'<figure class="wp-caption aligncenter"><img src="{src}" alt="">{text}</figure>'

    stories = [(o.title, _url(site, o), o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img)}
</head>
<body class="post-template-default single single-post td-standard-pack">
{_dongnai_top(site)}
<div class="td-main-content-wrap"><div class="td-container">
<div class="breadcrumb"><a class="title fleft" href="/{story.cat_slug}/">{esc(story.category)}</a></div>
<div class="td-post-header"><h1 class="entry-title">{esc(story.title)}</h1>
<div class="td-module-meta-info"><span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{story.iso()}">{dmy(story.when)} {hm(story.when)}</time></span></div></div>
<div class="td-post-sharing-top"><a class="td-social-facebook" href="#">Facebook</a> <a class="td-social-zalo" href="#">Zalo</a></div>
<div id="content" class="content-detail"><div class="td-post-content tagdiv-type">
<p><strong>{sapo_inner(story)}</strong></p>
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
<div class="td-post-source-tags"><ul class="td-tags"><li><span>TỪ KHÓA</span></li>{"".join(f"<li>{tag_links([t])}</li>" for t in story.tags)}</ul></div>
<div class="td_block_related_posts"><h4 class="td-related-title">Tin liên quan</h4>{related(stories, fmt='{a} <span class="td-post-date">{date}</span>')}</div>
</div></div>
{_dongnai_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def dongnai_tag(stories: list[Story]) -> Page:
    site = DONGNAI
    url = f"{site.base}/tag/chom-chom/"
    path = f"{FAMILY}/{site.id}/tag-chom-chom.html"
    rows = "".join(
        f'<div class="td_module_10 td_module_wrap"><h3 class="entry-title td-module-title"><a '
        f'class="title1" href="{_url(site, s)}">{esc(s.title)}</a></h3><div class="td-excerpt">'
        f'{esc(s.sapo)}</div><time class="entry-date">{dmy(s.when)}</time></div>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>chôm chôm - Báo Đồng Nai</title>
<meta property="og:type" content="object"></head><body class="archive tag">
{_dongnai_top(site)}
<div class="td-main-content-wrap"><div class="td-category-header"><h1 class="entry-title td-page-title">Tag: chôm chôm</h1></div>
{rows}<div class="page-nav"><a href="/tag/chom-chom/page/2/">2</a></div></div>
{_dongnai_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "tag", [],
                                        "tag archive with a.title1 teasers (RE029's listing "
                                        "classes)"))


# ------------------------------------------------------------------------------- Đắk Lắk
def _daklak_top(site: Site) -> str:
    return (
        '<div class="top-header"><div class="container"><div class="col-md-6 today">'
        f"{weekday(site.today)}, ngày {dmy(site.today)} - {hm(site.today)}</div>"
        '<div class="col-md-6 text-right"><a href="https://phuyen.baodaklak.vn/">Phú Yên</a></div>'
        '</div></div><div class="navbar navbar-default"><ul class="nav navbar-nav">'
        '<li><a class="maincatetitle" href="/kinh-te/">Kinh tế</a></li><li><a class="maincatetitle"'
        ' href="/xa-hoi/">Xã hội</a></li><li><a class="maincatetitle" href="/van-hoa/">Văn hóa</a>'
        "</li></ul></div>"
    )


def _daklak_foot(site: Site) -> str:
    return (
        '<div class="bd02"><div class="container"><p>BÁO ĐẮK LẮK ĐIỆN TỬ</p>'
        f"<p>{site.licence}</p><p>Địa chỉ: 30 Nguyễn Tất Thành, phường Buôn Ma Thuột</p></div>"
        "</div>"
    )


def daklak_article(story: Story, others: list[Story]) -> Page:
    site = DAKLAK
    url = _url(site, story)
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        return (f'<table align="center" class="image"><tr><td><img src="{src}" alt=""></td></tr>'
                f'<tr><td class="image_caption"><span>{esc(cap.printed())}</span></td></tr>'
                "</table>")

    clock = hm12(story.when) if story.clock12 else hm(story.when)
    byline_top = ""
    if story.author_how == "meta-theo":
        byline_top = f'<div class="author">{esc(story.author)}</div>'
    source = ""
    if "detail-source" in (story.credit_how or ""):
        source = f'<div class="detail-source text-right">Theo {esc(story.credit)}</div>'
    stories = [(o.title, _url(site, o), o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img, date_only=story.clock12)}
</head>
<body>
{_daklak_top(site)}
<div class="container"><div class="col-md-8">
<div class="media"><div class="media-body"><h1 class="media-heading">{esc(story.title)}</h1>
<div class="date">{dmy(story.when)} {clock}</div>{byline_top}</div></div>
<ul class="social"><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li><li><a href="#">Email</a></li></ul>
<div class="article_content"><div class="content" id="content">
<p><strong>{sapo_inner(story)}</strong></p>
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
{source}
<div class="tag_list">Từ khóa: {tag_links(story.tags, href="/tag/{slug}/")}</div>
<div class="other-news"><h3>Tin khác</h3>{related(stories, fmt="{a} - {date}")}</div>
</div><div class="col-md-4"><div class="banner-right"><img src="/ads/daklak-coffee-festival.jpg" alt="Lễ hội cà phê"></div></div></div>
{_daklak_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def daklak_category(stories: list[Story]) -> Page:
    site = DAKLAK
    url = f"{site.base}/kinh-te/"
    path = f"{FAMILY}/{site.id}/kinh-te.html"
    rows = "".join(
        f'<div class="media"><div class="media-body"><h4><a class="title2" href="{_url(site, s)}">'
        f'{esc(s.title)}</a></h4><p>{esc(s.sapo)}</p><div class="date">{dmy(s.when)}</div></div>'
        "</div>" for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kinh tế - Báo Đắk Lắk</title></head><body>
{_daklak_top(site)}
<div class="container"><div class="col-md-8"><h1 class="cate-heading">Kinh tế</h1>{rows}
<ul class="pagination"><li><a href="/kinh-te/?page=2">Sau</a></li></ul></div></div>
{_daklak_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", [], "category page"))


# ------------------------------------------------------------------------------- Khánh Hòa
def _khanhhoa_top(site: Site) -> str:
    return (
        '<header id="masthead"><div class="masthead__inner"><a href="/" class="brand">'
        '<img src="/static/logo-bkh.png" alt="Báo Khánh Hòa"></a>'
        f'<p class="masthead__date">{weekday(site.today)}, {dmy(site.today)}</p></div>'
        '<nav id="primary-nav"><a href="/thoi-su/">Thời sự</a><a href="/kinh-te/">Kinh tế</a>'
        '<a href="/du-lich/">Du lịch</a><a href="/van-hoa/">Văn hóa</a></nav></header>'
    )


def _khanhhoa_foot() -> str:
    return (
        '<footer id="colophon"><p>Báo và Phát thanh, Truyền hình Khánh Hòa - 3 Lê Thánh Tôn, Nha '
        "Trang. Điện thoại: 0258 3822 123.</p></footer>"
    )


def khanhhoa_article(story: Story, others: list[Story]) -> Page:
    site = KHANHHOA
    url = _url(site, story)
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        if len(cap.images) > 1:
            imgs = "".join(f'<img src="{image_url(site, story, n)}" alt="">' for n in cap.images)
            return (f'<div class="gallery-row">{imgs}</div>'
                    f'<div class="gallery-caption">{esc(cap.printed())}</div>')
        src = image_url(site, story, cap.images[0])
        return (f'<div class="wp-caption"><img src="{src}" alt="">'
                f'<p class="wp-caption-text">{esc(cap.printed())}</p></div>')

    stories = [(o.title, _url(site, o), o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_khanhhoa_top(site)}
<main id="primary"><article class="post">
<h1 class="head_title">{esc(story.title)}</h1>
<div class="post-meta"><span class="post-date">{weekday(story.when)}, {dmy(story.when)}, {hm(story.when)}</span></div>
<div class="content-detail"><div class="td-post-content tagdiv-type">
<p><strong>{sapo_inner(story)}</strong></p>
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div></article>
<section class="related-posts"><h2>Cùng chuyên mục</h2>{related(stories, fmt="{a} ({date})")}</section></main>
{_khanhhoa_foot()}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def khanhhoa_home(stories: list[Story]) -> Page:
    site = KHANHHOA
    url = f"{site.base}/"
    path = f"{FAMILY}/{site.id}/home.html"
    rows = "".join(
        f'<article class="teaser"><h2><a class="title3" href="{_url(site, s)}">{esc(s.title)}</a>'
        f'</h2><p>{esc(s.sapo)}</p></article>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo Khánh Hòa điện tử</title>
<meta property="og:type" content="website"></head><body class="home">
{_khanhhoa_top(site)}
<main id="primary"><section class="featured">{rows}</section></main>
{_khanhhoa_foot()}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "home", [], "home page"))


def pages() -> list[Page]:
    out: list[Page] = []
    for i, s in enumerate(DONGNAI_STORIES):
        out.append(dongnai_article(s, [o for j, o in enumerate(DONGNAI_STORIES) if j != i]))
    out.append(dongnai_tag(DONGNAI_STORIES))
    for i, s in enumerate(DAKLAK_STORIES):
        out.append(daklak_article(s, [o for j, o in enumerate(DAKLAK_STORIES) if j != i]))
    out.append(daklak_category(DAKLAK_STORIES))
    for i, s in enumerate(KHANHHOA_STORIES):
        out.append(khanhhoa_article(s, [o for j, o in enumerate(KHANHHOA_STORIES) if j != i]))
    out.append(khanhhoa_home(KHANHHOA_STORIES))
    return out
