"""Family 4, the two "-a<id>.html" families (dev).

4a, #newscontents .content-fck: Báo Cần Thơ (RE015, RE016, RE017: articles at the root as
/<slug>-a<id>.html, <base href> pointing at the template folder, the first h1 in #colcate1 is the
category crumb and the headline is h1.fw700, the lead is the first paragraph of .content-fck
prefixed '(CTO) -' with the same text in the description metas, span.pubdate 'dd/mm/yyyy - HH:MM',
JSON-LD datePublished date-only, images under /image/news/YYYY/YYYYMMDD/) and Báo An Giang
(RE001, RE002: #newscontents, .content-fck-font-size, .pubdate.fleft).

4b, #contentNews .singular-content: Báo Đồng Tháp (RE031: h1.title, div.breadcrumb-news-detail;
RE088 for the sapo as h4.sapo in the same CMS).
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
    jsonld,
    related,
    sapo_inner,
    truth_article,
    truth_other,
    weekday,
)

FAMILY_A = "f4a-newscontents"
FAMILY_B = "f4b-contentnews"

CANTHO = Site(
    id="baocantho", name="Báo Cần Thơ", host="baocantho.com.vn", family=FAMILY_A,
    evidence=[
        ev("RE015", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "tmp_baocantho_article.html", "2026-01-23"),
        ev("RE016", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baocantho_config)", "2026-01-23"),
    ],
    today=at(2026, 1, 26, 5, 30),
    licence="Giấy phép số 245/GP-BTTTT cấp ngày 10/5/2023",
)
ANGIANG = Site(
    id="baoangiang", name="Báo An Giang", host="baoangiang.com.vn", family=FAMILY_A,
    evidence=[
        ev("RE001", "hailoc12/docbao@3af23da8554d589c7dbf18da2de1ddf7cced865b:resources/configs/"
           "newspaper/bao_an_giang_full_content.yaml", "2020-08-29"),
        ev("RE002", "nhantranduynhan11-del/Cross-Lingual-Medical-Retrieval@d99db375a2783506547a7"
           "1f5fd14d4372c6a9cdc:crawl.py (SITE_RULES)", "~2026-10"),
    ],
    today=at(2026, 1, 25, 14, 0),
    licence="Giấy phép số 71/GP-BVHTTDL cấp ngày 26/9/2025",
)
DONGTHAP = Site(
    id="baodongthap", name="Báo Đồng Tháp", host="baodongthap.vn", family=FAMILY_B,
    evidence=[
        ev("RE031", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baodongthap_config)", "2026-01-23"),
        ev("RE088", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baotayninh_config)", "2026-01-23"),
    ],
    today=at(2026, 1, 21, 8, 20),
    licence="Giấy phép số 19/GP-BVHTTDL cấp ngày 15/8/2025",
)


def _img(site: Site, story: Story, name: str) -> str:
    return f"{site.base}/image/news/{story.when:%Y}/{story.when:%Y%m%d}/{name}"


CANTHO_STORIES = [
    Story(
        slug="thoi-lai-xuong-giong-lua-dong-xuan", id="197412",
        title="Thới Lai xuống giống lúa đông xuân sớm, né mặn",
        sapo="Nông dân huyện Thới Lai đã xuống giống hơn 70% diện tích lúa đông xuân, sớm hơn "
             "lịch thời vụ khoảng 10 ngày để tránh hạn mặn cuối vụ.",
        lead_tag="(CTO) -",
        paras=[
            "Ngành nông nghiệp khuyến cáo bà con dùng giống lúa chất lượng cao như OM 18, Đài Thơm "
            "8 và gieo sạ theo từng cánh đồng để dễ quản lý dịch hại.",
            "Ông Nguyễn Văn Bé Tư ở xã Trường Thắng cho biết năm nay gia đình chuyển sang sạ cụm, "
            "giảm gần một nửa lượng giống và phân bón so với trước.",
            "Các trạm bơm điện được vận hành sớm, nạo vét kênh nội đồng để bảo đảm đủ nước tưới đến "
            "cuối vụ.",
        ],
        when=at(2025, 11, 24, 18, 21), category="Nông nghiệp", cat_slug="nong-nghiep",
        author="Khánh Trung", credit="CTO", credit_how="lead-tag",
        caps=[Cap("Nông dân xã Trường Thắng chuẩn bị xuống giống.", "Ảnh: Khánh Trung",
                  ("xuong-giong.jpg",), after=1)],
        notes="the lead is the first paragraph of .content-fck, opening with '(CTO) -' in bold; "
              "the first h1 of #colcate1 is the category crumb",
    ),
    Story(
        slug="chinh-trang-ben-ninh-kieu-don-tet", id="198035",
        title="Chỉnh trang bến Ninh Kiều đón Tết",
        sapo="Thành phố chi hơn 15 tỷ đồng sửa lại kè, lát đá và thay hệ thống chiếu sáng dọc bến "
             "Ninh Kiều trước Tết Nguyên đán.",
        lead_tag="(CTO) -",
        paras=[
            "Đoạn kè dài 400 m từ tượng đài Bác Hồ đến cầu đi bộ được lát lại bằng đá granite, bổ "
            "sung ghế ngồi và thùng rác phân loại.",
            "Hệ thống đèn trang trí mới dùng đèn LED tiết kiệm điện, thay đổi màu theo từng dịp lễ.",
            "Ban Quản lý bến cũng sắp xếp lại khu vực đón khách đi tàu tham quan chợ nổi Cái Răng, "
            "niêm yết giá vé công khai.",
        ],
        when=at(2026, 1, 8, 18, 21), category="Đô thị", cat_slug="do-thi",
        author="Duy Khôi", credit="CTO", credit_how="lead-tag",
        caps=[Cap("Công nhân lát đá và lắp đèn dọc bến Ninh Kiều.", "Ảnh: Duy Khôi",
                  ("ninh-kieu-1.jpg", "ninh-kieu-2.jpg"), after=2)],
        notes="two photos side by side with one caption paragraph under them",
    ),
    Story(
        slug="le-hoi-ooc-om-boc-vinh-chau", id="198120",
        title="Rộn ràng lễ hội Oóc Om Bóc ở Vĩnh Châu",
        sapo="Lễ hội cúng trăng của đồng bào Khmer năm nay có 48 đội ghe ngo tham gia, thu hút hàng "
             "chục nghìn người đến cổ vũ.",
        paras=[
            "Từ chiều, các ngả đường dẫn vào khu vực sông Maspero đã kín người. Các đội ghe ngo tập "
            "dượt lần cuối trong tiếng trống, tiếng reo hò.",
            "Buổi tối, bà con tập trung ở sân chùa làm lễ cúng trăng, đút cốm dẹp cho trẻ em và thả "
            "đèn gió cầu may.",
            "Đây là lần đầu lễ hội được tổ chức sau khi tỉnh Sóc Trăng hợp nhất với thành phố Cần "
            "Thơ, thu hút đông du khách từ các địa phương lân cận.",
        ],
        when=at(2025, 11, 5, 21, 2), category="Văn hóa", cat_slug="van-hoa",
        author=None, author_how=None, credit="Báo Sóc Trăng", credit_how="theo-end",
        notes="reprint from the former Sóc Trăng paper: 'Theo Báo Sóc Trăng' closes the text",
    ),
]

ANGIANG_STORIES = [
    Story(
        slug="tan-chau-mua-nuoc-noi", id="452207",
        title="Tân Châu vào mùa nước nổi",
        sapo="Nước đầu nguồn sông Tiền dâng cao, người dân Tân Châu lại bắt đầu mùa giăng lưới, "
             "đặt dớn bắt cá linh.",
        paras=[
            "Cá linh năm nay về muộn và ít hơn những năm trước, giá bán ở chợ Long Sơn lên tới "
            "120.000 đồng/kg.",
            "Nhiều hộ trồng thêm điên điển, súng, bông sen trên đất ruộng ngập nước để bán cho các "
            "nhà hàng ở Châu Đốc và Long Xuyên.",
            "Chính quyền địa phương nhắc bà con không dùng lưới có mắt quá nhỏ và xung điện để giữ "
            "nguồn lợi thủy sản cho mùa sau.",
        ],
        when=at(2025, 9, 15, 7, 5), category="Xã hội", cat_slug="xa-hoi",
        author="Hạnh Châu", author_how="tin-anh",
        caps=[Cap("Người dân giăng lưới bắt cá linh trên cánh đồng ngập nước.", "Ảnh: H.C",
                  ("ca-linh.jpg",), how="paren", after=1)],
        notes="'Tin, ảnh: Hạnh Châu' closes the text; the photo credit sits in brackets",
    ),
    Story(
        slug="phu-quoc-don-chuyen-tau-khach-quoc-te", id="452590",
        title="Phú Quốc đón chuyến tàu biển chở hơn 2.000 khách quốc tế",
        sapo="Sáng 3/1, cảng An Thới đón tàu du lịch biển quốc tế với hơn 2.000 khách, mở đầu mùa "
             "khách tàu biển năm 2026.",
        paras=[
            "Du khách chủ yếu đến từ châu Âu và Úc, lưu lại đảo một ngày để tham quan làng chài Hàm "
            "Ninh, nhà tù Phú Quốc và các bãi biển phía nam.",
            "Ngành du lịch bố trí hơn 60 xe điện và hướng dẫn viên nói tiếng Anh, tiếng Đức để phục "
            "vụ đoàn.",
            "Theo kế hoạch, mùa khách năm nay đảo đón khoảng 40 chuyến tàu biển quốc tế, gấp đôi năm "
            "trước.",
        ],
        when=at(2026, 1, 3, 10, 40), category="Du lịch", cat_slug="du-lich",
        author=None, author_how=None, credit="Báo Kiên Giang", credit_how="nguon-end",
        jsonld_offset=True,
        caps=[Cap("Tàu du lịch quốc tế cập cảng An Thới.", "Ảnh: T.L",
                  ("tau-an-thoi.jpg",), after=1)],
        notes="JSON-LD time carries +08:00 against two +07:00 metas and the visible time; "
              "'Nguồn: Báo Kiên Giang' closes the text",
    ),
    Story(
        slug="video-det-tho-cam-van-giao", id="452733", kind="video",
        title="Giữ nghề dệt thổ cẩm ở Văn Giáo",
        sapo=None,
        paras=[
            "Làng dệt Văn Giáo của đồng bào Khmer dưới chân núi Cấm hiện còn khoảng 30 hộ giữ nghề, "
            "phần lớn là phụ nữ lớn tuổi.",
            "Khăn rằn, xà rông dệt tay ở đây có hoa văn riêng, mỗi tấm mất từ ba đến năm ngày mới "
            "hoàn thành.",
            "Hợp tác xã thổ cẩm đang liên kết với các điểm du lịch Tri Tôn, Tịnh Biên để du khách có "
            "thể xem và thử dệt ngay tại khung cửi.",
        ],
        when=at(2025, 12, 18, 16, 0), category="Video", cat_slug="video",
        author="Thanh Tiến", author_how="end-bold",
        notes="video page whose text sits under the player",
    ),
]

DONGTHAP_STORIES = [
    Story(
        slug="lang-hoa-sa-dec-tat-bat-vao-vu-tet", id="186045",
        title="Làng hoa Sa Đéc tất bật vào vụ Tết",
        generic_title=True,
        sapo="Hơn 2 triệu chậu hoa kiểng các loại đang được chăm sóc để kịp xuất bán dịp Tết "
             "Nguyên đán.",
        paras=[
            "Dọc đường Nguyễn Sinh Sắc, các nhà vườn đang tỉa lá, bấm ngọn cúc mâm xôi, vạn thọ để "
            "hoa nở đúng dịp.",
            "Bà Trần Thị Út, chủ vườn hoa ở phường Tân Quy Đông, cho biết thương lái từ TP Hồ Chí Minh "
            "đã đặt cọc gần hết số hoa của gia đình.",
            "Năm nay nhiều vườn mở cửa đón khách tham quan, chụp ảnh, thu phí 20.000 đồng mỗi lượt.",
        ],
        when=at(2026, 1, 10, 6, 45), category="Kinh tế", cat_slug="kinh-te",
        author="Lê Mai", author_how="end-bold",
        caps=[Cap("Nhà vườn chăm sóc cúc mâm xôi chuẩn bị cho Tết.", "Ảnh: Lê Mai",
                  ("hoa-1.jpg", "hoa-2.jpg"), after=1)],
        notes="<title> and og:title are the paper's name only; two photos share one caption",
    ),
    Story(
        slug="ho-tro-nong-dan-ban-hang-tren-san-thuong-mai-dien-tu", id="186210",
        title="Hỗ trợ nông dân bán hàng trên sàn thương mại điện tử",
        sapo="Bộ Công Thương phối hợp với các địa phương tổ chức lớp tập huấn kỹ năng livestream, "
             "đóng gói và giao hàng cho hợp tác xã.",
        lead_tag="(Chinhphu.vn) -",
        paras=[
            "Các lớp học tập trung vào cách chụp ảnh sản phẩm, viết mô tả và trả lời khách hàng trực "
            "tuyến.",
            "Nhiều hợp tác xã xoài, sen, khô cá đã mở gian hàng và nhận đơn từ các tỉnh phía Bắc "
            "ngay sau khóa học.",
        ],
        when=at(2025, 10, 22, 9, 30), category="Thời sự", cat_slug="thoi-su",
        author=None, author_how=None, credit="Chinhphu.vn", credit_how="lead-tag+theo-end",
        notes="reprint: '(Chinhphu.vn) -' opens the lead and 'Theo Chinhphu.vn' closes the text",
    ),
    Story(
        slug="sen-thap-muoi-vao-mua", id="186377",
        title="Sen Tháp Mười vào mùa, nông dân thu lãi khá",
        sapo="Hơn 1.500 ha sen ở Tháp Mười đang cho thu hoạch gương, ngó và hoa, mang lại lãi từ 60 "
             "đến 80 triệu đồng mỗi héc-ta.",
        paras=[
            "Sen được trồng luân canh với lúa, giúp cắt đứt mầm bệnh và giảm chi phí phân bón cho vụ "
            "lúa sau.",
            "Các cơ sở chế biến trong huyện làm trà tim sen, hạt sen sấy, bột ngó sen, nhiều sản "
            "phẩm đạt chứng nhận OCOP 4 sao.",
        ],
        when=at(2025, 7, 9, 14, 15), category="Kinh tế", cat_slug="kinh-te",
        author="Hữu Nghĩa", author_how="end-bold", clock12=True,
        caps=[Cap("Nông dân Tháp Mười thu hoạch gương sen.", "Ảnh: Hữu Nghĩa",
                  ("sen.jpg",), after=1)],
        notes="the date line uses a 12-hour clock ('02:15 PM')",
    ),
]


# ------------------------------------------------------------------------------- Cần Thơ
def _cantho_top(site: Site) -> str:
    return (
        '<div id="topbar"><div class="container"><span class="fleft">'
        f'{weekday(site.today)}, {dmy(site.today)}</span><span class="fright">'
        '<a href="https://baocantho.com.vn/khmer/">ខ្មែរ</a> | <a href="https://baocantho.com.vn/'
        'xem-bao/">Xem báo in</a></span></div></div>'
        '<div id="header"><a href="https://baocantho.com.vn/"><img src="logo.png" alt="Báo Cần '
        'Thơ"></a></div><div id="menu"><ul class="nav"><li><a href="https://baocantho.com.vn/'
        'thoi-su/">Thời sự</a></li><li><a href="https://baocantho.com.vn/nong-nghiep/">Nông '
        'nghiệp</a></li><li><a href="https://baocantho.com.vn/do-thi/">Đô thị</a></li><li><a '
        'href="https://baocantho.com.vn/van-hoa/">Văn hóa</a></li></ul></div>'
    )


def _cantho_foot(site: Site) -> str:
    return (
        '<div id="footer"><div class="container"><p class="fw700">BÁO CẦN THƠ</p>'
        f"<p>{site.licence}.</p><p>Địa chỉ: 3 Phan Đình Phùng, phường Ninh Kiều, TP Cần Thơ.</p>"
        "</div></div>"
    )


def cantho_article(story: Story, others: list[Story]) -> Page:
    site = CANTHO
    url = f"{site.base}/{story.slug}-a{story.id}.html"
    path = f"{FAMILY_A}/{site.id}/{story.slug}.html"
    img = _img(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        srcs = "".join(
            f'<img src="/image/news/{story.when:%Y}/{story.when:%Y%m%d}/{n}" alt="" '
            'style="width:49%">' for n in cap.images)
        if len(cap.images) > 1:
            return (f'<p style="text-align:center">{srcs}</p>'
                    f'<p style="text-align:center"><em>{esc(cap.printed())}</em></p>')
        return (f'<table class="image center"><tr><td>{srcs}</td></tr>'
                f'<tr><td class="image_desc">{esc(cap.printed())}</td></tr></table>')

    desc = f"{story.lead_tag} {story.sapo}" if story.lead_tag else story.sapo
    head = head_meta(site, story, url, image=img).replace(
        f'content="{esc(story.sapo)}"', f'content="{esc(desc)}"')
    stories = [(o.title, f"{site.base}/{o.slug}-a{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<base href="https://baocantho.com.vn/static/templates/version1/homepage/">
{head}
{jsonld(site, story, url, image=img, date_only=True)}
<link rel="stylesheet" href="css/style.css">
</head>
<body>
{_cantho_top(site)}
<div class="container"><div id="colcate1">
<h1 class="title-cate"><a href="https://baocantho.com.vn/{story.cat_slug}/">{esc(story.category)}</a></h1>
<h1 class="margintopbot10 fw700">{esc(story.title)}</h1>
<div class="detail-info"><span class="pubdate fleft">{dmy(story.when)} - {hm(story.when)}</span>
<span class="fright"><a href="https://baocantho.com.vn/print/{story.slug}-a{story.id}.html">In bài</a></span></div>
<div id="newscontents"><div class="content-fck">
<p><strong>{sapo_inner(story, tag_html="{tag}</strong> <strong>")}</strong></p>
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
<div class="tinlienquan"><div class="title">Tin liên quan</div>{related(stories, fmt="{a} <span>({date})</span>")}</div>
</div><div id="colcate2"><div class="box-xemnhieu"><div class="title">Xem nhiều</div>{related(stories, fmt="{a}")}</div></div></div>
{_cantho_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path,
                                          img_url=lambda n: _img(site, story, n)))


def cantho_category(stories: list[Story]) -> Page:
    site = CANTHO
    url = f"{site.base}/nong-nghiep/"
    path = f"{FAMILY_A}/{site.id}/nong-nghiep.html"
    rows = "".join(
        f'<div class="news-item"><a class="title fw700" href="{site.base}/{s.slug}-a{s.id}.html">'
        f'{esc(s.title)}</a><span class="pubdate">{dmy(s.when)} - {hm(s.when)}</span>'
        f'<p>{esc(s.sapo or "")}</p></div>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<base href="https://baocantho.com.vn/static/templates/version1/homepage/">
<title>Nông nghiệp - Báo Cần Thơ</title><meta property="og:type" content="website"></head><body>
{_cantho_top(site)}
<div class="container"><div id="colcate1"><h1 class="title-cate">Nông nghiệp</h1>
{rows}<div class="paging"><a href="https://baocantho.com.vn/nong-nghiep/?page=2">Trang sau</a></div></div></div>
{_cantho_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", [],
                                        "category page (the evidence saved one); <base href> "
                                        "points at the template folder"))


# ------------------------------------------------------------------------------- An Giang
def _angiang_top(site: Site) -> str:
    return (
        '<div class="header"><div class="header-date">'
        f"Hôm nay: {weekday(site.today)}, {dmy(site.today)}</div>"
        '<div class="banner-top"><img src="/images/banner-agp.jpg" alt="An Giang Online"></div>'
        '<ul class="menu-main"><li><a href="/">Trang chủ</a></li><li><a href="/xa-hoi">Xã hội</a>'
        '</li><li><a href="/du-lich">Du lịch</a></li><li><a href="/video">Video</a></li></ul></div>'
    )


def _angiang_foot(site: Site) -> str:
    return (
        f'<div class="footer"><p>Báo An Giang điện tử (An Giang Online). {site.licence}.</p>'
        "<p>Tòa soạn: 12 Lê Triệu Kiết, phường Long Xuyên, An Giang.</p></div>"
    )


def angiang_article(story: Story, others: list[Story]) -> Page:
    site = ANGIANG
    url = f"{site.base}/{story.slug}-a{story.id}.html"
    path = f"{FAMILY_A}/{site.id}/{story.slug}.html"
    img = _img(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = _img(site, story, cap.images[0])
        return (f'<div class="img-box"><img src="{src}" alt=""><p class="img-caption">'
                f"{esc(cap.printed())}</p></div>")

    player = ""
    if story.kind == "video":
        player = ('<div class="video-player"><iframe src="https://www.youtube.com/embed/'
                  'agvideo452733" width="640" height="360" allowfullscreen></iframe></div>')
    sapo = f'<div class="detail-desc">{sapo_inner(story)}</div>' if story.sapo else ""
    stories = [(o.title, f"{site.base}/{o.slug}-a{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img, time_metas=2 if story.jsonld_offset else 1)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_angiang_top(site)}
<div class="main-content"><div class="col-left">
<h2 class="catename-h1"><a href="/{story.cat_slug}">{esc(story.category)}</a></h2>
<h1 class="title-detail">{esc(story.title)}</h1>
<div class="pubdate fleft">{dmy(story.when)} - {hm(story.when)}</div>
{player}
{sapo}
<div id="newscontents"><div class="content-fck content-fck-font-size">
{body_with_captions(story, caption)}
{byline_end(story)}
</div></div>
<div class="share-social"><a href="#">Thích</a> <a href="#">Chia sẻ</a></div>
<div class="tin-khac"><div class="tin-khac-title">Tin khác</div>{related(stories, fmt="{a} ({date} {time})")}</div>
</div></div>
{_angiang_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path,
                                          img_url=lambda n: _img(site, story, n)))


def angiang_home(stories: list[Story]) -> Page:
    site = ANGIANG
    url = f"{site.base}/"
    path = f"{FAMILY_A}/{site.id}/home.html"
    top = stories[0]
    items = "".join(
        f'<li><a href="{site.base}/{s.slug}-a{s.id}.html">{esc(s.title)}</a> '
        f'<span class="pubdate">{dmy(s.when)}</span></li>' for s in stories[1:])
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo An Giang điện tử</title>
<meta property="og:type" content="website"></head><body>
{_angiang_top(site)}
<div class="main-content"><div class="hot-news"><h2><a href="{site.base}/{top.slug}-a{top.id}.html">{esc(top.title)}</a></h2>
<div class="detail-desc">{esc(top.sapo)}</div></div>
<div class="list-news"><ul>{items}</ul></div>
<div class="box-video"><h3>Video</h3><a href="{site.base}/video">Xem tất cả video</a></div></div>
{_angiang_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "home", [], "home page"))


# ------------------------------------------------------------------------------- Đồng Tháp
def _dongthap_top(site: Site) -> str:
    return (
        '<header class="site-header"><div class="header-top"><div class="container">'
        f'<span class="date-time">{weekday(site.today)}, {dmy(site.today)}</span> '
        '<a href="/en/">English</a></div></div><div class="header-main container">'
        '<a class="logo" href="/"><img src="/assets/images/logo-bdt.svg" alt="Báo Đồng Tháp"></a>'
        "</div><nav class=\"main-nav\"><ul><li><a href=\"/thoi-su\">Thời sự</a></li><li><a "
        'href="/kinh-te">Kinh tế</a></li><li><a href="/van-hoa-xa-hoi">Văn hóa - Xã hội</a></li>'
        "</ul></nav></header>"
    )


def _dongthap_foot(site: Site) -> str:
    return (
        '<footer class="site-footer"><div class="container"><div class="footer-about">'
        f"<p>Báo và Phát thanh, Truyền hình Đồng Tháp</p><p>{site.licence}</p>"
        "<p>Địa chỉ: số 12, đường 30/4, phường Cao Lãnh, tỉnh Đồng Tháp</p></div></div></footer>"
    )


def dongthap_article(story: Story, others: list[Story]) -> Page:
    site = DONGTHAP
    url = f"{site.base}/{story.slug}-a{story.id}.html"
    path = f"{FAMILY_B}/{site.id}/{story.slug}.html"
    img = _img(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        if len(cap.images) > 1:
            imgs = "".join(f'<div class="col-6"><img src="{_img(site, story, n)}" alt=""></div>'
                           for n in cap.images)
            return (f'<div class="row album-inline">{imgs}</div>'
                    f'<p class="text-center"><i>{esc(cap.printed())}</i></p>')
        return (f'<figure class="image"><img src="{_img(site, story, cap.images[0])}" alt="">'
                f"<figcaption>{esc(cap.printed())}</figcaption></figure>")

    clock = hm12(story.when) if story.clock12 else hm(story.when)
    stories = [(o.title, f"{site.base}/{o.slug}-a{o.id}.html", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img)}
{jsonld(site, story, url, image=img, date_only=story.clock12, author=False)}
</head>
<body>
{_dongthap_top(site)}
<main class="container"><div id="contentNews">
<div class="block-header-news-detail"><div class="breadcrumb-news-detail"><a href="/">Trang chủ</a> / <a href="/{story.cat_slug}">{esc(story.category)}</a></div>
<div class="date-news-detail">{weekday(story.when)}, {dmy(story.when)} | {clock}</div></div>
<h1 class="title">{esc(story.title)}</h1>
<h4 class="sapo">{sapo_inner(story, tag_html="<b>{tag}</b> ")}</h4>
<div class="singular-content">
{body_with_captions(story, caption)}
{byline_end(story)}
</div>
<div class="tool-share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">In</a></div>
<div class="news-same-category"><h3 class="title-box">Tin cùng chuyên mục</h3>{related(stories, fmt="{a} <small>{time} {date}</small>")}</div>
</div></main>
{_dongthap_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path,
                                          img_url=lambda n: _img(site, story, n)))


def dongthap_search(stories: list[Story]) -> Page:
    site = DONGTHAP
    url = f"{site.base}/tim-kiem?q=sen"
    path = f"{FAMILY_B}/{site.id}/tim-kiem-sen.html"
    rows = "".join(
        f'<div class="result"><h3><a href="{site.base}/{s.slug}-a{s.id}.html">{esc(s.title)}</a>'
        f'</h3><p>{esc(s.sapo or "")}</p><span>{dmy(s.when)}</span></div>' for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm "sen" - Báo Đồng Tháp</title>
</head><body>
{_dongthap_top(site)}
<main class="container"><div class="search-page"><form action="/tim-kiem"><input name="q" value="sen"><button>Tìm</button></form>
<p class="search-count">Có {len(stories)} kết quả phù hợp</p>{rows}</div></main>
{_dongthap_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "search", [], "search page"))


def pages() -> list[Page]:
    out: list[Page] = []
    for i, s in enumerate(CANTHO_STORIES):
        out.append(cantho_article(s, [o for j, o in enumerate(CANTHO_STORIES) if j != i]))
    out.append(cantho_category(CANTHO_STORIES))
    for i, s in enumerate(ANGIANG_STORIES):
        out.append(angiang_article(s, [o for j, o in enumerate(ANGIANG_STORIES) if j != i]))
    out.append(angiang_home(ANGIANG_STORIES))
    for i, s in enumerate(DONGTHAP_STORIES):
        out.append(dongthap_article(s, [o for j, o in enumerate(DONGTHAP_STORIES) if j != i]))
    out.append(dongthap_search(DONGTHAP_STORIES))
    return out
