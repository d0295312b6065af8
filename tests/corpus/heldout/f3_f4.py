"""Held-out pages, families 3 ("#content-detail") and 4 (the two "-a<id>.html" families).

Never shown to whoever tunes the extractor.  Sites and markup facts:
- Báo Quảng Ninh (RE079, RE080): /<slug>-<id>.html, h1.name, #content-detail or
  .content-article .detail, div.date.font5, category from .breadcrumbs ol.breadcrumb li a.
- Báo Lạng Sơn (RE056): /<slug>-<7 digits>.html, lead in #content-detail h2, unrendered {{...}}
  template text left in the static HTML.
- Báo Đồng Khởi under Báo Vĩnh Long (RE105, RE027): dongkhoi.baovinhlong.vn/<slug>-a<id>.html,
  lead .detail-desc p, body #newscontents / div.content-fck (.slider-jsgallery in 2019),
  div.pubdate.fleft, category h2.catename-h1 a and input#txtnewscate.
- Báo Bình Dương (RE010): -a<id>.html, h1.title, #contentNews .singular-content,
  div.breadcrumb-news-detail a.
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

F3 = "f3-content-detail"
F4A = "f4a-newscontents"
F4B = "f4b-contentnews"
_TAM = "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:config.py"
_TAM2 = "tammuoichanhoa/crawl_lastest_news@25733609150617668f6b7f3d4c4c969103c35370"

QUANGNINH = Site(
    id="baoquangninh", name="Báo Quảng Ninh", host="baoquangninh.vn", family=F3,
    evidence=[ev("RE079", f"{_TAM} (_baoquangninh_config)", "2026-01-23"),
              ev("RE080", "sys-vcb/doc-bao-risk-scanner@00b514162a2adfde1141852322094bd18e63b775:"
                 "app/scraper/engine.py (extract_clean_pub_date)", "~2026-07-28")],
    today=at(2026, 1, 26, 20, 20),
    licence="Giấy phép số 57/GP-BVHTTDL cấp ngày 19/9/2025",
)
LANGSON = Site(
    id="baolangson", name="Báo Lạng Sơn", host="baolangson.vn", family=F3,
    evidence=[ev("RE056", f"{_TAM2}:config/sites/baolangson.py", "2026-02-06")],
    today=at(2026, 2, 2, 12, 0),
    licence="Giấy phép số 484/GP-BTTTT cấp ngày 15/9/2021",
)
DONGKHOI = Site(
    id="dongkhoi_baovinhlong", name="Báo Vĩnh Long", host="dongkhoi.baovinhlong.vn", family=F4A,
    evidence=[ev("RE105", f"{_TAM} (_dongkhoi_baovinhlong_config)", "2026-01-23"),
              ev("RE027", "hailoc12/docbao@3af23da8554d589c7dbf18da2de1ddf7cced865b:resources/"
                 "configs/newspaper/bao_dong_khoi_full_content.yaml", "2020-08-29")],
    today=at(2026, 1, 24, 16, 30),
    licence="Giấy phép số 120/GP-BVHTTDL cấp ngày 02/10/2025",
)
BINHDUONG = Site(
    id="baobinhduong", name="Báo Bình Dương", host="baobinhduong.vn", family=F4B,
    evidence=[ev("RE010", f"{_TAM} (_baobinhduong_config)", "2026-01-23")],
    today=at(2026, 1, 16, 9, 45),
    licence="Giấy phép số 219/GP-BTTTT cấp ngày 23/4/2021",
)

QUANGNINH_STORIES = [
    Story(
        slug="van-don-don-tau-du-lich-quoc-te", id="3389012",
        title="Vân Đồn đón tàu du lịch quốc tế đầu tiên của năm",
        sapo="Tàu du lịch chở gần 600 khách châu Âu cập cảng Ao Tiên, mở đầu mùa du lịch biển đảo "
             "năm 2026.",
        paras=[
            "Du khách tham quan vịnh Bái Tử Long, đảo Quan Lạn và thưởng thức hải sản tại các nhà "
            "hàng ven biển Cái Rồng.",
            "Ngành du lịch huyện bố trí đội hướng dẫn viên nói tiếng Pháp, tiếng Anh và xe điện đưa "
            "đón khách ở cảng.",
            "Vân Đồn đặt mục tiêu đón 1,2 triệu lượt khách trong năm, trong đó khách quốc tế chiếm "
            "khoảng 20%.",
        ],
        when=at(2026, 1, 6, 9, 0), category="Du lịch", cat_slug="du-lich",
        author=None, author_how=None, credit="Cổng TTĐT tỉnh Quảng Ninh", credit_how="nguon-end",
        caps=[Cap("Du khách lên tàu tham quan vịnh Bái Tử Long.", "Ảnh: Cổng TTĐT",
                  ("van-don.jpg",), how="split", after=1)],
        notes="'Nguồn: Cổng TTĐT tỉnh Quảng Ninh' closes the text; the photo credit sits in its "
              "own line inside the caption",
    ),
    Story(
        slug="than-ha-lam-dat-ky-luc-san-luong", id="3389455",
        title="Than Hà Lầm vượt kế hoạch sản lượng năm",
        sapo="Công ty khai thác hơn 2,6 triệu tấn than nguyên khai, vượt 8% kế hoạch, thu nhập "
             "bình quân của thợ lò đạt 24 triệu đồng/tháng.",
        paras=[
            "Nhờ đầu tư dàn chống tự hành và máy khấu than, năng suất lao động tăng gần 15% so với "
            "năm trước.",
            "Công ty tiếp tục cải thiện điều kiện làm việc, lắp hệ thống giám sát khí mê-tan tự "
            "động ở tất cả các lò chợ.",
        ],
        when=at(2025, 12, 28, 15, 12), category="Kinh tế", cat_slug="kinh-te",
        author="Hùng Sơn", author_how="end-bold", clock12=True,
        caps=[Cap("Thợ lò Than Hà Lầm trong ca sản xuất.", "Ảnh: Hùng Sơn",
                  ("than-ha-lam.jpg",), after=1)],
        notes="12-hour clock in div.date.font5",
    ),
]

LANGSON_STORIES = [
    Story(
        slug="cua-khau-huu-nghi-thong-quan-xuyen-tet", id="5071654",
        title="Cửa khẩu Hữu Nghị thông quan xuyên Tết",
        seo_title="Cửa khẩu Hữu Nghị làm việc xuyên Tết 2026, xe nông sản không phải chờ",
        sapo="Các lực lượng tại cửa khẩu quốc tế Hữu Nghị làm việc cả những ngày nghỉ Tết để "
             "nông sản xuất khẩu không bị ùn ứ.",
        paras=[
            "Mỗi ngày có khoảng 800 - 1.000 xe hàng làm thủ tục, chủ yếu là sầu riêng, thanh long và "
            "mít từ các tỉnh phía Nam.",
            "Tỉnh mở rộng bãi đỗ xe chờ xuất, bố trí thêm nhà vệ sinh, điểm nghỉ cho lái xe ở khu "
            "vực cửa khẩu.",
        ],
        when=at(2026, 1, 30, 7, 25), category="Kinh tế", cat_slug="kinh-te",
        author="Lương Giang", author_how="tong-hop",
        caps=[Cap("Xe chở nông sản chờ làm thủ tục tại cửa khẩu.", "Ảnh: L.G",
                  ("huu-nghi.jpg",), how="paren", after=1)],
        notes="lead in #content-detail h2; template placeholders left in the static HTML; "
              "'<strong>Lương Giang</strong> (tổng hợp)'",
    ),
    Story(
        slug="don-bien-phong-giup-dan-lam-nha", id="5072210",
        title="Bộ đội Biên phòng giúp dân bản làm nhà trước mùa lạnh",
        sapo="Đồn Biên phòng Chi Ma huy động cán bộ, chiến sĩ giúp 6 hộ nghèo ở xã Yên Khoái dựng "
             "nhà mới trước khi rét đậm.",
        paras=[
            "Mỗi ngôi nhà được hỗ trợ 60 triệu đồng từ chương trình Mái ấm biên cương, người dân "
            "góp thêm gỗ và ngày công.",
            "Sau hơn một tháng, các ngôi nhà đã hoàn thành, có mái tôn chống nóng và nền xi măng.",
        ],
        when=at(2025, 12, 12, 14, 40), category="Xã hội", cat_slug="xa-hoi",
        author=None, author_how=None, credit="Báo Biên phòng", credit_how="theo-end",
        jsonld_author="Báo Biên phòng", jsonld_author_type="Organization",
        notes="reprint: JSON-LD author is the outlet; 'Theo Báo Biên phòng' closes the text",
    ),
]

DONGKHOI_STORIES = [
    Story(
        slug="ben-tre-dua-xiem-vao-mua", id="245812",
        title="Dừa xiêm xanh Mỏ Cày Nam vào mùa xuất khẩu",
        sapo="Giá dừa xiêm xanh tăng lên 150.000 đồng một chục, nhà vườn Mỏ Cày Nam tất bật thu "
             "hoạch giao cho doanh nghiệp xuất khẩu.",
        paras=[
            "Dừa được gọt vỏ, đóng túi hút chân không và chuyển lên container lạnh đi Trung Quốc, "
            "Hàn Quốc.",
            "Nhiều hợp tác xã ký hợp đồng bao tiêu dài hạn, hướng dẫn nông dân trồng dừa hữu cơ "
            "để đáp ứng yêu cầu thị trường.",
        ],
        when=at(2025, 8, 19, 10, 5), category="Kinh tế", cat_slug="kinh-te",
        author="Thảo Nguyên", author_how="tin-anh", jsonld_offset=True,
        caps=[Cap("Nông dân Mỏ Cày Nam thu hoạch và gọt dừa xiêm.", None,
                  ("dua-1.jpg", "dua-2.jpg"), after=1)],
        notes="two photos with one caption; JSON-LD +08:00 against two +07:00 metas; 'Tin, "
              "ảnh: Thảo Nguyên' closes the text",
    ),
    Story(
        slug="cho-lach-hoa-kieng-don-tet", id="246033",
        title="Chợ Lách tất bật vụ hoa kiểng Tết",
        sapo="Các nhà vườn ở Chợ Lách chuẩn bị hơn 3 triệu chậu hoa, cây kiểng phục vụ thị trường "
             "Tết Nguyên đán.",
        paras=[
            "Những loại hoa được ưa chuộng năm nay là cúc mâm xôi, vạn thọ Pháp và các chậu bon-sai "
            "mai vàng nhỏ để bàn.",
            "Nhà vườn đẩy mạnh bán hàng qua mạng xã hội, giao hàng tận nơi cho khách ở TP Hồ Chí "
            "Minh và các tỉnh miền Tây.",
        ],
        when=at(2026, 1, 15, 7, 55), category="Kinh tế", cat_slug="kinh-te",
        author="Hồng Nhung", author_how="data-role",
        caps=[Cap("Nhà vườn chăm sóc mai vàng bon-sai.", "Ảnh: Hồng Nhung",
                  ("mai-bonsai.jpg",), after=1)],
        notes="byline in [data-role=author] beside the date",
    ),
]

BINHDUONG_STORIES = [
    Story(
        slug="thu-dau-mot-mo-rong-duong-ven-song-sai-gon", id="338420",
        title="Mở rộng đường ven sông Sài Gòn qua Thủ Dầu Một",
        generic_title=True,
        sapo="Dự án nâng cấp tuyến đường ven sông dài 5 km được khởi công, dự kiến hoàn thành "
             "trong năm 2027.",
        paras=[
            "Đường được mở rộng lên 30 m, có làn xe đạp, vỉa hè lát đá và công viên dọc bờ sông.",
            "Ban quản lý dự án cho biết sẽ thi công cuốn chiếu để giảm ảnh hưởng đến việc đi lại "
            "của người dân.",
        ],
        when=at(2025, 10, 9, 8, 0), category="Đô thị", cat_slug="do-thi",
        author="Văn Phong", author_how="end-bold",
        caps=[Cap(None, "Ảnh minh họa", ("ven-song.jpg",), how="alone", after=1)],
        notes="generic <title>, og:title and JSON-LD headline; a caption that is only 'Ảnh minh "
              "họa'",
    ),
    Story(
        slug="video-lang-son-mai-tuong-binh-hiep", id="338871", kind="video",
        title="Làng sơn mài Tương Bình Hiệp giữ nghề",
        sapo=None,
        paras=[
            "Làng sơn mài Tương Bình Hiệp hiện còn khoảng 20 cơ sở sản xuất, chủ yếu làm tranh, bình "
            "và hộp sơn mài.",
            "Các nghệ nhân kết hợp kỹ thuật truyền thống với mẫu mã hiện đại để bán cho khách du "
            "lịch và xuất khẩu.",
        ],
        when=at(2025, 11, 21, 17, 10), category="Video", cat_slug="video",
        author="Minh Duy", author_how="end-bold",
        notes="video page with its text under the player",
    ),
]


# ------------------------------------------------------------------------------- Quảng Ninh
def _qn_head(site: Site) -> str:
    return (
        '<div class="header"><div class="header-top"><div class="date-time">'
        f"{weekday(site.today)}, {dmy(site.today)} {hm(site.today)}</div>"
        '<div class="right-links"><a href="/truyen-hinh">QTV</a> <a href="/intro">Giới thiệu</a>'
        '</div></div><div class="logo"><a href="/"><img src="/images/logo-bqn.png" alt="Báo Quảng'
        ' Ninh"></a></div><div class="main-nav"><a href="/Thoi-su">Thời sự</a> <a href="/kinh-te">'
        'Kinh tế</a> <a href="/du-lich">Du lịch</a></div></div>'
    )


def _qn_foot(site: Site) -> str:
    return (
        '<div class="footer"><p>Trung tâm Truyền thông tỉnh Quảng Ninh.</p>'
        f"<p>{site.licence}.</p><p>Địa chỉ: Trung tâm Truyền thông, phường Hồng Gai, Quảng Ninh.</p>"
        "</div>"
    )


def quangninh_article(story: Story, others: list[Story]) -> Page:
    site = QUANGNINH
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{F3}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        if cap.how == "split":
            return (f'<div class="photo"><img src="{src}" alt=""><div class="photo-caption">'
                    f'<p>{esc(cap.text)}</p><p class="photo-author">{esc(cap.credit)}</p></div>'
                    "</div>")
        return (f'<div class="photo"><img src="{src}" alt=""><div class="photo-caption">'
                f"{esc(cap.printed())}</div></div>")

    clock = hm12(story.when) if story.clock12 else hm(story.when)
    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img, date_only=story.clock12)}
</head>
<body>
{_qn_head(site)}
<div class="breadcrumbs"><ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/{story.cat_slug}">{esc(story.category)}</a></li></ol></div>
<div class="content-article"><h1 class="name">{esc(story.title)}</h1>
<div class="date font5">{dmy(story.when)} {clock}</div>
<div class="detail">
<div class="sapo"><b>{sapo_inner(story)}</b></div>
<div id="content-detail">
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
<div class="topics"><span>Chủ đề:</span> {tag_links(story.tags)}</div>
<div class="relates"><div class="relates-title">Tin liên quan</div>{related(stories, fmt="{a} ({date})")}</div></div>
{_qn_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def quangninh_tag(stories: list[Story]) -> Page:
    site = QUANGNINH
    url = f"{site.base}/tag/du-lich-bien-dao"
    path = f"{F3}/{site.id}/tag-du-lich-bien-dao.html"
    rows = "".join(
        f'<div class="item"><a class="name" href="{site.base}/{s.slug}-{s.id}.html">'
        f'{esc(s.title)}</a><div class="date font5">{dmy(s.when)}</div></div>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Du lịch biển đảo - Báo Quảng Ninh</title>
</head><body>
{_qn_head(site)}
<div class="content-article"><h1 class="name">Du lịch biển đảo</h1>{rows}</div>
{_qn_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "tag", [],
                                        "tag page whose h1 uses the article's h1.name class"))


# ------------------------------------------------------------------------------- Lạng Sơn
def _ls_head(site: Site) -> str:
    return (
        '<div id="top"><span class="today">'
        f"{weekday(site.today)}, ngày {dmy(site.today)}</span> <span class=\"views\">Lượt truy cập:"
        " {{ totalVisit }}</span></div><div id=\"logo\"><a href=\"/\"><img src=\"/img/logo-bls.png\""
        ' alt="Báo Lạng Sơn"></a></div><div id="nav"><a href="/kinh-te">Kinh tế</a> <a href="/xa-'
        'hoi">Xã hội</a> <a href="/van-hoa">Văn hóa</a></div>'
    )


def _ls_foot(site: Site) -> str:
    return (
        f'<div id="foot"><p>Báo Lạng Sơn điện tử. {site.licence}.</p><p>Số 50 đường Bà Triệu, '
        "phường Lương Văn Tri, Lạng Sơn.</p></div>"
    )


def langson_article(story: Story, others: list[Story]) -> Page:
    site = LANGSON
    url = f"{site.base}/{story.slug}-{story.id}.html"
    path = f"{F3}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        return (f'<p style="text-align:center"><img src="{src}" alt=""><br><span class="caption">'
                f"{esc(cap.printed())}</span></p>")

    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_ls_head(site)}
<div id="main"><div class="cate"><a href="/{story.cat_slug}">{esc(story.category)}</a></div>
<h1 class="title-detail">{esc(story.title)}</h1>
<div class="info-detail"><span class="time">{hm(story.when)} {dmy(story.when)}</span> <span class="view">{{{{ viewCount }}}} lượt xem</span></div>
<div id="content-detail">
<h2 class="sapo">{sapo_inner(story)}</h2>
{body_with_captions(story, caption)}
{byline_end(story)}
</div>
<div class="comment-wrap" data-template="{{{{#comments}}}}"><h4>Bình luận ({{{{ commentCount }}}})</h4><form><textarea></textarea><button>Gửi</button></form></div>
<div class="other-news"><h4>Tin cùng chuyên mục</h4>{related(stories, fmt="{a} ({date})")}</div></div>
{_ls_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def langson_category(stories: list[Story]) -> Page:
    site = LANGSON
    url = f"{site.base}/kinh-te"
    path = f"{F3}/{site.id}/kinh-te.html"
    rows = "".join(
        f'<li><a href="{site.base}/{s.slug}-{s.id}.html">{esc(s.title)}</a> <span>'
        f"{dmy(s.when)}</span><p>{esc(s.sapo)}</p></li>" for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kinh tế - Báo Lạng Sơn</title></head><body>
{_ls_head(site)}
<div id="main"><h1 class="cate-name">Kinh tế</h1><ul class="list-news">{rows}</ul>
<div class="paging">{{{{ pagination }}}}</div></div>
{_ls_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", [],
                                        "category page with unrendered {{...}} placeholders"))


# ------------------------------------------------------------------------------- Đồng Khởi
def _dk_head(site: Site) -> str:
    return (
        '<div class="header"><div class="top-date">'
        f"{weekday(site.today)}, {dmy(site.today)}</div>"
        '<div class="logo"><a href="https://dongkhoi.baovinhlong.vn/"><img src="/images/logo-dk.'
        'png" alt="Đồng Khởi"></a></div><ul class="menu"><li><a href="/kinh-te">Kinh tế</a></li>'
        '<li><a href="/xa-hoi">Xã hội</a></li></ul></div>'
    )


def _dk_foot(site: Site) -> str:
    return (
        f'<div class="footer">Báo và Phát thanh, Truyền hình Vĩnh Long - {site.licence}. Chuyên '
        "trang Đồng Khởi lưu trữ các bài viết của Báo Đồng Khởi trước khi hợp nhất.</div>"
    )


def dongkhoi_article(story: Story, others: list[Story]) -> Page:
    site = DONGKHOI
    url = f"{site.base}/{story.slug}-a{story.id}.html"
    path = f"{F4A}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        imgs = "".join(f'<img src="{image_url(site, story, n)}" alt="">' for n in cap.images)
        if len(cap.images) > 1:
            return (f'<div class="slider-jsgallery">{imgs}</div>'
                    f'<p class="img-desc" style="text-align:center">{esc(cap.printed())}</p>')
        return f'<p>{imgs}</p><p class="img-desc">{esc(cap.printed())}</p>'

    byline = ""
    if story.author_how == "data-role":
        byline = f' - <span data-role="author" class="author">{esc(story.author)}</span>'
    stories = [(o.title, f"{site.base}/{o.slug}-a{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img, time_metas=2 if story.jsonld_offset else 1)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_dk_head(site)}
<input type="hidden" id="txtnewscate" value="{esc(story.category)}">
<div class="container"><h2 class="catename-h1"><a href="/{story.cat_slug}">{esc(story.category)}</a></h2>
<h1 class="title-news">{esc(story.title)}</h1>
<div class="pubdate fleft">{dmy(story.when)} - {hm(story.when)}{byline}</div>
<div class="col-xs-12 detail-desc"><p>{sapo_inner(story)}</p></div>
<div id="newscontents"><div class="content-fck">
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
<div class="tin-lien-quan"><h3>Tin liên quan</h3>{related(stories, fmt="{a} - {date}")}</div></div>
{_dk_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def dongkhoi_category(stories: list[Story]) -> Page:
    site = DONGKHOI
    url = f"{site.base}/kinh-te"
    path = f"{F4A}/{site.id}/kinh-te.html"
    rows = "".join(
        f'<div class="news-row"><a class="title-news" href="{site.base}/{s.slug}-a{s.id}.html">'
        f'{esc(s.title)}</a><div class="pubdate">{dmy(s.when)} - {hm(s.when)}</div></div>'
        for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kinh tế - Đồng Khởi</title></head><body>
{_dk_head(site)}
<div class="container"><h2 class="catename-h1">Kinh tế</h2>{rows}</div>
{_dk_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", [], "category page"))


# ------------------------------------------------------------------------------- Bình Dương
def _bd_head(site: Site) -> str:
    return (
        '<header><div class="bar-top"><span class="bar-top__date">'
        f"{weekday(site.today)}, {dmy(site.today)}</span></div><div class=\"bar-main\"><a href=\"/\">"
        '<img src="/img/logo-bbd.png" alt="Báo Bình Dương"></a><nav><a href="/do-thi">Đô thị</a>'
        '<a href="/video">Video</a><a href="/kinh-te">Kinh tế</a></nav></div></header>'
    )


def _bd_foot(site: Site) -> str:
    return (
        f'<footer><div class="footer-info">Báo Bình Dương điện tử. {site.licence}.</div>'
        '<div class="footer-addr">Số 1 Lê Lợi, phường Thủ Dầu Một.</div></footer>'
    )


def binhduong_article(story: Story, others: list[Story]) -> Page:
    site = BINHDUONG
    url = f"{site.base}/{story.slug}-a{story.id}.html"
    path = f"{F4B}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        return (f'<figure><img src="{image_url(site, story, cap.images[0])}" alt="">'
                f"<figcaption>{esc(cap.printed())}</figcaption></figure>")

    player = ""
    if story.kind == "video":
        player = ('<div class="video-box"><iframe src="https://www.youtube.com/embed/bbdvid338871" '
                  'allowfullscreen></iframe></div>')
    sapo = f'<p class="sapo">{sapo_inner(story)}</p>' if story.sapo else ""
    stories = [(o.title, f"{site.base}/{o.slug}-a{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_bd_head(site)}
<div id="contentNews"><div class="breadcrumb-news-detail"><a href="/">Trang chủ</a> &gt; <a href="/{story.cat_slug}">{esc(story.category)}</a></div>
<h1 class="title">{esc(story.title)}</h1>
<p class="time-post">Cập nhật lúc {hm(story.when)} ngày {dmy(story.when)}</p>
{player}
{sapo}
<div class="singular-content">
{body_with_captions(story, caption)}
{byline_end(story)}
</div>
<div class="box-related"><h3>Tin cùng chuyên mục</h3>{related(stories, fmt="{a} ({date})")}</div></div>
{_bd_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def binhduong_search(stories: list[Story]) -> Page:
    site = BINHDUONG
    url = f"{site.base}/tim-kiem?keyword=s%C6%A1n+m%C3%A0i"
    path = f"{F4B}/{site.id}/tim-kiem-son-mai.html"
    rows = "".join(
        f'<div class="result-item"><a href="{site.base}/{s.slug}-a{s.id}.html">{esc(s.title)}</a>'
        f'<p>{esc(s.sapo or s.paras[0])}</p></div>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm - Báo Bình Dương</title></head><body>
{_bd_head(site)}
<div id="contentNews"><h1 class="title">Tìm kiếm: sơn mài</h1>{rows}</div>
{_bd_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "search", [],
                                        "search page inside #contentNews with an h1.title"))


def pages() -> list[Page]:
    out: list[Page] = []
    for group, render in ((QUANGNINH_STORIES, quangninh_article),
                          (LANGSON_STORIES, langson_article),
                          (DONGKHOI_STORIES, dongkhoi_article),
                          (BINHDUONG_STORIES, binhduong_article)):
        for s in group:
            out.append(render(s, [o for o in group if o is not s]))
    out += [quangninh_tag(QUANGNINH_STORIES), langson_category(LANGSON_STORIES),
            dongkhoi_category(DONGKHOI_STORIES), binhduong_search(BINHDUONG_STORIES)]
    return out
