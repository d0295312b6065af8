"""Held-out pages, families 1 ("b-maincontent") and 2 ("cms-body").

Never shown to whoever tunes the extractor.  Sites and markup facts:
- Báo Hải Phòng (RE037, RE038, RE039): /<slug>-<id>.html, lead p.sc-longform-header-sapo or
  p.block-sc-sapo, body div.b-maincontent .entry, time in meta article:published_time or
  meta[name=pubdate], visible in .block-sc-publish-time / .c-detail-head__date; the 'xứ Đông'
  section holds the former Hải Dương paper.
- Báo Hà Nội mới (RE107, RE108): -<id>.html articles and -event<id>.html topic pages, the lead
  read from the description metas, the first div.b-maincontent, div.c-box blocks titled 'Bài
  liên quan' / 'Bài đọc tiếp' to drop.
- Báo Lào Cai (RE059): div[data-field=body] and div.article__body.zce-content-body.cms-body
  [itemprop=articleBody], paragraphs sometimes written as bare <div>s.
- Báo Sài Gòn Giải Phóng (RE116, RE117): /<slug>-post<id>.html, div.article__sapo, the older
  div.summary.cms-desc / div.content.cms-body / div.meta-info time.
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

F1 = "f1-b-maincontent"
F2 = "f2-cms-body"
_TAM = "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:config.py"
_MED = ("nhantranduynhan11-del/Cross-Lingual-Medical-Retrieval@d99db375a2783506547a71f5fd14d437"
        "2c6a9cdc:crawl.py (SITE_RULES)")

HAIPHONG = Site(
    id="baohaiphong", name="Báo Hải Phòng", host="baohaiphong.vn", family=F1,
    evidence=[ev("RE037", f"{_TAM} (_baohaiphong_config)", "2026-01-23"),
              ev("RE038", "sys-vcb/doc-bao-risk-scanner@00b514162a2adfde1141852322094bd18e63b775:"
                 "app/scraper/engine.py (extract_clean_pub_date)", "~2026-07-28"),
              ev("RE039", _MED, "~2026-10")],
    today=at(2026, 2, 4, 10, 25),
    licence="Giấy phép số 101/GP-BVHTTDL cấp ngày 25/9/2025",
)
HANOIMOI = Site(
    id="hanoimoi", name="Báo Hà Nội mới", host="hanoimoi.vn", family=F1,
    evidence=[ev("RE107", f"{_TAM} (_hanoimoi_config)", "2026-01-23"),
              ev("RE108", _MED, "~2026-10")],
    today=at(2026, 1, 23, 22, 10),
    licence="Giấy phép số 02/GP-BTTTT cấp ngày 06/01/2025",
)
LAOCAI = Site(
    id="baolaocai", name="Báo Lào Cai", host="baolaocai.vn", family=F2,
    evidence=[ev("RE059", f"{_TAM} (_baolaocai_config)", "2026-01-23")],
    today=at(2026, 1, 17, 7, 0),
    licence="Giấy phép số 33/GP-BVHTTDL cấp ngày 08/9/2025",
)
SGGP = Site(
    id="sggp", name="Báo Sài Gòn Giải Phóng", host="sggp.org.vn", family=F2,
    evidence=[ev("RE117", f"{_TAM} (_sggp_config)", "2026-01-23"),
              ev("RE116", "hailoc12/docbao@3af23da8554d589c7dbf18da2de1ddf7cced865b:resources/"
                 "configs/newspaper/bao_sai_gon_giai_phong_full_content.yaml", "2020-08-29")],
    today=at(2026, 2, 5, 5, 50),
    licence="Giấy phép số 389/GP-BTTTT cấp ngày 17/6/2024",
)

HAIPHONG_STORIES = [
    Story(
        slug="cong-nhan-hai-phong-duoc-ho-tro-nha-o-xa-hoi", id="531204",
        title="Công nhân Hải Phòng được ưu tiên mua nhà ở xã hội",
        sapo="Thành phố dành 70% số căn hộ ở hai dự án nhà ở xã hội mới cho công nhân các khu công "
             "nghiệp, giá bán từ 15 triệu đồng/m².",
        lead_tag="(NLĐO) -",
        paras=[
            "Hai dự án nằm gần khu công nghiệp Tràng Duệ và Nam Đình Vũ, tổng cộng hơn 2.400 căn "
            "hộ, dự kiến bàn giao trong năm 2026.",
            "Người mua được vay ưu đãi lãi suất 6,6% mỗi năm, thời hạn tối đa 25 năm, trả trước "
            "20% giá trị căn hộ.",
            "Liên đoàn Lao động thành phố sẽ lập danh sách công nhân đủ điều kiện, ưu tiên người "
            "chưa có nhà và đang phải thuê trọ.",
        ],
        when=at(2025, 11, 3, 8, 10), category="Xã hội", cat_slug="xa-hoi",
        author="Hải Yến", author_how="end-bold", credit="NLĐO", credit_how="lead-tag+theo-end",
        caps=[Cap("Khu nhà ở xã hội gần khu công nghiệp Tràng Duệ.", "Ảnh: NLĐO",
                  ("nha-o-xa-hoi.jpg",), after=1)],
        notes="reprint: '(NLĐO) -' opens the lead, 'Theo NLĐO' closes the text after the byline",
    ),
    Story(
        slug="cat-ba-vao-mua-du-lich-he", id="531877",
        title="Cát Bà vào mùa du lịch hè",
        sapo="Những ngày đầu tháng 6, đảo Cát Bà đón hàng chục nghìn lượt khách mỗi cuối tuần, "
             "các bến phà tăng chuyến để giải tỏa ùn tắc.",
        paras=[
            "Tuyến cáp treo Phù Long - Cát Bà hoạt động từ 6 giờ sáng đến 22 giờ, giúp giảm đáng kể "
            "lượng xe xếp hàng chờ phà.",
            "Các nhà hàng hải sản trên phố Núi Ngọc niêm yết giá công khai; đội kiểm tra liên ngành "
            "thường xuyên đi kiểm tra, xử lý trường hợp chặt chém khách.",
            "Huyện khuyến cáo du khách đặt phòng trước, mặc áo phao khi đi thuyền kayak trên vịnh "
            "Lan Hạ.",
        ],
        when=at(2025, 6, 7, 13, 39), category="Du lịch", cat_slug="du-lich",
        author="Mai Hoa", author_how="data-role", clock12=True,
        caps=[Cap("Du khách tắm biển và chèo thuyền kayak ở Cát Bà.", "Ảnh: Mai Hoa",
                  ("cat-ba-1.jpg", "cat-ba-2.jpg", "cat-ba-3.jpg"), after=2)],
        notes="a 12-hour clock is the only time; three photos with one caption under the row",
    ),
]

HANOIMOI_STORIES = [
    Story(
        slug="ha-noi-mo-rong-vung-phat-thai-thap", id="725110",
        title="Hà Nội mở rộng vùng phát thải thấp từ năm 2026",
        seo_title="Vùng phát thải thấp Hà Nội 2026: những tuyến phố nào hạn chế xe máy?",
        sapo="Thành phố sẽ thí điểm hạn chế xe máy chạy xăng trong vành đai 1 vào một số khung giờ, "
             "đồng thời tăng xe buýt điện.",
        paras=[
            "Theo kế hoạch, giai đoạn đầu áp dụng với các tuyến phố trong khu vực Hồ Gươm và phụ "
            "cận, người dân được hỗ trợ chuyển đổi sang xe điện.",
            "Sở Xây dựng cho biết sẽ bổ sung 300 xe buýt điện và 50 điểm sạc công cộng trước khi "
            "bắt đầu thí điểm.",
            "Các chuyên gia đề nghị thành phố công bố lộ trình rõ ràng để người dân và doanh nghiệp "
            "kịp chuẩn bị.",
        ],
        when=at(2025, 12, 15, 19, 5), category="Đô thị", cat_slug="do-thi",
        author=None, author_how=None, credit="TTXVN", credit_how="detail-source",
        jsonld_author="TTXVN",
        notes="JSON-LD author is TTXVN; a .detail-source line after the body credits it; the SEO "
              "title differs from the h1",
    ),
    Story(
        slug="lang-gom-bat-trang-don-khach-cuoi-nam", id="725388",
        title="Làng gốm Bát Tràng tấp nập khách cuối năm",
        sapo="Dịp cuối năm, chợ gốm Bát Tràng đón hàng nghìn lượt khách mỗi ngày đến mua sắm và "
             "trải nghiệm nặn gốm.",
        paras=[
            "Các sản phẩm bán chạy là bình hút lộc, bộ ấm chén và tượng linh vật năm mới. Nhiều "
            "xưởng phải làm thêm ca để kịp đơn hàng.",
            "Khu trải nghiệm làm gốm luôn kín chỗ, nhất là vào cuối tuần khi các gia đình đưa trẻ "
            "em đến học nặn và vẽ.",
        ],
        when=at(2026, 1, 18, 10, 50), category="Văn hóa", cat_slug="van-hoa",
        author="Thu Trang", author_how="tong-hop", jsonld_offset=True,
        caps=[Cap("Du khách học nặn gốm ở Bát Tràng.", "Ảnh: Thu Trang",
                  ("bat-trang.jpg",), how="paren", after=1)],
        notes="'<strong>Thu Trang</strong> (tổng hợp)'; JSON-LD +08:00 against two +07:00 metas",
    ),
]

LAOCAI_STORIES = [
    Story(
        slug="bac-ha-man-tam-hoa-ra-qua", id="412356",
        title="Mận tam hoa Bắc Hà sai quả",
        sapo="Hơn 1.100 ha mận tam hoa ở Bắc Hà cho thu hoạch, sản lượng ước 10.000 tấn.",
        paras=[
            "Tại các xã Tà Chải, Na Hối, người dân thu hái mận từ sáng sớm, đóng vào thùng xốp lót "
            "giấy để chuyển xuống Hà Nội.",
            "Mận loại đẹp được bán 40.000 - 50.000 đồng/kg, nhiều nhà vườn thu trên 100 triệu đồng "
            "mỗi vụ.",
            "Huyện đang hỗ trợ cải tạo vườn mận già, ghép mắt giống tốt và làm nhà sơ chế cho hợp "
            "tác xã.",
        ],
        when=at(2025, 6, 10, 9, 35), category="Kinh tế", cat_slug="kinh-te",
        author="Thanh Huyền", author_how="meta-theo",
        caps=[Cap(None, "Ảnh minh hoạ", ("man-bac-ha.jpg",), how="alone", after=1)],
        notes="paragraphs written as bare <div>s (RE059); author meta 'Theo Thanh Huyền'; a "
              "caption that is only 'Ảnh minh hoạ'",
    ),
    Story(
        slug="sa-pa-ngay-hoi-van-hoa-dan-toc-dao-do", id="412790",
        title="Ngày hội văn hóa dân tộc Dao đỏ ở Tả Phìn",
        generic_title=True,
        sapo="Ngày hội tái hiện lễ cấp sắc, thi thêu thổ cẩm và hát giao duyên của người Dao đỏ.",
        paras=[
            "Hàng trăm người dân và du khách có mặt ở trung tâm xã Tả Phìn từ sáng sớm để xem lễ "
            "rước và các tiết mục văn nghệ.",
            "Cuộc thi thêu thổ cẩm thu hút 40 phụ nữ tham gia, mỗi người hoàn thành một mảnh hoa "
            "văn trong hai giờ.",
        ],
        when=at(2025, 11, 29, 16, 15), category="Văn hóa", cat_slug="van-hoa",
        author="Vũ Linh", author_how="tin-anh",
        caps=[Cap("Phụ nữ Dao đỏ thi thêu thổ cẩm.", None, ("theu.jpg",), after=1)],
        notes="generic <title>/og:title/JSON-LD headline; 'Tin, ảnh: Vũ Linh' closes the text",
    ),
]

SGGP_STORIES = [
    Story(
        slug="tphcm-khoi-cong-tuyen-metro-so-2", id="811420",
        title="TPHCM khởi công tuyến metro số 2 Bến Thành - Tham Lương",
        sapo="Sau nhiều năm chuẩn bị, tuyến metro dài 11 km với 10 nhà ga được khởi công, dự kiến "
             "vận hành năm 2030.",
        lead_tag="(SGGPO) -",
        paras=[
            "Tuyến đi qua các phường trung tâm, Tân Bình và kết thúc tại depot Tham Lương, tổng vốn "
            "đầu tư hơn 47.000 tỷ đồng.",
            "Ban Quản lý đường sắt đô thị cho biết mặt bằng đã bàn giao gần đủ, các nhà thầu đang "
            "chuẩn bị máy khoan ngầm.",
        ],
        when=at(2025, 12, 19, 11, 0), category="Giao thông", cat_slug="giao-thong",
        author="Anh Khôi", author_how="jsonld-entity", entities=True, credit="SGGPO",
        credit_how="lead-tag",
        notes="'(SGGPO) -' in bold before the lead; the byline exists only in JSON-LD, written "
              "with &#NNNN; references",
    ),
    Story(
        slug="video-cho-hoa-tet-ben-binh-dong", id="811702", kind="video",
        title="Chợ hoa Tết trên bến Bình Đông",
        sapo=None,
        paras=[
            "Những chiếc ghe chở mai, cúc, vạn thọ từ miền Tây đã cập bến Bình Đông, mở đầu chợ hoa "
            "Tết trên bến dưới thuyền.",
            "Năm nay chợ có hơn 100 ghe hoa, nhiều ghe bán kèm trái cây, bánh mứt và đồ trang trí.",
        ],
        when=at(2026, 2, 1, 18, 30), category="Video", cat_slug="video",
        author="Quốc Hùng", author_how="end-bold",
        notes="video page: the text under the player is the article",
    ),
]


# ------------------------------------------------------------------------------- Hải Phòng
def _hp_head(site: Site) -> str:
    return (
        '<div class="header-wrap"><div class="header-sub"><div class="container">'
        f'<time class="header-sub__today">{weekday(site.today)} | {dmy(site.today)}</time>'
        '<a href="/xu-dong">Xứ Đông</a> <a href="/video">Video</a></div></div>'
        '<div class="container header-main"><a href="/" class="logo"><img src="/img/logo-hp.svg" '
        'alt="Báo Hải Phòng"></a><ul class="main-menu"><li><a href="/xa-hoi">Xã hội</a></li>'
        '<li><a href="/du-lich">Du lịch</a></li><li><a href="/kinh-te">Kinh tế</a></li></ul></div>'
        "</div>"
    )


def _hp_foot(site: Site) -> str:
    return (
        '<div class="footer-wrap"><div class="container"><div class="footer-left">Báo và Phát '
        f"thanh, Truyền hình Hải Phòng. {site.licence}.</div><div class=\"footer-right\">Tòa soạn: "
        "số 7 Lạch Tray, Ngô Quyền, Hải Phòng.</div></div></div>"
    )


def haiphong_article(story: Story, others: list[Story]) -> Page:
    site = HAIPHONG
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{F1}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        if len(cap.images) > 1:
            cells = "".join(f'<td><img src="{image_url(site, story, n)}" alt=""></td>'
                            for n in cap.images)
            return (f'<table class="image-group"><tr>{cells}</tr></table>'
                    f'<p class="image-group-note"><em>{esc(cap.printed())}</em></p>')
        return (f'<figure class="expNoEdit"><img src="{image_url(site, story, cap.images[0])}" '
                f'alt=""><figcaption class="expEdit">{esc(cap.printed())}</figcaption></figure>')

    clock = hm12(story.when) if story.clock12 else hm(story.when)
    byline = ""
    if story.author_how == "data-role":
        byline = f'<span class="c-detail-head__author" data-role="author">{esc(story.author)}</span>'
    metas = ""
    if story.timed and not story.clock12:
        metas = f'<meta name="pubdate" content="{story.iso()}">'
    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img, extra=metas)}
{jsonld(site, story, url, image=img, date_only=story.clock12)}
</head>
<body>
{_hp_head(site)}
<div class="container"><div class="c-detail-head"><div class="c-detail-head__crumb"><a href="/{story.cat_slug}">{esc(story.category)}</a></div>
<h1 class="c-detail-head__title">{esc(story.title)}</h1>
<div class="c-detail-head__row">{byline}<span class="c-detail-head__date">{dmy(story.when)} {clock}</span></div></div>
<p class="block-sc-sapo">{sapo_inner(story)}</p>
<div class="b-maincontent"><div class="entry">
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
<div class="c-box"><div class="c-box__title"><span class="c-box__title__name">Bài liên quan</span></div>{related(stories, fmt="{a} <em>{date}</em>")}</div>
<div class="c-social-share"><button>Chia sẻ</button><button>Sao chép</button></div>
</div>
{_hp_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def haiphong_search(stories: list[Story]) -> Page:
    site = HAIPHONG
    url = f"{site.base}/tim-kiem?keywords=du+l%E1%BB%8Bch"
    path = f"{F1}/{site.id}/tim-kiem-du-lich.html"
    rows = "".join(
        f'<div class="b-grid"><h3 class="b-grid__title"><a href="{site.base}/{s.slug}-{s.id}.html">'
        f'{esc(s.title)}</a></h3><p class="b-grid__desc">{esc(s.sapo)}</p>'
        f'<span class="b-grid__time">{dmy(s.when)}</span></div>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm: du lịch | Báo Hải Phòng</title>
</head><body>
{_hp_head(site)}
<div class="container"><h1 class="search-title">Kết quả tìm kiếm "du lịch"</h1>{rows}</div>
{_hp_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "search", [], "search results"))


# ------------------------------------------------------------------------------- Hà Nội mới
def _hnm_head(site: Site) -> str:
    return (
        '<header class="l-header"><div class="l-header__top">'
        f'<span class="l-header__date">Hà Nội, {weekday(site.today).lower()} {dmy(site.today)}'
        "</span></div><a class=\"l-header__logo\" href=\"/\"><img src=\"/assets/hnm-logo.png\" "
        'alt="Hà Nội mới"></a><nav class="l-nav"><a href="/chinh-tri">Chính trị</a><a href="/do-'
        'thi">Đô thị</a><a href="/van-hoa">Văn hóa</a><a href="/thu-do-ngan-nam">Thủ đô ngàn năm'
        "</a></nav></header>"
    )


def _hnm_foot(site: Site) -> str:
    return (
        '<footer class="l-footer"><p>Cơ quan chủ quản: Thành ủy Hà Nội.</p>'
        f"<p>{site.licence}.</p><p>Tòa soạn: 44 Lê Thái Tổ, Hoàn Kiếm, Hà Nội.</p></footer>"
    )


def hanoimoi_article(story: Story, others: list[Story]) -> Page:
    site = HANOIMOI
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{F1}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        return (f'<div class="PhotoCMS_Caption"><img src="{image_url(site, story, cap.images[0])}"'
                f' alt=""><p>{esc(cap.printed())}</p></div>')

    source = ""
    if "detail-source" in (story.credit_how or ""):
        source = f'<p class="detail-source">Theo <strong>{esc(story.credit)}</strong></p>'
    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img, time_metas=2 if story.jsonld_offset else 1)}
{jsonld(site, story, url, image=img)}
</head>
<body class="detail-page">
{_hnm_head(site)}
<div class="l-grid"><div class="l-grid__main">
<div class="b-maincontent">
<div class="c-detail-head"><span class="c-detail-head__cate">{esc(story.category)}</span>
<h1 class="c-detail-head__title">{esc(story.title)}</h1>
<span class="c-detail-head__time">{dmy(story.when)} {hm(story.when)}</span></div>
<div class="c-detail-sapo">{sapo_inner(story)}</div>
<div class="c-detail-body">
{body_with_captions(story, caption)}
{byline_end(story)}
{source}
</div></div>
<div class="c-box"><div class="c-box__title"><h3 class="c-box__title__name">Bài đọc tiếp</h3></div>{related(stories, fmt="{a} <span>{date} {time}</span>")}</div>
</div><div class="l-grid__side"><div class="c-box"><h3 class="c-box__title__name">Tin mới</h3>{related(stories, fmt="{a}")}</div></div></div>
{_hnm_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def hanoimoi_event() -> Page:
    site = HANOIMOI
    url = f"{site.base}/ky-niem-1015-nam-thang-long-ha-noi-event1482.html"
    path = f"{F1}/{site.id}/event-thang-long.html"
    items = (
        ("trien-lam-ban-do-thang-long-qua-cac-thoi-ky-724901", "Triển lãm bản đồ Thăng Long qua các thời kỳ", "08/10/2025"),
        ("dieu-hanh-dong-dien-quanh-ho-guom-724933", "Diễu hành đồng diễn quanh hồ Gươm", "10/10/2025"),
        ("phao-hoa-tam-thap-mung-dai-le-724960", "Pháo hoa tầm thấp mừng đại lễ ở 30 điểm", "10/10/2025"),
    )
    rows = "".join(f'<div class="b-grid"><h3 class="b-grid__title"><a href="{site.base}/{s}.html">'
                   f'{t}</a></h3><span class="b-grid__time">{d}</span></div>' for s, t, d in items)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Kỷ niệm 1015 năm Thăng Long - Hà Nội</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Kỷ niệm 1015 năm Thăng Long - Hà Nội">
<meta name="description" content="Chuyên trang sự kiện kỷ niệm 1015 năm Thăng Long - Hà Nội">
</head><body>
{_hnm_head(site)}
<div class="l-grid"><div class="l-grid__main"><div class="b-maincontent">
<h1 class="c-event__title">Kỷ niệm 1015 năm Thăng Long - Hà Nội</h1>
{rows}</div></div></div>
{_hnm_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", ["listing-og-article"],
                                        "-event<id>.html topic page typed og:type=article"))


# ------------------------------------------------------------------------------- Lào Cai
def _lc_head(site: Site) -> str:
    return (
        '<header class="site-header"><div class="topbar">'
        f'<span class="topbar__date">{weekday(site.today)}, {dmy(site.today)}</span>'
        '<span class="topbar__weather">Sa Pa 9°C</span></div>'
        '<div class="branding"><a href="/"><img src="/static/logo-lc.png" alt="Báo Lào Cai"></a>'
        '</div><nav class="nav"><a href="/kinh-te">Kinh tế</a><a href="/van-hoa">Văn hóa</a>'
        '<a href="/du-lich">Du lịch</a></nav></header>'
    )


def _lc_foot(site: Site) -> str:
    return (
        '<footer class="site-footer"><div>Báo và Phát thanh, Truyền hình Lào Cai</div>'
        f"<div>{site.licence}</div><div>Đường Hoàng Liên, phường Cam Đường, Lào Cai</div></footer>"
    )


def laocai_article(story: Story, others: list[Story]) -> Page:
    site = LAOCAI
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{F2}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        return (f'<figure class="picture"><img src="{image_url(site, story, cap.images[0])}" '
                f'alt=""><figcaption class="PhotoCMS_Caption">{esc(cap.printed())}</figcaption>'
                "</figure>")

    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img, author=False)}
</head>
<body>
{_lc_head(site)}
<main class="container"><div class="article">
<div class="article__breadcrumb"><a href="/{story.cat_slug}">{esc(story.category)}</a></div>
<h1 class="article__title cms-title">{esc(story.title)}</h1>
<div class="article__meta"><time class="time">{dmy(story.when)} - {hm(story.when)}</time></div>
<div class="article__sapo cms-desc">{sapo_inner(story)}</div>
<div data-field="body" class="article__body zce-content-body cms-body" itemprop="articleBody">
{body_with_captions(story, caption, p="<div>{text}</div>")}
{byline_end(story, right='style="text-align:right"')}
</div>
<div class="article__tags">{tag_links(story.tags)}</div>
</div>
<div class="box-related"><h3>Đọc thêm</h3>{related(stories, fmt="{a} - {date}")}</div></main>
{_lc_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def laocai_home(stories: list[Story]) -> Page:
    site = LAOCAI
    url = f"{site.base}/"
    path = f"{F2}/{site.id}/home.html"
    rows = "".join(
        f'<article class="story"><h2 class="story__heading"><a class="cms-link" href="{site.base}/'
        f'{s.slug}-{s.id}.html">{esc(s.title)}</a></h2><p class="story__summary">{esc(s.sapo)}'
        "</p></article>" for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo Lào Cai - Tin tức Lào Cai</title>
<meta property="og:type" content="website"></head><body>
{_lc_head(site)}
<main class="container"><section class="highlight">{rows}</section></main>
{_lc_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "home", [], "home page"))


# ------------------------------------------------------------------------------- SGGP
def _sg_head(site: Site) -> str:
    return (
        '<div class="header"><div class="header__top"><div class="container">'
        f'<span class="header__date">{weekday(site.today)}, {dmy(site.today)}</span>'
        '<a href="https://en.sggp.org.vn">English</a> <a href="https://cn.sggp.org.vn">中文</a>'
        '</div></div><div class="header__nav container"><a class="cms-link" href="/chinhtri/">'
        'Chính trị</a><a class="cms-link" href="/xahoi/">Xã hội</a><a class="cms-link" '
        'href="/giao-thong/">Giao thông</a><a class="cms-link" href="/video/">Video</a></div></div>'
    )


def _sg_foot(site: Site) -> str:
    return (
        '<div class="footer"><div class="container"><p>Cơ quan của Đảng bộ Đảng Cộng sản Việt '
        f"Nam TPHCM. {site.licence}.</p><p>Tổng biên tập chịu trách nhiệm về nội dung.</p></div>"
        "</div>"
    )


def sggp_article(story: Story, others: list[Story]) -> Page:
    site = SGGP
    url = f"{site.base}/{story.slug}-post{story.id}.html"
    path = f"{F2}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None
    player = ""
    if story.kind == "video":
        player = ('<div class="video-embed"><div class="cms-video" data-vid="sggp-811702" '
                  'data-src="https://media.sggp.org.vn/video/811702.m3u8"></div></div>')
    sapo = (f'<div class="article__sapo cms-desc">{sapo_inner(story)}</div>'
            if story.sapo else "")
    stories = [(o.title, f"{site.base}/{o.slug}-post{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_sg_head(site)}
<div class="container main"><article class="article">
<div class="article__meta"><a class="cms-link" href="/{story.cat_slug}/">{esc(story.category)}</a>
<time class="time" datetime="{story.iso()}">{weekday(story.when)}, {dmy(story.when)} {hm(story.when)}</time></div>
<h1 class="article__title cms-title">{esc(story.title)}</h1>
{player}
{sapo}
<div class="article__body zce-content-body cms-body" itemprop="articleBody">
{body_with_captions(story, lambda c: "")}
{byline_end(story)}
</div></article>
<div class="related-news"><h3 class="box-heading">Tin cùng chuyên mục</h3>{related(stories, fmt="{a}")}</div>
</div>
{_sg_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def sggp_category(stories: list[Story]) -> Page:
    site = SGGP
    url = f"{site.base}/giao-thong/"
    path = f"{F2}/{site.id}/giao-thong.html"
    rows = "".join(
        f'<article class="story"><h3 class="story__heading"><a class="cms-link" href="{site.base}/'
        f'{s.slug}-post{s.id}.html">{esc(s.title)}</a></h3><time class="time">{dmy(s.when)}'
        "</time></article>" for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Giao thông | Báo Sài Gòn Giải Phóng</title>
<meta property="og:type" content="article"><meta property="og:title" content="Giao thông">
<meta property="og:url" content="{url}"></head><body>
{_sg_head(site)}
<div class="container main"><h1 class="category-name">Giao thông</h1>{rows}
<a class="btn-loadmore" href="/giao-thong/?page=2">Xem thêm</a></div>
{_sg_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", ["listing-og-article"],
                                        "a national outlet's category page typed "
                                        "og:type=article; its h1 is the menu label"))


def pages() -> list[Page]:
    out: list[Page] = []
    for group, render in ((HAIPHONG_STORIES, haiphong_article),
                          (HANOIMOI_STORIES, hanoimoi_article),
                          (LAOCAI_STORIES, laocai_article), (SGGP_STORIES, sggp_article)):
        for s in group:
            out.append(render(s, [o for o in group if o is not s]))
    out += [haiphong_search(HAIPHONG_STORIES), hanoimoi_event(), laocai_home(LAOCAI_STORIES),
            sggp_category(SGGP_STORIES)]
    return out
