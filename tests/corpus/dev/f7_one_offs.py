"""Family 7, one-offs (dev): Báo Bắc Ninh, Báo Sơn La, Báo Ninh Bình.

Báo Bắc Ninh keeps the Bắc Giang CMS: /<slug>-postid<id>.bbg, lead div.news_detail_sapo,
body .news-details__content.link_content, date in div.news-detail__head, category a.post-meta,
related .news-related__list (RE008, RE009).  Báo Sơn La: /<category>/<slug>-<id>.html, lead
div.fulltext > p.font-bold, body div#editor-detail, breadcrumb ul.breadcrumb a.active, blocks
.audio-article and .text-end to drop (RE086).  Báo Ninh Bình: /<slug>-<15 digits>.html with
Tailwind-style classes, h1.header-title.text-4xl.font-bold.font-serif, lead
.content-detail .font-bold, body #content_detail, date span#date (RE064, RE065, RE066).
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

FAMILY = "f7-one-off"

BACNINH = Site(
    id="baobacninhtv", name="Báo Bắc Ninh", host="baobacninhtv.vn", family=FAMILY,
    evidence=[
        ev("RE008", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baobacninhtv_config)", "2026-01-23"),
        ev("RE009", "sys-vcb/doc-bao-risk-scanner@00b514162a2adfde1141852322094bd18e63b775:"
           "app/scraper/engine.py (extract_clean_pub_date)", "~2026-07-28"),
    ],
    today=at(2026, 1, 31, 19, 0),
    licence="Giấy phép số 90/GP-BVHTTDL cấp ngày 30/9/2025",
)
SONLA = Site(
    id="baosonla", name="Báo Sơn La", host="baosonla.vn", family=FAMILY,
    evidence=[ev("RE086", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab"
                 "920d:config.py (_baosonla_config)", "2026-01-23")],
    today=at(2026, 1, 20, 6, 45),
    licence="Giấy phép số 363/GP-BTTTT ngày 05/7/2021",
)
NINHBINH = Site(
    id="baoninhbinh", name="Báo Ninh Bình", host="baoninhbinh.org.vn", family=FAMILY,
    evidence=[
        ev("RE065", "tammuoichanhoa/crawl_lastest_news@25733609150617668f6b7f3d4c4c969103c35370:"
           "config/sites/baoninhbinh.py", "2026-02-06"),
        ev("RE066", "sys-vcb/doc-bao-risk-scanner@00b514162a2adfde1141852322094bd18e63b775:"
           "app/scraper/engine.py (extract_clean_pub_date)", "~2026-07-28"),
    ],
    today=at(2026, 2, 1, 9, 30),
    licence="Giấy phép số 44/GP-BVHTTDL cấp ngày 11/9/2025",
)

BACNINH_STORIES = [
    Story(
        slug="luc-ngan-vai-som-duoc-gia", id="452880",
        title="Vải sớm Lục Ngạn được giá ngay đầu vụ",
        sapo="Vải sớm ở Lục Ngạn, Tân Yên bắt đầu thu hoạch, giá tại vườn từ 35.000 đến 45.000 "
             "đồng/kg, cao hơn năm ngoái.",
        paras=[
            "Các điểm cân vải dọc quốc lộ 31 hoạt động từ 4 giờ sáng. Thương lái từ Trung Quốc, Hà "
            "Nội đặt mua số lượng lớn để đóng thùng đi xa.",
            "Năm nay tỉnh có hơn 200 mã số vùng trồng vải xuất khẩu, nhiều lô hàng đã đi Nhật Bản, "
            "Mỹ bằng đường hàng không.",
            "Ngành nông nghiệp khuyến cáo nông dân tuân thủ thời gian cách ly thuốc bảo vệ thực vật, "
            "không thu hoạch vải non.",
        ],
        when=at(2025, 5, 26, 6, 15), category="Kinh tế", cat_slug="kinh-te",
        author="Trần Phương", author_how="end-bold",
        caps=[Cap("Nông dân Lục Ngạn thu hoạch và đóng thùng vải sớm.", "Ảnh: Trần Phương",
                  ("vai-1.jpg", "vai-2.jpg"), after=2)],
        tags=["vải thiều", "Lục Ngạn"],
        notes="two photos side by side with one caption under them; a related list inside the "
              "body",
    ),
    Story(
        slug="bac-ninh-thu-hut-fdi-ky-luc", id="453120",
        title="Bắc Ninh thu hút vốn FDI cao nhất cả nước",
        sapo="Mười một tháng, tỉnh thu hút hơn 5 tỷ USD vốn đầu tư nước ngoài, chủ yếu vào điện "
             "tử, bán dẫn và năng lượng sạch.",
        paras=[
            "Nhiều dự án lớn tập trung ở khu công nghiệp Yên Phong, Quế Võ và các khu công nghiệp "
            "mới ở Việt Yên.",
            "Tỉnh đẩy nhanh giải phóng mặt bằng, đào tạo nghề cho lao động địa phương để đáp ứng "
            "nhu cầu tuyển dụng.",
        ],
        when=at(2025, 12, 1, 10, 30), category="Kinh tế", cat_slug="kinh-te",
        author=None, author_how=None, credit="Báo Nhân Dân", credit_how="theo-end",
        notes="reprint: 'Theo Báo Nhân Dân' closes the text",
    ),
    Story(
        slug="le-hoi-lim-tro-lai-sau-sap-nhap", id="453310",
        title="Quan họ Lim mở hội đầu xuân",
        generic_title=True,
        sapo="Hội Lim năm nay có hơn 30 canh hát quan họ trên thuyền, dưới đồi Lim và trong các "
             "nhà chứa.",
        paras=[
            "Từ sáng sớm, các liền anh, liền chị trong trang phục áo the, khăn xếp, nón quai thao "
            "đã có mặt ở đình làng Lim.",
            "Ngoài hát quan họ, lễ hội còn có thi nấu cơm, đấu vật, đu tiên và các trò chơi dân "
            "gian thu hút đông người tham gia.",
        ],
        when=at(2025, 2, 13, 8, 5), category="Văn hóa", cat_slug="van-hoa",
        author="Minh Thư", author_how="tong-hop",
        notes="generic <title>/og:title; '<strong>Minh Thư</strong> (tổng hợp)' closes the text",
    ),
]

SONLA_STORIES = [
    Story(
        slug="moc-chau-man-hau-vao-vu", id="51276",
        title="Mận hậu Mộc Châu vào vụ thu hoạch",
        sapo="Hơn 4.000 ha mận ở Mộc Châu, Vân Hồ cho sản lượng khoảng 50.000 tấn, giá bán tại vườn "
             "15.000 - 25.000 đồng/kg.",
        paras=[
            "Từ đầu tháng 5, các vườn mận ở tiểu khu 8, Nà Ka đông khách du lịch đến tham quan, tự "
            "tay hái quả.",
            "Nhiều hợp tác xã đã ký hợp đồng tiêu thụ với siêu thị ở Hà Nội, đóng hộp mận bằng khay "
            "giấy để giữ quả tươi lâu hơn.",
            "Huyện tổ chức ngày hội mận để quảng bá sản phẩm, kết nối tiêu thụ cho bà con.",
        ],
        when=at(2025, 5, 18, 7, 40), category="Kinh tế", cat_slug="kinh-te",
        author="Lò Hương", author_how="tin-anh",
        caps=[Cap("Du khách hái mận ở tiểu khu 8.", "Ảnh: L.H",
                  ("man-hau.jpg",), after=1)],
        notes="'Tin, ảnh: Lò Hương' closes the text in p.text-end",
    ),
    Story(
        slug="bao-ton-chu-thai-co", id="51402",
        title="Lớp học chữ Thái cổ ở bản Hụm",
        seo_title="Bảo tồn chữ Thái cổ Sơn La: lớp học miễn phí cho thanh niên bản Hụm",
        sapo="Mỗi tối thứ Bảy, hơn 20 thanh niên bản Hụm lại tập trung ở nhà văn hóa để học đọc, "
             "viết chữ Thái cổ.",
        paras=[
            "Thầy giáo là ông Cầm Văn Ơn, 72 tuổi, người đã dành hơn 10 năm sưu tầm các bản sách cổ "
            "chép tay trong vùng.",
            "Học viên được học bảng chữ cái, cách ghép vần và đọc các câu thơ trong truyện thơ Xống "
            "chụ xon xao.",
            "Xã dự kiến mở thêm lớp cho học sinh trung học cơ sở vào dịp hè.",
        ],
        when=at(2025, 10, 11, 20, 0), category="Văn hóa", cat_slug="van-hoa",
        author="Quàng Hoa", author_how="tong-hop",
        notes="SEO title in <title>, og:title and JSON-LD differs from the h1",
    ),
    Story(
        slug="video-xoe-thai-don-tet", id="51533", kind="video",
        title="Xòe Thái rộn ràng đón Tết",
        sapo=None,
        paras=[
            "Những vòng xòe nối dài trên sân nhà văn hóa bản Chiềng Xôm trong đêm giao lưu đón Tết.",
            "Các đội văn nghệ của bản biểu diễn xòe nón, xòe khăn, xòe quạt bên đống lửa.",
        ],
        when=at(2026, 1, 14, 21, 30), category="Video", cat_slug="video",
        author="Hà Xuân", author_how="end-bold",
        notes="video page with its text under the player",
    ),
]

NINHBINH_STORIES = [
    Story(
        slug="trang-an-don-khach-mua-le-hoi", id="202601021530001",
        title="Tràng An đón hơn 20.000 khách trong ngày khai hội",
        sapo="Ngày mùng 6 Tết, khu du lịch Tràng An đón hơn 20.000 lượt khách, bến thuyền hoạt "
             "động hết công suất.",
        paras=[
            "Hơn 2.000 đò được huy động, mỗi đò chở tối đa bốn khách và có áo phao cho từng người.",
            "Ban Quản lý quần thể danh thắng bố trí lực lượng hướng dẫn, phân luồng để tránh ùn tắc "
            "ở khu vực bến Tràng An.",
        ],
        when=at(2025, 2, 3, 15, 30), category="Du lịch", cat_slug="du-lich",
        author="Đức Lam", author_how="data-role", jsonld_offset=True,
        caps=[Cap("Du khách đi đò tham quan Tràng An.", "Ảnh: Đức Lam",
                  ("trang-an.jpg",), after=1)],
        notes="byline in [data-role=author]; JSON-LD +08:00 against two +07:00 metas",
    ),
    Story(
        slug="lang-trong-doi-tam-vao-mua", id="202601101405002",
        title="Làng trống Đọi Tam vào mùa",
        sapo="Những ngày cuối năm, các xưởng trống ở làng Đọi Tam làm việc suốt ngày đêm để kịp "
             "giao trống cho các trường học, đình chùa.",
        paras=[
            "Mỗi chiếc trống cái phải qua hàng chục công đoạn, từ chọn gỗ mít, phơi da trâu đến "
            "căng mặt trống.",
            "Nghệ nhân Nguyễn Văn Bảy cho biết năm nay làng nhận đơn hàng từ nhiều tỉnh phía Nam và "
            "cả kiều bào ở nước ngoài.",
        ],
        when=at(2026, 1, 10, 14, 5), category="Văn hóa", cat_slug="van-hoa",
        author=None, author_how=None, credit="Báo Hà Nam", credit_how="theo-end",
        jsonld_author="Báo Hà Nam",
        notes="reprint from the former Hà Nam paper: JSON-LD author is the outlet, 'Theo Báo Hà "
              "Nam' closes the text",
    ),
    Story(
        slug="kim-son-nuoi-ngao-bai-boi", id="202512200910003",
        title="Ngư dân Kim Sơn làm giàu từ nuôi ngao bãi bồi",
        sapo="Hơn 1.000 ha bãi bồi ven biển Kim Sơn được giao cho người dân nuôi ngao, mỗi héc-ta "
             "lãi 150 - 200 triệu đồng mỗi năm.",
        paras=[
            "Ngao giống được thả từ tháng 3, sau 12 - 14 tháng thì thu hoạch, bán cho các cơ sở chế "
            "biến xuất khẩu.",
            "Các hộ nuôi lập tổ hợp tác, cùng canh giữ bãi và chia nhau chi phí đắp bờ, đặt lưới.",
        ],
        when=at(2025, 12, 20, 9, 10), category="Kinh tế", cat_slug="kinh-te",
        author="Anh Tuấn", author_how="end-right",
        caps=[Cap(None, "Ảnh minh hoạ", ("ngao.jpg",), how="alone", after=1)],
        notes="a photo captioned only 'Ảnh minh hoạ'",
    ),
]


# ------------------------------------------------------------------------------- Bắc Ninh
def _bn_top(site: Site) -> str:
    return (
        '<div class="header"><div class="header-top"><div class="container">'
        f'<p class="header-date">{weekday(site.today)}, {dmy(site.today)}</p>'
        '<a class="btn-live" href="/truyen-hinh-truc-tuyen">Truyền hình trực tuyến</a></div></div>'
        '<div class="menu"><ul><li><a class="post-meta" href="/chinh-tri">Chính trị</a></li><li>'
        '<a class="post-meta" href="/kinh-te">Kinh tế</a></li><li><a class="post-meta" '
        'href="/van-hoa">Văn hóa</a></li><li><a href="/bg/infographics">Infographics</a></li></ul>'
        "</div></div>"
    )


def _bn_foot(site: Site) -> str:
    return (
        '<div class="footer"><p>BÁO VÀ PHÁT THANH, TRUYỀN HÌNH BẮC NINH</p>'
        f"<p>{site.licence}</p><p>Địa chỉ: số 5 Lý Thái Tổ, phường Kinh Bắc, Bắc Ninh.</p></div>"
    )


def bacninh_article(story: Story, others: list[Story]) -> Page:
    site = BACNINH
    url = f"{site.base}/{story.slug}-postid{story.id}.bbg"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        imgs = "".join(f'<p style="text-align:center"><img src="{image_url(site, story, n)}" '
                       'alt=""></p>' for n in cap.images)
        return imgs + f'<p class="note-image" style="text-align:center">{esc(cap.printed())}</p>'

    stories = [(o.title, f"{site.base}/{o.slug}-postid{o.id}.bbg", o.when) for o in others]
    rel = ('<div class="news-related"><ul class="news-related__list">'
           + "".join(f'<li><a href="{u}">{esc(t)}</a></li>' for t, u, _ in stories) + "</ul></div>")
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
</head>
<body>
{_bn_top(site)}
<div class="container news-detail">
<div class="news-detail__head"><a class="post-meta" href="/{story.cat_slug}">{esc(story.category)}</a>
<span class="news-detail__time">{hm(story.when)} | {dmy(story.when)}</span></div>
<h1 class="news-detail__title">{esc(story.title)}</h1>
<div class="news_detail_sapo"><p>{sapo_inner(story)}</p></div>
<div class="news-details__content link_content">
{body_with_captions(story, caption, inserts={2: rel})}
{byline_end(story)}
</div>
<div class="news-detail__tags">{tag_links(story.tags, href="/tag/{slug}.bbg")}</div>
<div class="news-other"><h3>Tin khác</h3>{related(stories, fmt="{a} <i>({date})</i>")}</div>
</div>
{_bn_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def bacninh_category(stories: list[Story]) -> Page:
    site = BACNINH
    url = f"{site.base}/kinh-te"
    path = f"{FAMILY}/{site.id}/kinh-te.html"
    rows = "".join(
        f'<div class="news-item"><a class="news-item__title" href="{site.base}/{s.slug}-postid'
        f'{s.id}.bbg">{esc(s.title)}</a><span class="news-item__time">{dmy(s.when)}</span></div>'
        for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kinh tế - Báo Bắc Ninh</title></head><body>
{_bn_top(site)}
<div class="container"><h1 class="cate-title">Kinh tế</h1>{rows}</div>
{_bn_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", [], "category page"))


# ------------------------------------------------------------------------------- Sơn La
def _sl_top(site: Site) -> str:
    return (
        '<div class="bg-white border-bottom"><div class="container d-flex">'
        f'<span class="small">{weekday(site.today)}, {dmy(site.today)}</span>'
        '<a class="ms-auto small" href="/video">Video</a></div></div>'
        '<nav class="navbar navbar-expand-lg"><a class="navbar-brand" href="/"><img '
        'src="/assets/img/logo-baosonla.png" alt="Báo Sơn La"></a><ul class="navbar-nav">'
        '<li class="nav-item"><a class="nav-link" href="/kinh-te">Kinh tế</a></li>'
        '<li class="nav-item"><a class="nav-link" href="/van-hoa">Văn hóa</a></li>'
        '<li class="nav-item"><a class="nav-link" href="/video">Video</a></li></ul></nav>'
    )


def _sl_foot(site: Site) -> str:
    return (
        '<footer class="bg-dark text-white"><div class="container"><p>Báo Sơn La - Cơ quan của '
        f"Đảng bộ tỉnh Sơn La.</p><p>{site.licence}.</p><p>Số 2, đường 3/2, phường Tô Hiệu, Sơn "
        "La.</p></div></footer>"
    )


def sonla_article(story: Story, others: list[Story]) -> Page:
    site = SONLA
    url = f"{site.base}/{story.cat_slug}/{story.slug}-{story.id}.html"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        return (f'<figure class="figure text-center"><img class="img-fluid" src="{src}" alt="">'
                f'<figcaption class="figure-caption">{esc(cap.printed())}</figcaption></figure>')

    player = ""
    if story.kind == "video":
        player = ('<div class="ratio ratio-16x9"><video controls src="https://media.baosonla.vn/'
                  f'video/{story.id}.mp4"></video></div>')
    lead = f'<p class="font-bold">{sapo_inner(story)}</p>' if story.sapo else ""
    stories = [(o.title, f"{site.base}/{o.cat_slug}/{o.slug}-{o.id}.html", o.when)
               for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img, author=False)}
</head>
<body>
{_sl_top(site)}
<main class="container"><ul class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a class="active" href="/{story.cat_slug}">{esc(story.category)}</a></li></ul>
<h1 class="fw-bold">{esc(story.title)}</h1>
<div class="text-muted small">{hm(story.when)} {dmy(story.when)}</div>
<div class="audio-article"><audio controls src="/tts/{story.id}.mp3"></audio> Nghe đọc bài viết</div>
<div class="select-accent-wrap">Giọng đọc: <select><option>Miền Bắc</option><option>Miền Nam</option></select></div>
{player}
<div class="fulltext">
{lead}
<div id="editor-detail">
{body_with_captions(story, caption)}
</div>
{byline_end(story, p_class="text-end", right="")}
</div>
<div class="news-related"><h5>Tin liên quan</h5>{related(stories, fmt='{a} <span class="text-muted">{date}</span>')}</div>
</main>
{_sl_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def sonla_search(stories: list[Story]) -> Page:
    site = SONLA
    url = f"{site.base}/tim-kiem?q=m%E1%BA%ADn"
    path = f"{FAMILY}/{site.id}/tim-kiem-man.html"
    rows = "".join(
        f'<div class="card"><div class="card-body"><a class="card-title" href="{site.base}/'
        f'{s.cat_slug}/{s.slug}-{s.id}.html">{esc(s.title)}</a><p class="card-text">'
        f'{esc(s.sapo or "")}</p><small>{dmy(s.when)}</small></div></div>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm - Báo Sơn La</title></head><body>
{_sl_top(site)}
<main class="container"><h1 class="h4">Kết quả tìm kiếm cho từ khóa: mận</h1>{rows}</main>
{_sl_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "search", [], "search results"))


# ------------------------------------------------------------------------------- Ninh Bình
def _nb_top(site: Site) -> str:
    return (
        '<header class="bg-red-800 text-white"><div class="max-w-7xl mx-auto flex items-center '
        f'justify-between px-4 py-2"><span class="text-sm">{weekday(site.today)}, '
        f'{dmy(site.today)}</span><a class="text-sm hover:underline" href="/bao-in">Báo in</a>'
        '</div><nav class="max-w-7xl mx-auto flex gap-4 px-4 py-3 font-semibold"><a href="/du-lich">'
        'Du lịch</a><a href="/van-hoa">Văn hóa</a><a href="/kinh-te">Kinh tế</a></nav></header>'
    )


def _nb_foot(site: Site) -> str:
    return (
        '<footer class="bg-gray-100 text-gray-700 text-sm"><div class="max-w-7xl mx-auto px-4 '
        'py-6"><p class="font-bold">BÁO VÀ PHÁT THANH, TRUYỀN HÌNH NINH BÌNH</p>'
        f"<p>{site.licence}</p></div></footer>"
    )


def ninhbinh_article(story: Story, others: list[Story]) -> Page:
    site = NINHBINH
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        return (f'<figure class="my-4"><img class="w-full rounded" src="{src}" alt="">'
                f'<figcaption class="text-sm text-gray-500 italic text-center mt-1">'
                f"{esc(cap.printed())}</figcaption></figure>")

    author_top = ""
    if story.author_how == "data-role":
        author_top = (f'<span class="font-semibold" data-role="author">{esc(story.author)}'
                      "</span> · ")
    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img, time_metas=2 if story.jsonld_offset else 1)}
{jsonld(site, story, url, image=img)}
<script src="https://cdn.tailwindcss.com"></script>
</head>
<body class="bg-white font-sans">
{_nb_top(site)}
<main class="max-w-4xl mx-auto px-4 py-6">
<a class="text-red-700 uppercase text-xs" href="/{story.cat_slug}">{esc(story.category)}</a>
<h1 class="header-title text-4xl font-bold font-serif leading-tight mt-2">{esc(story.title)}</h1>
<div class="flex gap-2 text-sm text-gray-500 mt-2">{author_top}<span id="date">{hm(story.when)} {dmy(story.when)}</span></div>
<div class="content-detail mt-4">
<p class="font-bold text-lg">{sapo_inner(story)}</p>
<div id="content_detail" class="prose max-w-none">
{body_with_captions(story, caption)}
{byline_end(story, right='class="text-right"')}
</div></div>
<section class="mt-8 border-t pt-4"><h2 class="font-bold text-xl">Tin cùng chuyên mục</h2>{related(stories, fmt='{a} <span class="text-gray-400">{date}</span>')}</section>
</main>
{_nb_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def ninhbinh_tag(stories: list[Story]) -> Page:
    site = NINHBINH
    url = f"{site.base}/tag/trang-an"
    path = f"{FAMILY}/{site.id}/tag-trang-an.html"
    rows = "".join(
        f'<article class="py-3 border-b"><a class="font-bold text-lg" href="{site.base}/{s.slug}-'
        f'{s.id}.html">{esc(s.title)}</a><p class="text-gray-600">{esc(s.sapo)}</p>'
        f'<time class="text-xs">{dmy(s.when)}</time></article>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>#Tràng An - Báo Ninh Bình</title></head>
<body>
{_nb_top(site)}
<main class="max-w-4xl mx-auto px-4 py-6"><h1 class="text-2xl font-bold">#Tràng An</h1>{rows}</main>
{_nb_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "tag", [], "tag page"))


def pages() -> list[Page]:
    out: list[Page] = []
    for group, render in ((BACNINH_STORIES, bacninh_article), (SONLA_STORIES, sonla_article),
                          (NINHBINH_STORIES, ninhbinh_article)):
        for s in group:
            out.append(render(s, [o for o in group if o is not s]))
    out += [bacninh_category(BACNINH_STORIES), sonla_search(SONLA_STORIES),
            ninhbinh_tag(NINHBINH_STORIES)]
    return out
