"""Photos an article prints without a caption (``Article.photos``): kept apart from captions,
in page order, without icons, pixels or adverts.  The pages are this project's own writing."""

from __future__ import annotations

from newsarchive.extract import extract

URL = "https://baomiennui.vn/xa-hoi/duong-len-ban-moi-9021.html"


def page(body: str) -> bytes:
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        "<title>Đường bê tông về bản Nậm Khăn</title>"
        '<meta property="article:published_time" content="2025-10-04T09:20:00+07:00"></head>'
        '<body><header><img src="/static/logo.png" alt="Báo Miền Núi"></header><main><article>'
        "<h1>Đường bê tông về bản Nậm Khăn</h1>"
        '<p class="sapo">Sau ba tháng thi công, con đường dài 4 km nối bản Nậm Khăn với trung '
        "tâm xã đã thông xe, bà con đi lại thuận tiện trong mùa mưa.</p>"
        f'<div class="noi-dung">{body}</div>'
        "<p><strong>Lò Văn Thắng</strong></p></article></main></body></html>"
    ).encode()


PARAS = [
    "Trước đây, mỗi mùa mưa con đường đất trơn trượt, học sinh phải nghỉ học nhiều ngày.",
    "Nhân dân trong bản góp hơn 600 ngày công và hiến đất để mở rộng mặt đường lên 3,5 m.",
    "Chính quyền xã cho biết sẽ tiếp tục làm thêm tuyến đường nội đồng trong năm tới.",
]


def test_photos_without_a_caption_are_kept_apart_from_the_captioned_ones_in_page_order() -> None:
    html = page(
        f"<p>{PARAS[0]}</p>"
        '<figure><img src="/anh/2025/10/thong-xe.jpg" alt="">'
        "<figcaption>Người dân bản Nậm Khăn đi trên con đường mới. Ảnh: Lò Thắng</figcaption>"
        "</figure>"
        f'<p>{PARAS[1]}</p><p><img src="/anh/2025/10/mat-duong.jpg" alt=""></p>'
        f'<p>{PARAS[2]}</p><div><img src="/anh/2025/10/cau-tran.jpg" alt=""></div>'
    )
    article = extract(html, URL).article
    assert article is not None
    assert [c.image_url for c in article.captions] == [
        "https://baomiennui.vn/anh/2025/10/thong-xe.jpg"]
    assert article.photos == ["https://baomiennui.vn/anh/2025/10/mat-duong.jpg",
                              "https://baomiennui.vn/anh/2025/10/cau-tran.jpg"]
    assert "mat-duong" not in article.body


def test_icons_pixels_adverts_and_repeats_are_not_photos() -> None:
    html = page(
        f"<p>{PARAS[0]}</p>"
        '<p><img src="/anh/2025/10/mat-duong.jpg" alt=""></p>'
        '<p><img src="/static/icon-share.png" width="24" height="24" alt=""></p>'
        '<p><img src="/pixel.gif" width="1" height="1" alt=""></p>'
        '<p><a href="https://quangcao.example.com/khuyen-mai">'
        '<img src="https://quangcao.example.com/banner.jpg" alt=""></a></p>'
        f'<p>{PARAS[1]}</p><p><img src="/anh/2025/10/mat-duong.jpg" alt=""></p>'
        f"<p>{PARAS[2]}</p>"
    )
    article = extract(html, URL).article
    assert article is not None
    assert article.photos == ["https://baomiennui.vn/anh/2025/10/mat-duong.jpg"]
    assert article.captions == []
