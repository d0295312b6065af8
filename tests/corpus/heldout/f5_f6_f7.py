"""Held-out pages, families 5 (date folders), 6 ("#dcontent") and 7 (one-offs).

Never shown to whoever tunes the extractor.  Sites and markup facts:
- Báo Tuyên Quang (RE099): /<category path>/<YYYYMM>/<slug>/, h1.media-heading.title5, lead
  div.article_content #content > p > strong, div.date, category div.cate_title_1 h2 a.
- Báo Quảng Trị (RE082, RE084): /<category>[/<sub>]/<YYYYMM>/<slug>-<hex>/, body .td-post-content
  or #content, title from og:title or the h1.
- Báo Phú Thọ (RE069, RE070, RE071): /<slug>-<id>.htm, h1.pTitle, p.pHead, #dcontent, time in
  meta article:published_time and a class containing pdate; bodies sometimes shipped encrypted.
- Báo Hậu Giang (RE043): /<category>/<slug>-<id>.html, div.news-details-content h1, lead in the
  description metas, body div.news-details-content div.contentView, div.box-breadcrumb.
- Báo Quảng Ngãi (RE077): /<slug>-<id>.htm, h1.title, p.sapo, #content, category p.category a,
  .same (related) to drop.
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
    truth_article,
    truth_other,
    weekday,
)

F5 = "f5-date-folder"
F6 = "f6-dcontent"
F7 = "f7-one-off"
_TAM = "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:config.py"
_TAM2 = "tammuoichanhoa/crawl_lastest_news@25733609150617668f6b7f3d4c4c969103c35370"

TUYENQUANG = Site(
    id="baotuyenquang", name="Báo Tuyên Quang", host="baotuyenquang.com.vn", family=F5,
    evidence=[ev("RE099", f"{_TAM2}:config/sites/baotuyenquang.py", "2026-02-06")],
    today=at(2026, 2, 3, 6, 0),
    licence="Giấy phép số 08/GP-BVHTTDL cấp ngày 20/8/2025",
)
QUANGTRI = Site(
    id="baoquangtri", name="Báo Quảng Trị", host="baoquangtri.vn", family=F5,
    evidence=[ev("RE082", f"{_TAM} (_baoquangtri_config)", "2026-01-23"),
              ev("RE084", "PromptSmithX/vibiomir-rag@901ceb261cbe3bd1e556f9f2d3ecb6767aada9e1:"
                 "crawler/extractors/domains/baoquangtri_vn.py", "~2026-10")],
    today=at(2026, 1, 22, 13, 10),
    licence=None,
)
PHUTHO = Site(
    id="baophutho", name="Báo Phú Thọ", host="baophutho.vn", family=F6,
    evidence=[ev("RE069", f"{_TAM2}:config/sites/baophutho.py", "2026-02-06"),
              ev("RE070", "sys-vcb/doc-bao-risk-scanner@00b514162a2adfde1141852322094bd18e63b775:"
                 "app/scraper/engine.py (extract_clean_pub_date)", "~2026-07-28"),
              ev("RE071", "nhantranduynhan11-del/Cross-Lingual-Medical-Retrieval@d99db375a278350"
                 "6547a71f5fd14d4372c6a9cdc:crawl.py (SITE_RULES)", "~2026-10")],
    today=at(2026, 1, 27, 18, 45),
    licence="Giấy phép số 77/GP-BVHTTDL cấp ngày 29/9/2025",
)
HAUGIANG = Site(
    id="baohaugiang", name="Báo Hậu Giang", host="baohaugiang.com.vn", family=F7,
    evidence=[ev("RE043", f"{_TAM} (_baohaugiang_config)", "2026-01-23")],
    today=at(2026, 1, 19, 8, 35),
    licence="Giấy phép số 206/GP-BTTTT cấp ngày 10/6/2022",
)
QUANGNGAI = Site(
    id="baoquangngai", name="Báo Quảng Ngãi", host="baoquangngai.vn", family=F7,
    evidence=[ev("RE077", f"{_TAM} (_baoquangngai_config)", "2026-01-23")],
    today=at(2026, 2, 6, 10, 15),
    licence="Giấy phép số 12/GP-BVHTTDL cấp ngày 12/8/2025",
)

TUYENQUANG_STORIES = [
    Story(
        slug="cam-sanh-ham-yen-vao-vu", id="",
        title="Cam sành Hàm Yên vào vụ thu hoạch",
        sapo="Hơn 8.000 ha cam sành ở Hàm Yên cho sản lượng ước 150.000 tấn, giá bán tại vườn "
             "10.000 - 15.000 đồng/kg.",
        paras=[
            "Các nhà vườn ở xã Phù Lưu, Tân Thành thuê thêm lao động hái cam, phân loại ngay tại vườn "
            "để giao cho thương lái.",
            "Huyện phối hợp với các siêu thị đưa cam sành Hàm Yên vào hệ thống phân phối, đồng thời "
            "tổ chức phiên chợ cam cuối tuần.",
        ],
        when=at(2025, 11, 14, 16, 30), category="Kinh tế", cat_slug="kinh-te",
        author="Thu Phương", author_how="jsonld-entity", entities=True,
        caps=[Cap("Nông dân xã Phù Lưu hái cam sành.", "Ảnh: T.P",
                  ("cam-sanh.jpg",), how="paren", after=1)],
        notes="byline only in JSON-LD, written with &#NNNN; references",
    ),
    Story(
        slug="cao-nguyen-da-dong-van-mua-hoa-tam-giac-mach", id="",
        title="Cao nguyên đá Đồng Văn vào mùa hoa tam giác mạch",
        sapo="Những cánh đồng hoa tam giác mạch ở Sủng Là, Lũng Cú đang nở rộ, thu hút đông du "
             "khách.",
        paras=[
            "Người dân trồng hoa xen giữa các hốc đá, bán vé tham quan 20.000 đồng mỗi lượt và bán "
            "bánh tam giác mạch cho khách.",
            "Các homestay trong vùng kín phòng dịp cuối tuần, nhiều nơi phải dựng thêm lều cho khách "
            "ở qua đêm.",
        ],
        when=at(2025, 10, 25, 9, 5), category="Du lịch", cat_slug="du-lich",
        author=None, author_how=None, credit="Báo Hà Giang", credit_how="detail-source",
        jsonld_author="Báo Hà Giang",
        notes="article from the former Hà Giang paper: JSON-LD author is the outlet, a "
              ".detail-source block says 'Theo Báo Hà Giang'",
    ),
]

QUANGTRI_STORIES = [
    Story(
        slug="nong-dan-gio-linh-trung-vu-ho-tieu", id="9b3f21",
        title="Nông dân Gio Linh trúng vụ hồ tiêu",
        seo_title="Giá tiêu Quảng Trị hôm nay: nông dân Gio Linh lãi lớn",
        sapo="Hồ tiêu ở vùng đất đỏ Gio Linh được mùa, giá tiêu khô 140.000 đồng/kg giúp nông dân "
             "có lãi cao nhất trong nhiều năm.",
        paras=[
            "Anh Trần Văn Tâm ở xã Gio An thu được 3 tấn tiêu khô từ 1 ha, sau khi trừ chi phí lãi "
            "gần 300 triệu đồng.",
            "Ngành nông nghiệp khuyến cáo không mở rộng diện tích ồ ạt, chú trọng trồng tiêu hữu cơ "
            "để giữ thương hiệu tiêu Gio Linh.",
        ],
        when=at(2025, 4, 17, 8, 45), category="Kinh tế", cat_slug="kinh-te",
        author="Nguyễn Hoàng", author_how="meta-theo",
        caps=[Cap("Nông dân Gio An phơi hồ tiêu.", "Ảnh: N.H", ("ho-tieu.jpg",), after=1)],
        notes="author meta 'Theo Nguyễn Hoàng'; SEO title in <title>, og:title and JSON-LD",
    ),
]

PHUTHO_STORIES = [
    Story(
        slug="den-hung-chuan-bi-le-hoi", id="227845",
        title="Khu di tích Đền Hùng sẵn sàng cho Giỗ Tổ",
        sapo="Các hạng mục phục vụ lễ hội Đền Hùng đã hoàn thành, ban tổ chức dự kiến đón hơn 7 "
             "triệu lượt khách.",
        lead_tag="(PTO) -",
        paras=[
            "Hệ thống bãi đỗ xe, nhà vệ sinh, điểm sơ cứu y tế được bố trí dọc đường lên núi Nghĩa "
            "Lĩnh.",
            "Lực lượng công an, quân đội và đoàn viên thanh niên tình nguyện túc trực hướng dẫn du "
            "khách dâng hương đúng nơi quy định.",
        ],
        when=at(2025, 4, 2, 10, 30), category="Văn hóa", cat_slug="van-hoa",
        author="Thanh Nga", author_how="end-bold", credit="PTO", credit_how="lead-tag",
        caps=[Cap("Du khách dâng hương tại Đền Thượng.", "Ảnh: Thanh Nga",
                  ("den-thuong-1.jpg", "den-thuong-2.jpg"), after=1)],
        notes="'(PTO) -' in bold before the lead; two photos with one caption",
    ),
    Story(
        slug="che-long-coc-vao-vu-xuan", id="228110",
        title="Chè Long Cốc vào vụ xuân",
        sapo="Đồi chè Long Cốc xanh mướt sau những cơn mưa xuân, nông dân tranh thủ hái búp non để "
             "sao chè đặc sản.",
        paras=[
            "Mỗi héc-ta chè vụ xuân cho khoảng 2 tấn búp tươi, chè sao khô bán 300.000 - 500.000 "
            "đồng/kg.",
            "Đồi chè hình bát úp còn là điểm đến của du khách mê chụp ảnh vào sáng sớm khi sương mù "
            "phủ kín thung lũng.",
        ],
        when=at(2025, 3, 10, 7, 20), category="Kinh tế", cat_slug="kinh-te",
        author="Hà Vy", author_how="tong-hop", clock12=True,
        notes="12-hour clock; '<strong>Hà Vy</strong> (tổng hợp)'",
    ),
]

HAUGIANG_STORIES = [
    Story(
        slug="long-my-nuoi-ca-thac-lac", id="142570",
        title="Long Mỹ phát triển nuôi cá thát lát",
        generic_title=True,
        sapo="Mô hình nuôi cá thát lát cườm trong ao đất giúp nhiều hộ ở Long Mỹ có lãi 200 - 300 "
             "triệu đồng mỗi vụ.",
        paras=[
            "Cá được nuôi khoảng 8 tháng thì thu hoạch, bán cho các cơ sở làm chả cá ở Vị Thanh và "
            "Cần Thơ.",
            "Hợp tác xã thủy sản hướng dẫn các hộ thành viên quản lý nước ao, dùng men vi sinh để "
            "giảm dịch bệnh.",
        ],
        when=at(2025, 7, 23, 14, 0), category="Nông nghiệp", cat_slug="nong-nghiep",
        author=None, author_how=None, credit="Báo Cần Thơ", credit_how="nguon-end",
        caps=[Cap("Thu hoạch cá thát lát ở Long Mỹ.", "Ảnh: Báo Cần Thơ",
                  ("that-lat.jpg",), after=1)],
        notes="generic <title>, og:title and JSON-LD headline; 'Nguồn: Báo Cần Thơ' closes the "
              "text",
    ),
]

QUANGNGAI_STORIES = [
    Story(
        slug="ly-son-thu-hoach-toi", id="62148",
        title="Nông dân Lý Sơn thu hoạch tỏi",
        sapo="Hơn 300 ha tỏi ở đảo Lý Sơn cho thu hoạch, năng suất bình quân 7 tấn/ha, giá tỏi khô "
             "70.000 đồng/kg.",
        paras=[
            "Từ sáng sớm, người dân ra ruộng nhổ tỏi, bó thành từng chùm rồi treo lên giàn phơi "
            "trong nhà.",
            "Huyện khuyến khích nông dân dùng nước tưới tiết kiệm, hạn chế khai thác cát biển phủ "
            "ruộng để bảo vệ môi trường đảo.",
        ],
        when=at(2025, 3, 4, 9, 50), category="Kinh tế", cat_slug="kinh-te",
        author="Minh Thu", author_how="tin-anh", jsonld_offset=True,
        caps=[Cap("Người dân Lý Sơn phơi tỏi.", None, ("toi.jpg",), after=1)],
        notes="JSON-LD +08:00 against two +07:00 metas; 'Tin, ảnh: Minh Thu' closes the text",
    ),
]


def _folder_url(site: Site, story: Story) -> str:
    tail = f"{story.slug}-{story.id}" if story.id else story.slug
    return f"{site.base}/{story.cat_slug}/{story.when:%Y%m}/{tail}/"


# ------------------------------------------------------------------------------- Tuyên Quang
def _tq_head(site: Site) -> str:
    return (
        '<div class="top-header"><div class="container"><span class="today">'
        f"{weekday(site.today)}, ngày {dmy(site.today)}</span></div></div>"
        '<div class="navbar"><ul class="nav"><li><div class="cate_title_1"><h2><a href="/kinh-te/">'
        'Kinh tế</a></h2></div></li><li><div class="cate_title_1"><h2><a href="/du-lich/">Du lịch'
        "</a></h2></div></li></ul></div>"
    )


def _tq_foot(site: Site) -> str:
    return (
        '<div class="bd02"><p>Báo và Phát thanh, Truyền hình Tuyên Quang.</p>'
        f"<p>{site.licence}.</p></div>"
    )


def tuyenquang_article(story: Story, others: list[Story]) -> Page:
    site = TUYENQUANG
    url = _folder_url(site, story)
    path = f"{F5}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        return (f'<table class="image"><tr><td><img src="{image_url(site, story, cap.images[0])}"'
                f' alt=""></td></tr><tr><td class="image_caption">{esc(cap.printed())}</td></tr>'
                "</table>")

    source = ""
    if "detail-source" in (story.credit_how or ""):
        source = f'<div class="detail-source">Theo {esc(story.credit)}</div>'
    stories = [(o.title, _folder_url(site, o), o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_tq_head(site)}
<div class="container"><div class="cate_title_1"><h2><a href="/{story.cat_slug}/">{esc(story.category)}</a></h2></div>
<h1 class="media-heading title5">{esc(story.title)}</h1>
<div class="date">{weekday(story.when)}, {dmy(story.when)} - {hm(story.when)}</div>
<div class="article_content"><div class="content" id="content">
<p><strong>{sapo_inner(story)}</strong></p>
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
{source}
<ul class="social"><li><a href="#">Facebook</a></li><li><a href="#">Zalo</a></li></ul>
<div class="other-news"><h3>Tin khác</h3>{related(stories, fmt="{a} ({date})")}</div></div>
{_tq_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def tuyenquang_category(stories: list[Story]) -> Page:
    site = TUYENQUANG
    url = f"{site.base}/du-lich/"
    path = f"{F5}/{site.id}/du-lich.html"
    rows = "".join(
        f'<div class="media"><h4><a class="title4" href="{_folder_url(site, s)}">{esc(s.title)}'
        f'</a></h4><p>{esc(s.sapo)}</p><div class="date">{dmy(s.when)}</div></div>'
        for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Du lịch - Báo Tuyên Quang</title></head>
<body>
{_tq_head(site)}
<div class="container"><div class="cate_title_1"><h2><a href="/du-lich/">Du lịch</a></h2></div>{rows}</div>
{_tq_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", [], "category page"))


# ------------------------------------------------------------------------------- Quảng Trị
def _qt_head(site: Site) -> str:
    return (
        '<div class="td-header-wrap"><div class="td-header-top-menu"><div class="td_data_time">'
        f"{dmy(site.today)}</div></div><div class=\"td-header-menu-wrap\"><ul class=\"sf-menu\">"
        '<li><a href="/kinh-te/">Kinh tế</a></li><li><a href="/dat-va-nguoi-quang-binh/">Đất và '
        "người Quảng Bình</a></li></ul></div></div>"
    )


def quangtri_article(story: Story) -> Page:
    site = QUANGTRI
    url = _folder_url(site, story)
    path = f"{F5}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        return (f'<figure class="wp-block-image"><img src="{image_url(site, story, cap.images[0])}"'
                f' alt=""><figcaption>{esc(cap.printed())}</figcaption></figure>')

    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img, author=False)}
</head>
<body class="single">
{_qt_head(site)}
<div class="td-post-header"><ul class="td-category"><li><a href="/{story.cat_slug}/">{esc(story.category)}</a></li></ul>
<h1 class="entry-title">{esc(story.title)}</h1>
<div class="td-module-meta-info"><div class="td-post-author-name">{esc(story.author)}</div>
<time class="entry-date">{dmy(story.when)} {hm(story.when)}</time></div></div>
<div id="content"><div class="td-post-content">
<p class="td-post-sub-title"><strong>{sapo_inner(story)}</strong></p>
{body_with_captions(story, caption)}
</div></div>
<div class="td-post-sharing-bottom"><a href="#">Facebook</a> <a href="#">Zalo</a></div>
<div class="td-footer-wrapper">Báo và Phát thanh, Truyền hình Quảng Trị - 124 Hùng Vương, phường Đông Hà.</div>
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def quangtri_tag(stories: list[Story]) -> Page:
    site = QUANGTRI
    url = f"{site.base}/tag/ho-tieu/"
    path = f"{F5}/{site.id}/tag-ho-tieu.html"
    rows = "".join(
        f'<div class="td_module_wrap"><h3 class="entry-title"><a class="title1" '
        f'href="{_folder_url(site, s)}">{esc(s.title)}</a></h3><time>{dmy(s.when)}</time></div>'
        for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>hồ tiêu | Báo Quảng Trị</title>
<meta property="og:type" content="website"></head><body class="tag">
{_qt_head(site)}
<h1 class="td-page-title">hồ tiêu</h1>{rows}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "tag", [], "tag archive"))


# ------------------------------------------------------------------------------- Phú Thọ
def _pt_head(site: Site) -> str:
    return (
        '<div class="pt-header"><div class="pt-header__bar">'
        f'<span class="pt-header__date">{weekday(site.today)}, {dmy(site.today)}</span>'
        '<a href="/phat-thanh">Phát thanh</a> <a href="/truyen-hinh">Truyền hình</a></div>'
        '<ul class="pt-menu"><li><a href="/van-hoa">Văn hóa</a></li><li><a href="/kinh-te">Kinh '
        'tế</a></li><li><a href="/emagazine">eMagazine</a></li></ul></div>'
    )


def _pt_foot(site: Site) -> str:
    return (
        f'<div class="pt-footer">Báo và Phát thanh, Truyền hình Phú Thọ. {site.licence}. Địa chỉ:'
        " đường Trần Phú, phường Việt Trì, Phú Thọ.</div>"
    )


def phutho_article(story: Story, others: list[Story]) -> Page:
    site = PHUTHO
    url = f"{site.base}/{story.slug}-{story.id}.htm"
    path = f"{F6}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        imgs = "".join(f'<img src="{image_url(site, story, n)}" alt="" width="48%">'
                       for n in cap.images)
        return f'<p class="pImg">{imgs}</p><p class="pCaption">{esc(cap.printed())}</p>'

    clock = hm12(story.when) if story.clock12 else hm(story.when)
    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.htm", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img, date_only=story.clock12)}
</head>
<body>
{_pt_head(site)}
<div class="pt-post-detail"><div class="pt-post-detail__cate"><a href="/{story.cat_slug}">{esc(story.category)}</a></div>
<h1 class="pTitle">{esc(story.title)}</h1>
<div class="pt-post-detail__time pdate">{dmy(story.when)} {clock}</div>
<p class="pHead">{sapo_inner(story, tag_html="<b>{tag}</b> ")}</p>
<div id="dcontent">
{body_with_captions(story, caption, p='<p class="pBody">{text}</p>')}
{byline_end(story, p_class="pAuthor")}
</div>
<div class="content-list"><h3>Tin cùng chuyên mục</h3>{related(stories, fmt="{a} {date}")}</div></div>
{_pt_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def phutho_encrypted_shell() -> Page:
    site = PHUTHO
    url = f"{site.base}/emagazine/nguoi-giu-hat-xoan-phu-duc-228300.htm"
    path = f"{F6}/{site.id}/emagazine-encrypted.html"
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Người giữ hát Xoan phường Phù Đức | Báo Phú Thọ</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Người giữ hát Xoan phường Phù Đức">
<script src="/js/decoder.min.js"></script>
</head><body>
{_pt_head(site)}
<div class="emag"><h1 class="pTitle">Người giữ hát Xoan phường Phù Đức</h1>
<div id="dcontent" data-enc="aes">UEFZTE9BRC1FTkNSWVBURUQtQk9EWQ==</div></div>
{_pt_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(
        site, url, path, "other", ["empty-shell"],
        "e-magazine whose #dcontent ships encrypted and is decoded in the browser (RE071): a "
        "headline, no readable body, no date"))


# ------------------------------------------------------------------------------- Hậu Giang
def _hg_head(site: Site) -> str:
    return (
        '<div class="header-top"><span class="calendar">'
        f"{weekday(site.today)}, {dmy(site.today)}</span></div>"
        '<div class="menu-main"><a href="/nong-nghiep">Nông nghiệp</a> <a href="/xa-hoi">Xã hội'
        "</a></div>"
    )


def _hg_foot(site: Site) -> str:
    return f'<div class="footer">Báo Hậu Giang điện tử. {site.licence}.</div>'


def haugiang_article(story: Story) -> Page:
    site = HAUGIANG
    url = f"{site.base}/{story.cat_slug}/{story.slug}-{story.id}.html"
    path = f"{F7}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        return (f'<div style="text-align:center"><img src="{image_url(site, story, cap.images[0])}'
                f'" alt=""><div class="caption-img"><em>{esc(cap.printed())}</em></div></div>')

    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_hg_head(site)}
<div class="box-breadcrumb"><a href="/">Trang chủ</a> » <a href="/{story.cat_slug}">{esc(story.category)}</a></div>
<div class="news-details-content"><h1>{esc(story.title)}</h1>
<div class="date-post">{dmy(story.when)} - {hm(story.when)}</div>
<div class="contentView">
<p><strong>{sapo_inner(story)}</strong></p>
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
{_hg_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def haugiang_emagazine() -> Page:
    site = HAUGIANG
    url = f"{site.base}/emagazine/mua-nuoc-noi-tren-kenh-xang-xa-no-142900.html"
    path = f"{F7}/{site.id}/emagazine-shell.html"
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Mùa nước nổi trên kênh xáng Xà No</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Mùa nước nổi trên kênh xáng Xà No">
</head><body>
{_hg_head(site)}
<div class="emagazine-cover"><h1>Mùa nước nổi trên kênh xáng Xà No</h1>
<div id="root-emagazine"></div><script src="/emag/app.js"></script></div>
{_hg_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "other", ["empty-shell"],
                                        "e-magazine shell drawn by a script: no body, no date"))


# ------------------------------------------------------------------------------- Quảng Ngãi
def _qng_head(site: Site) -> str:
    return (
        '<div class="header"><div class="header-date">'
        f"{weekday(site.today)}, {dmy(site.today)}</div>"
        '<div class="menu"><a href="/kinh-te">Kinh tế</a> <a href="/xa-hoi">Xã hội</a> <a '
        'href="/bao-in">Báo in</a></div></div>'
    )


def _qng_foot(site: Site) -> str:
    return (
        '<div class="footer">Báo và Phát thanh, Truyền hình Quảng Ngãi. '
        f"{site.licence}. Số 5 Trần Hưng Đạo, phường Cẩm Thành.</div>"
    )


def quangngai_article(story: Story) -> Page:
    site = QUANGNGAI
    url = f"{site.base}/{story.slug}-{story.id}.htm"
    path = f"{F7}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        return (f'<table class="tplCaption"><tr><td><img src="{image_url(site, story, cap.images[0])}'
                f'" alt=""></td></tr><tr><td><p class="Image">{esc(cap.printed())}</p></td></tr>'
                "</table>")

    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img, time_metas=2 if story.jsonld_offset else 1)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_qng_head(site)}
<div class="detail"><p class="category"><a href="/{story.cat_slug}">{esc(story.category)}</a></p>
<h1 class="title">{esc(story.title)}</h1>
<div class="datetime">{weekday(story.when)}, {dmy(story.when)} {hm(story.when)}</div>
<div id="body"><p class="sapo">{sapo_inner(story)}</p>
<div id="content">
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
<div class="same"><h3>Tin cùng chuyên mục</h3><ul><li><a href="{site.base}/ly-son-xay-ho-chua-nuoc-ngot-61990.htm">Lý Sơn xây hồ chứa nước ngọt</a> (02/02/2025)</li></ul></div></div>
{_qng_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def quangngai_home(stories: list[Story]) -> Page:
    site = QUANGNGAI
    url = f"{site.base}/"
    path = f"{F7}/{site.id}/home.html"
    rows = "".join(
        f'<div class="hot"><a href="{site.base}/{s.slug}-{s.id}.htm">{esc(s.title)}</a>'
        f'<p class="sapo">{esc(s.sapo)}</p></div>' for s in stories)
    extra = ('<ul class="list"><li><a href="/ly-son-xay-ho-chua-nuoc-ngot-61990.htm">Lý Sơn xây hồ '
             'chứa nước ngọt</a></li><li><a href="/tra-bong-trong-que-61875.htm">Trà Bồng trồng '
             "quế hữu cơ</a></li></ul>")
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo Quảng Ngãi điện tử</title>
<meta property="og:type" content="website"></head><body>
{_qng_head(site)}
<div class="home">{rows}{extra}</div>
{_qng_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "home", [], "home page"))


def pages() -> list[Page]:
    out: list[Page] = []
    for s in TUYENQUANG_STORIES:
        out.append(tuyenquang_article(s, [o for o in TUYENQUANG_STORIES if o is not s]))
    out += [quangtri_article(s) for s in QUANGTRI_STORIES]
    for s in PHUTHO_STORIES:
        out.append(phutho_article(s, [o for o in PHUTHO_STORIES if o is not s]))
    out += [haugiang_article(s) for s in HAUGIANG_STORIES]
    out += [quangngai_article(s) for s in QUANGNGAI_STORIES]
    out += [tuyenquang_category(TUYENQUANG_STORIES), quangtri_tag(QUANGTRI_STORIES),
            phutho_encrypted_shell(), haugiang_emagazine(), quangngai_home(QUANGNGAI_STORIES)]
    return out
