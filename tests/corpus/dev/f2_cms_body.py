"""Family 2, "cms-body" (dev): Báo Gia Lai and Báo Hà Tĩnh on the shared newsroom CMS.

Evidence: /<slug>-post<id>.html (RE033, RE042), h1.article__title.cms-title (RE032, RE033),
.article__sapo (RE033), div.article__body.zce-content-body.cms-body[itemprop=articleBody]
(RE032, RE042), ads .ads_middle / [id^=adsWeb_] and .related-news inside the page (RE042),
/tin-moi.html is a listing (RE042).
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
    image_url,
    jsonld,
    related,
    sapo_inner,
    tag_links,
    truth_article,
    truth_other,
    weekday,
)

FAMILY = "f2-cms-body"

GIALAI = Site(
    id="baogialai", name="Báo Gia Lai", host="baogialai.com.vn", family=FAMILY,
    evidence=[
        ev("RE033", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baogialai_config)", "2026-01-23"),
        ev("RE032", "giapham123/crawl-news-python@28b68eae84d56a3b4102fc5b5f6a3fcfb90397cd:"
           "crawl_data_news/config.py (DOMAIN_SELECTOR_MAP)", "2025-12-26"),
    ],
    today=at(2026, 1, 27, 7, 50),
    licence="Giấy phép số 05/GP-BVHTTDL cấp ngày 22/8/2025",
)
HATINH = Site(
    id="baohatinh", name="Báo Hà Tĩnh", host="baohatinh.vn", family=FAMILY,
    evidence=[
        ev("RE042", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baohatinh_config)", "2026-01-23"),
        ev("RE041", "giapham123/crawl-news-python@28b68eae84d56a3b4102fc5b5f6a3fcfb90397cd:"
           "crawl_data_news/config.py (DOMAIN_SELECTOR_MAP)", "2025-12-26"),
    ],
    today=at(2026, 1, 22, 21, 15),
    licence="Giấy phép hoạt động báo chí điện tử số 476/GP-BTTTT cấp ngày 08/11/2024",
)

GIALAI_STORIES = [
    Story(
        slug="chu-prong-ca-phe-vao-vu-thu-hoach", id="568214",
        title="Chư Prông: cà phê vào vụ thu hoạch, giá cao kỷ lục",
        sapo="Nông dân huyện Chư Prông bước vào vụ thu hoạch cà phê với giá cà phê nhân xô quanh "
             "mức 110.000 đồng/kg, cao gần gấp đôi cùng kỳ.",
        lead_tag="(GLO) -",
        paras=[
            "Trên các rẫy ở xã Ia Phìn, Ia Drang, từng tốp người hái cà phê làm từ sáng sớm. Nhiều "
            "chủ vườn phải thuê thêm nhân công với giá 350.000 đồng mỗi ngày mà vẫn thiếu người.",
            "Anh Rơ Lan Hyưm ở làng Bồ cho biết 2 ha cà phê của gia đình năm nay ước đạt 8 tấn "
            "nhân, đủ trả nợ vay mua phân bón và sửa lại nhà sàn.",
            "Ngành nông nghiệp khuyến cáo bà con chỉ hái quả chín, phơi trên sân xi măng hoặc "
            "nhà màng để giữ chất lượng, tránh bán cà phê tươi non giá thấp.",
        ],
        when=at(2025, 11, 18, 8, 40), category="Kinh tế", cat_slug="kinh-te",
        author="Quang Tấn", credit="GLO", credit_how="lead-tag",
        caps=[Cap("Nông dân xã Ia Phìn hái cà phê chín.", "Ảnh: Quang Tấn",
                  ("ca-phe-ia-phin.jpg",), after=1)],
        tags=["cà phê", "Chư Prông"],
        notes="the lead opens with a bold '(GLO) -' tag; the credit is recorded as printed",
    ),
    Story(
        slug="diem-truong-ia-mo-don-hoc-sinh-tro-lai", id="568390",
        title="Điểm trường vùng biên Ia Mơ đón học sinh trở lại lớp",
        sapo="Sau đợt vận động kéo dài hai tuần, 37 học sinh bỏ học theo gia đình lên rẫy đã trở "
             "lại Trường Tiểu học Ia Mơ.",
        paras=[
            "Điểm trường làng Tăng cách trung tâm xã gần 20 km đường đất. Mùa thu hoạch điều, nhiều "
            "gia đình đưa con theo lên rẫy ở cả tuần, lớp học có hôm chỉ còn một nửa.",
            "Thầy cô chia nhau đến từng rẫy, gặp phụ huynh và già làng để vận động. Nhà trường cũng "
            "xin được gạo, áo ấm để hỗ trợ những em có hoàn cảnh khó khăn nhất.",
            "Đồn Biên phòng Ia Mơ nhận đỡ đầu 5 học sinh, mỗi tháng hỗ trợ 500.000 đồng cho đến "
            "khi các em học hết lớp 9.",
        ],
        when=at(2025, 12, 2, 14, 5), category="Giáo dục", cat_slug="giao-duc",
        author="Lê Nam", author_how="data-role",
        caps=[Cap("Cô giáo Rơ Châm H'Linh trong giờ học ở điểm trường làng Tăng.",
                  "Ảnh: Lê Nam", ("diem-truong.jpg",), how="split", after=2)],
        notes="byline in the header's [data-role=author]; the photo credit sits in its own span "
              "inside the caption",
    ),
    Story(
        slug="ngu-dan-quy-nhon-trung-dam-ca-com", id="568611",
        title="Ngư dân Quy Nhơn trúng đậm cá cơm đầu vụ",
        sapo="Những ngày đầu tháng Chạp, nhiều tàu giã cào ở phường Hải Cảng về bờ với 3 - 5 tấn cá "
             "cơm mỗi chuyến.",
        paras=[
            "Từ 4 giờ sáng, cảng cá Quy Nhơn đã nhộn nhịp. Cá cơm than được chuyển ngay lên xe tải "
            "đưa về các cơ sở làm nước mắm ở Nhơn Hải, Cát Tiến.",
            "Ông Võ Văn Trực, chủ tàu BĐ 91234, cho biết sau hai đêm ra khơi, tàu thu về hơn 4 tấn, "
            "bán được gần 60 triệu đồng, trừ chi phí mỗi bạn thuyền được chia 3 triệu đồng.",
            "Chi cục Thủy sản lưu ý ngư dân không đánh bắt trong vùng cấm khai thác ven bờ và "
            "duy trì thiết bị giám sát hành trình suốt chuyến biển.",
        ],
        when=at(2026, 1, 5, 17, 30), category="Kinh tế", cat_slug="kinh-te",
        author="Nguyễn Nhật Minh", author_how="jsonld-entity", entities=True,
        caps=[Cap("Cá cơm được chuyển lên bờ tại cảng cá Quy Nhơn.", "Ảnh: N.N.M",
                  ("ca-com-quy-nhon.jpg",), after=1)],
        notes="the only byline is in JSON-LD, whose strings are written as &#NNNN; references",
    ),
]

HATINH_STORIES = [
    Story(
        slug="cam-bu-huong-son-duoc-mua", id="301245",
        title="Cam bù Hương Sơn được mùa, nhà vườn phấn khởi",
        sapo="Hơn 600 ha cam bù ở các xã vùng thượng huyện Hương Sơn cho sản lượng ước 5.000 tấn, "
             "tăng 15% so với năm trước.",
        paras=[
            "Những ngày này, các vườn cam ở Sơn Kim 1, Sơn Kim 2 vàng trĩu quả. Thương lái từ Hà Nội, "
            "Nghệ An vào tận vườn đặt mua với giá 35.000 - 40.000 đồng/kg.",
            "Nhiều hộ áp dụng quy trình VietGAP, dùng phân hữu cơ và tưới nhỏ giọt nên quả đều, vỏ "
            "mỏng, ít sâu bệnh.",
            "Hội Nông dân huyện đang hỗ trợ các nhà vườn đăng bán cam trên sàn thương mại điện tử "
            "và gắn mã truy xuất nguồn gốc cho từng lô hàng.",
        ],
        when=at(2025, 12, 10, 6, 50), category="Nông nghiệp", cat_slug="nong-nghiep",
        author="Phan Trâm", author_how="meta-theo",
        caps=[Cap("Nông dân Sơn Kim 1 thu hoạch cam bù.", "Ảnh: Phan Trâm",
                  ("cam-bu.jpg",), after=1)],
        tags=["cam bù", "Hương Sơn"],
        notes="author meta is 'Theo Phan Trâm'; the header byline prints the name alone",
    ),
    Story(
        slug="ho-tro-nguoi-dan-vung-lu-on-dinh-cuoc-song", id="301377",
        title="Hỗ trợ người dân vùng lũ sớm ổn định cuộc sống",
        sapo="Các đoàn công tác của tỉnh đã đến từng thôn bị ngập sâu ở Hương Khê, Vũ Quang để "
             "trao gạo, nước sạch và thuốc men cho người dân.",
        paras=[
            "Nước rút đến đâu, lực lượng quân đội, công an và đoàn viên thanh niên giúp dân dọn "
            "bùn, vệ sinh nhà cửa, trường học đến đó.",
            "Ngành y tế phun thuốc khử khuẩn, cấp phát viên lọc nước và tổ chức khám bệnh miễn phí "
            "tại các điểm sơ tán.",
            "Tỉnh dành 20 tỷ đồng từ nguồn dự phòng để hỗ trợ hộ có nhà bị sập, trôi và khôi phục "
            "các tuyến đường liên xã bị sạt lở.",
        ],
        when=at(2025, 10, 3, 11, 25), category="Xã hội", cat_slug="xa-hoi",
        author=None, author_how=None, credit="TTXVN", credit_how="theo-end",
        caps=[Cap("Bộ đội giúp người dân xã Hương Trà dọn bùn sau lũ.", "Ảnh: TTXVN",
                  ("don-bun.jpg",), after=1)],
        notes="reprint: no byline, the text ends with a bold 'Theo TTXVN' line",
    ),
    Story(
        slug="le-hoi-cau-ngu-thach-kim", id="301502",
        title="Ngư dân Thạch Kim mở hội cầu ngư đầu năm",
        generic_title=True,
        sapo="Lễ hội cầu ngư ở xã Lộc Hà thu hút hàng nghìn người dân và du khách, mở đầu cho mùa "
             "biển mới.",
        paras=[
            "Phần lễ gồm rước kiệu, tế cá Ông và cầu mong mưa thuận gió hòa, tàu thuyền ra khơi "
            "bình an.",
            "Phần hội có đua thuyền, kéo co trên cát và thi nấu cháo cá của các chi hội phụ nữ. "
            "Nhiều du khách thích thú khi được theo ngư dân ra kéo lưới rùng lúc sáng sớm.",
        ],
        when=at(2026, 1, 12, 9, 15), category="Văn hóa", cat_slug="van-hoa",
        author="Thiên Vỹ", author_how="tin-anh",
        caps=[Cap("Đua thuyền trong lễ hội cầu ngư.", None, ("dua-thuyen.jpg",), after=1)],
        notes="<title> and og:title are the paper's generic name; 'Tin, ảnh: Thiên Vỹ' ends the "
              "text",
    ),
]


# ------------------------------------------------------------------------------- Gia Lai
def _gialai_header(site: Site) -> str:
    cats = (("thoi-su", "Thời sự"), ("kinh-te", "Kinh tế"), ("giao-duc", "Giáo dục"),
            ("van-hoa", "Văn hóa"), ("bao-anh", "Báo ảnh"), ("multimedia", "Multimedia"))
    return (
        '<header class="header"><div class="header__top container">'
        f'<div class="header__date">{weekday(site.today)}, {dmy(site.today)}</div>'
        '<a class="header__logo" href="/"><img src="/themes/gialai/logo.png" alt="Báo Gia Lai">'
        '</a><form class="header__search" action="/tim-kiem"><input name="q" '
        'placeholder="Tìm kiếm"></form></div>'
        '<nav class="menu"><ul class="menu__list">'
        + "".join(f'<li><a class="cms-link" href="/{s}/">{n}</a></li>' for s, n in cats)
        + "</ul></nav></header>"
    )


def _gialai_footer(site: Site) -> str:
    return (
        '<footer class="footer"><div class="container"><div class="footer__about">'
        "<strong>BÁO GIA LAI</strong><br>Cơ quan của Đảng bộ tỉnh Gia Lai<br>"
        f"{site.licence}<br>Địa chỉ: 02 Hoàng Văn Thụ, phường Pleiku, tỉnh Gia Lai</div>"
        '<div class="footer__copy">© Bản quyền thuộc về Báo Gia Lai.</div></div></footer>'
    )


def gialai_article(story: Story, others: list[Story]) -> Page:
    site = GIALAI
    url = f"{site.base}/{story.slug}-post{story.id}.html"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        if cap.how == "split":
            inner = (f'{esc(cap.text)} <span class="author-photo">{esc(cap.credit)}</span>')
        else:
            inner = esc(cap.printed())
        return (f'<figure class="image align-center"><img src="{src}" alt="{esc(cap.text)}">'
                f'<figcaption><p>{inner}</p></figcaption></figure>')

    author_top = ""
    if story.author_how == "data-role":
        author_top = (f'<div class="article__author"><span class="name" data-role="author">'
                      f"{esc(story.author)}</span></div>")
    stories = [(o.title, f"{site.base}/{o.slug}-post{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_gialai_header(site)}
<main class="main container"><div class="main__left">
<div class="breadcrumb"><a class="cms-link" href="/{story.cat_slug}/">{esc(story.category)}</a></div>
<article class="article">
<h1 class="article__title cms-title">{esc(story.title)}</h1>
<div class="article__meta">{author_top}<time class="time" datetime="{story.iso()}">{hm(story.when)} {dmy(story.when)}</time></div>
<div class="article__sapo cms-desc">{sapo_inner(story)}</div>
<div id="adsWeb_AdsArticleAfterSapo" class="ads_middle"><img src="/ads/viettel-728.jpg" alt="Quảng cáo"></div>
<div class="article__body zce-content-body cms-body" itemprop="articleBody">
{body_with_captions(story, caption)}
{byline_end(story)}
</div>
<div class="article__tag">{tag_links(story.tags, href="/tag/{slug}.html")}</div>
<div class="article__social"><a href="#">Facebook</a><a href="#">Zalo</a><a href="#">In</a></div>
</article>
<section class="related-news"><h3 class="box-heading">Tin liên quan</h3>
{related(stories, fmt='{a} <span class="time">{date}</span>')}
</section></div>
<aside class="main__right"><div class="box-most"><h3 class="box-heading">Đọc nhiều</h3>
{related(stories, ul="ol", fmt="{a}")}</div></aside></main>
{_gialai_footer(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def gialai_listing(stories: list[Story], *, tag: bool) -> Page:
    site = GIALAI
    if tag:
        url, path, h1 = (f"{site.base}/tag/ca-phe.html", f"{FAMILY}/{site.id}/tag-ca-phe.html",
                         "cà phê")
        og = "website"
    else:
        url, path, h1 = (f"{site.base}/kinh-te/", f"{FAMILY}/{site.id}/kinh-te.html", "Kinh tế")
        og = "article"
    items = "".join(
        f'<article class="story"><h3 class="story__heading"><a class="cms-link" '
        f'href="{site.base}/{s.slug}-post{s.id}.html">{esc(s.title)}</a></h3>'
        f'<div class="story__summary">{esc(s.sapo)}</div><time class="time">{dmy(s.when)} '
        f"{hm(s.when)}</time></article>\n" for s in stories)
    heading = (f'<h1 class="tag-title">Tag: {h1}</h1>' if tag
               else f'<h1 class="cate-title">{h1}</h1>')
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{h1.capitalize()} - Báo Gia Lai</title>
<meta property="og:type" content="{og}">
<meta property="og:title" content="{h1.capitalize()}">
<meta property="og:url" content="{url}">
</head><body>
{_gialai_header(site)}
<main class="main container"><div class="main__left">{heading}
<div class="timeline">
{items}</div><a class="view-more" href="{url}?p=2">Xem thêm</a></div></main>
{_gialai_footer(site)}
</body></html>
"""
    cases = [] if tag else ["listing-og-article"]
    note = ("tag page" if tag else
            "category page of the national newsroom CMS declaring og:type=article; the h1 is a "
            "menu label")
    return Page(path, html, truth_other(site, url, path, "tag" if tag else "listing", cases,
                                        note))


# ------------------------------------------------------------------------------- Hà Tĩnh
def _hatinh_header(site: Site) -> str:
    return (
        '<div class="top-bar"><div class="wrap">'
        f'<span class="top-bar__time">{weekday(site.today)} {dmy(site.today, pad=False)}</span>'
        '<a href="/rss">RSS</a> <a href="/lien-he">Liên hệ</a></div></div>'
        '<div class="logo-wrap wrap"><a href="/"><img src="/images/logo-bht.png" '
        'alt="Báo Hà Tĩnh"></a></div>'
        '<div class="main-menu"><ul><li><a href="/">Trang chủ</a></li>'
        '<li><a href="/chinh-tri/">Chính trị</a></li><li><a href="/xa-hoi/">Xã hội</a></li>'
        '<li><a href="/nong-nghiep/">Nông nghiệp</a></li><li><a href="/van-hoa/">Văn hóa</a>'
        '</li><li><a href="/tin-moi.html">Tin mới</a></li></ul></div>'
    )


def _hatinh_footer(site: Site) -> str:
    return (
        '<div class="footer-wrap"><p>BÁO HÀ TĨNH - CƠ QUAN CỦA ĐẢNG BỘ TỈNH HÀ TĨNH</p>'
        f"<p>{site.licence}</p><p>Tòa soạn: 72 Phan Đình Phùng, phường Thành Sen, Hà Tĩnh.</p>"
        "</div>"
    )


def hatinh_article(story: Story, others: list[Story]) -> Page:
    site = HATINH
    url = f"{site.base}/{story.slug}-post{story.id}.html"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        return (f'<table class="picture" align="center"><tbody><tr><td class="pic">'
                f'<img src="{src}" alt=""></td></tr><tr><td class="caption"><p>'
                f"{esc(cap.printed())}</p></td></tr></tbody></table>")

    top_author = ""
    if story.author_how == "meta-theo":
        top_author = f'<span class="article__author">{esc(story.author)}</span> - '
    stories = [(o.title, f"{site.base}/{o.slug}-post{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img)}
</head>
<body class="detail">
{_hatinh_header(site)}
<div class="wrap"><div class="col-left">
<ul class="breadcrumbs"><li><a href="/{story.cat_slug}/">{esc(story.category)}</a></li></ul>
<h1 class="article__title cms-title">{esc(story.title)}</h1>
<div class="article__meta">{top_author}<span class="time">{hm(story.when)}, {dmy(story.when)}</span></div>
<h2 class="article__sapo cms-desc">{sapo_inner(story)}</h2>
<div class="article__body zce-content-body cms-body" itemprop="articleBody">
{body_with_captions(story, caption, inserts={2: '<div class="related-news"><p class="related-news__title">Tin liên quan</p>' + related(stories, fmt="{a}") + "</div>"})}
{byline_end(story)}
</div>
<div class="ads_middle" id="adsWeb_AdsArticleMiddle"><a href="#"><img src="/ads/vnpt.gif" alt="Quảng cáo"></a></div>
<div class="comment-box"><h4>Ý kiến bạn đọc</h4><textarea placeholder="Ý kiến của bạn"></textarea><button>Gửi ý kiến</button></div>
</div>
<div class="col-right"><div class="box-hot"><h3>Tin nổi bật</h3>{related(stories, fmt="{a} - {date}")}</div></div></div>
{_hatinh_footer(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def hatinh_latest(stories: list[Story]) -> Page:
    site = HATINH
    url = f"{site.base}/tin-moi.html"
    path = f"{FAMILY}/{site.id}/tin-moi.html"
    items = "".join(
        f'<div class="item-news"><a class="cms-link" href="{site.base}/{s.slug}-post{s.id}.html">'
        f'<h3>{esc(s.title)}</h3></a><p class="sapo">{esc(s.sapo)}</p>'
        f'<span class="time">{hm(s.when)} {dmy(s.when)}</span></div>\n' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Tin mới - Báo Hà Tĩnh</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Tin mới">
<meta name="description" content="Tin mới nhất trong ngày của Báo Hà Tĩnh">
</head><body>
{_hatinh_header(site)}
<div class="wrap"><div class="col-left"><h1 class="title-cate">Tin mới</h1>
{items}<div class="pagination"><a href="/tin-moi.html?page=2">Trang 2</a></div></div></div>
{_hatinh_footer(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", ["listing-og-article"],
                                        "the 'Tin mới' listing (RE042) typed og:type=article"))


def pages() -> list[Page]:
    out: list[Page] = []
    for i, s in enumerate(GIALAI_STORIES):
        out.append(gialai_article(s, [o for j, o in enumerate(GIALAI_STORIES) if j != i]))
    out += [gialai_listing(GIALAI_STORIES, tag=True), gialai_listing(GIALAI_STORIES, tag=False)]
    for i, s in enumerate(HATINH_STORIES):
        out.append(hatinh_article(s, [o for j, o in enumerate(HATINH_STORIES) if j != i]))
    out.append(hatinh_latest(HATINH_STORIES))
    return out
