"""Family 6, "#dcontent" (dev): Báo Thanh Hóa.

Evidence: /<slug>-<id>.htm (RE094), lead div.article__sapo (RE094, RE096), body div#dcontent
(RE095, RE096) with p.pBody paragraphs and p.pAuthor (RE093, the 2019 markup of the same paper),
.box-content and .content-list related blocks to drop (RE096), radio/TV and e-magazine sections
after the merger (RE094: /short-video, /emagazine denied).
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
    truth_article,
    truth_other,
    weekday,
)

FAMILY = "f6-dcontent"

THANHHOA = Site(
    id="baothanhhoa", name="Báo Thanh Hóa", host="baothanhhoa.vn", family=FAMILY,
    evidence=[
        ev("RE094", "tammuoichanhoa/crawl_lastest_news@45452073bb9be724c5588a4896dc11fe8cab920d:"
           "config.py (_baothanhhoa_config)", "2026-01-23"),
        ev("RE096", "PromptSmithX/vibiomir-rag@901ceb261cbe3bd1e556f9f2d3ecb6767aada9e1:crawler/"
           "extractors/domains/baothanhhoa_vn.py", "~2026-10"),
        ev("RE093", "hailoc12/docbao@3af23da8554d589c7dbf18da2de1ddf7cced865b:resources/configs/"
           "newspaper/thanh_hoa_full_content.yaml", "2020-08-29"),
    ],
    today=at(2026, 1, 29, 7, 15),
    licence="Giấy phép xuất bản số 18/GP-BVHTTDL cấp ngày 14/8/2025",
)

STORIES = [
    Story(
        slug="mia-duong-lam-son-vao-vu-ep", id="265874",
        title="Nhà máy đường Lam Sơn vào vụ ép 2025 - 2026",
        sapo="Vụ ép năm nay, nhà máy dự kiến thu mua khoảng 900.000 tấn mía nguyên liệu với giá "
             "ổn định 1,2 triệu đồng/tấn.",
        paras=[
            "Từ đầu tháng 12, hàng trăm xe tải chở mía từ Thọ Xuân, Ngọc Lặc, Cẩm Thủy đã xếp hàng "
            "chờ vào cân tại nhà máy.",
            "Công ty ứng trước phân bón, giống và cơ giới hóa khâu làm đất cho các hộ ký hợp đồng "
            "trồng mía, thanh toán sau khi bán mía.",
            "Nhiều hộ nông dân ở xã Xuân Phú đã dồn điền, thuê máy thu hoạch, giảm được một nửa chi "
            "phí nhân công so với chặt tay.",
        ],
        when=at(2025, 12, 4, 9, 20), category="Kinh tế", cat_slug="kinh-te",
        author="Lê Hợi", author_how="data-role",
        caps=[Cap("Xe chở mía xếp hàng vào nhà máy.", "Ảnh: Lê Hợi",
                  ("mia-lam-son.jpg",), how="paren", after=1)],
        notes="byline in the header's [data-role=author]",
    ),
    Story(
        slug="canh-giac-chieu-lua-cai-ung-dung-gia", id="266102",
        title="Cảnh giác chiêu lừa cài ứng dụng giả danh cơ quan thuế",
        sapo="Nhiều người dân nhận cuộc gọi tự xưng cán bộ thuế, yêu cầu cài ứng dụng để cập nhật "
             "thông tin, rồi bị chiếm đoạt tiền trong tài khoản.",
        lead_tag="(VTC News) -",
        paras=[
            "Kẻ gian gửi đường link qua Zalo, hướng dẫn nạn nhân cài ứng dụng có giao diện giống "
            "ứng dụng thuế điện tử.",
            "Sau khi được cấp quyền điều khiển điện thoại, chúng đọc mã OTP và chuyển hết tiền "
            "trong tài khoản ngân hàng của nạn nhân.",
            "Cơ quan công an khuyến cáo người dân chỉ cài ứng dụng từ kho chính thức, không cung "
            "cấp mã OTP cho bất kỳ ai.",
        ],
        when=at(2025, 10, 28, 13, 5), category="Pháp luật", cat_slug="phap-luat",
        author=None, author_how=None, credit="VTC News", credit_how="lead-tag+detail-source",
        notes="reprint: '(VTC News) -' in bold before the lead and a .detail-source 'Theo VTC "
              "News' after the body",
    ),
    Story(
        slug="pu-luong-don-khach-mua-lua-chin", id="266390",
        title="Pù Luông đón khách mùa lúa chín",
        sapo="Những thửa ruộng bậc thang ở Pù Luông vào mùa lúa chín, các homestay kín phòng vào "
             "cuối tuần.",
        paras=[
            "Từ giữa tháng 9, các bản Đôn, Kho Mường, Hiêu đông khách đến chụp ảnh, đi bộ xuyên "
            "rừng và tắm suối.",
            "Người dân địa phương làm hướng dẫn viên, nấu các món xôi nếp nương, cá suối nướng phục "
            "vụ khách.",
            "Khu bảo tồn thiên nhiên nhắc du khách không xả rác, không đốt lửa trại trong rừng.",
        ],
        when=at(2025, 9, 22, 17, 40), category="Du lịch", cat_slug="du-lich",
        author="Hoàng Đông", author_how="end-bold", jsonld_offset=True,
        caps=[Cap("Ruộng bậc thang bản Đôn mùa lúa chín.", "Ảnh: Hoàng Đông",
                  ("pu-luong.jpg",), after=1)],
        notes="JSON-LD +08:00 against the visible time and two +07:00 metas",
    ),
]


def _top(site: Site) -> str:
    return (
        '<div class="header"><div class="header__top">'
        f'<span class="header__date">{weekday(site.today)}, {dmy(site.today)}</span>'
        '<span class="header__hotline">Đường dây nóng: 0237 3852 123</span></div>'
        '<div class="header__logo"><a href="/"><img src="/images/logo-btho.png" alt="Báo Thanh '
        'Hóa"></a></div><ul class="header__menu"><li><a href="/thoi-su">Thời sự</a></li><li><a '
        'href="/kinh-te">Kinh tế</a></li><li><a href="/phap-luat">Pháp luật</a></li><li><a '
        'href="/du-lich">Du lịch</a></li><li><a href="/short-video">Short video</a></li></ul></div>'
    )


def _foot(site: Site) -> str:
    return (
        '<div class="footer"><div class="footer__info">BÁO VÀ PHÁT THANH, TRUYỀN HÌNH THANH HÓA'
        f"<br>{site.licence}<br>Địa chỉ: 248 Trần Phú, phường Hạc Thành, Thanh Hóa</div></div>"
    )


def article(story: Story, others: list[Story]) -> Page:
    site = THANHHOA
    url = f"{site.base}/{story.slug}-{story.id}.htm"
    path = f"{FAMILY}/{site.id}/{story.slug}.html"
    img = image_url(site, story, story.caps[0].images[0]) if story.caps else None

    def caption(cap: Cap) -> str:
        src = image_url(site, story, cap.images[0])
        return (f'<div class="pImage"><img src="{src}" alt=""></div>'
                f'<p class="pCaption">{esc(cap.printed())}</p>')

    author_top = ""
    if story.author_how == "data-role":
        author_top = f'<a class="article__author" data-role="author" href="#">{esc(story.author)}</a>'
    source = ""
    if "detail-source" in (story.credit_how or ""):
        source = f'<div class="detail-source"><p>Theo {esc(story.credit)}</p></div>'
    stories = [(o.title, f"{site.base}/{o.slug}-{o.id}.htm", o.when) for o in others]
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
{head_meta(site, story, url, image=img, time_metas=2 if story.jsonld_offset else 1)}
{jsonld(site, story, url, image=img)}
</head>
<body>
{_top(site)}
<div class="main"><div class="main__left">
<div class="article__cate"><a href="/{story.cat_slug}">{esc(story.category)}</a></div>
<h1 class="article__title">{esc(story.title)}</h1>
<div class="article__meta">{author_top}<span class="date_news">{hm(story.when)} {dmy(story.when)}</span></div>
<div class="article__sapo">{sapo_inner(story)}</div>
<div class="box-content"><ul class="content-list">{"".join(f'<li><a href="{u}">{esc(t)}</a></li>' for t, u, _ in stories)}</ul></div>
<div id="dcontent">
{body_with_captions(story, caption, p='<p class="pBody">{text}</p>')}
{byline_end(story, p_class="pAuthor")}
</div>
{source}
<div class="article__share"><a href="#">Chia sẻ</a><a href="#">Lưu</a></div>
<div class="box-content"><h3 class="box-title">Tin cùng chuyên mục</h3>{related(stories, fmt="{a} <span>{time} {date}</span>")}</div>
</div><div class="main__right"><div class="ads"><img src="/qc/thanhhoa-300x600.jpg" alt="Quảng cáo"></div></div></div>
{_foot(site)}
</body></html>
"""
    return Page(path, html, truth_article(site, story, url, path))


def category(stories: list[Story]) -> Page:
    site = THANHHOA
    url = f"{site.base}/kinh-te"
    path = f"{FAMILY}/{site.id}/kinh-te.html"
    rows = "".join(
        f'<div class="story"><a class="story__title" href="{site.base}/{s.slug}-{s.id}.htm">'
        f'{esc(s.title)}</a><p class="story__sapo">{esc(s.sapo)}</p><span class="story__time">'
        f"{hm(s.when)} {dmy(s.when)}</span></div>" for s in stories)
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kinh tế | Báo Thanh Hóa</title></head><body>
{_top(site)}
<div class="main"><div class="main__left"><h1 class="cate__title">Kinh tế</h1>{rows}
<div class="paging"><a href="/kinh-te/trang-2.htm">Trang 2</a></div></div></div>
{_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(site, url, path, "listing", [], "category page"))


def emagazine_shell() -> Page:
    site = THANHHOA
    url = f"{site.base}/emagazine/hanh-trinh-nguoi-giu-rung-pu-hu-266500.htm"
    path = f"{FAMILY}/{site.id}/emagazine-shell.html"
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Hành trình người giữ rừng Pù Hu | Báo Thanh Hóa</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Hành trình người giữ rừng Pù Hu">
<meta name="description" content="Emagazine - Báo Thanh Hóa">
<script src="/js/emag.min.js"></script>
</head><body class="emagazine">
{_top(site)}
<div class="emag-wrapper"><h1 class="emag-title">Hành trình người giữ rừng Pù Hu</h1>
<div id="dcontent" data-encrypted="1"></div></div>
<script>window.__EMAG__ = {{"id": 266500, "payload": "bG9hZGluZy4uLg=="}};</script>
{_foot(site)}
</body></html>
"""
    return Page(path, html, truth_other(
        site, url, path, "other", ["empty-shell"],
        "e-magazine shell: og:type=article and an h1; #dcontent is empty until a script fills "
        "it (RE071: bodies decoded in the browser); no date anywhere"))


def pages() -> list[Page]:
    out = [article(s, [o for o in STORIES if o is not s]) for s in STORIES]
    out += [category(STORIES), emagazine_shell()]
    return out
