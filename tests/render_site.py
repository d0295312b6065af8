"""A paper with both of the browser's difficulties at once, for the crawl tests.

Báo Điện Biên Phủ's mirror builds its category pages from a JSON API in the browser; here every
article body is also shipped scrambled (base64 of UTF-8 XOR a per-article key, as the
``#dcontent`` papers do, registry-evidence RE071/RE095) and decoded by an inline script.  A
plain fetch finds only the newest articles and reads none of their bodies; the truth of every
article is the text the browser shows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsarchive.mirror.sites.baodienbienphu import BaoDienBienPhu
from newsarchive.mirror.sites.baothanhhoa import scramble

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site
    from newsarchive.mirror.paper import Art

#: Decodes ``div.editor-content[data-enc]`` in place (the key is in ``data-k``).
UNSCRAMBLE = (
    "(function () {\n"
    "  var box = document.querySelector('div.editor-content[data-enc]');\n"
    "  if (!box) return;\n"
    "  var key = box.getAttribute('data-k'), raw = atob(box.textContent.replace(/\\s+/g, ''));\n"
    "  var out = new Uint8Array(raw.length);\n"
    "  for (var i = 0; i < raw.length; i++) {\n"
    "    out[i] = raw.charCodeAt(i) ^ key.charCodeAt(i % key.length);\n"
    "  }\n"
    "  box.innerHTML = new TextDecoder('utf-8').decode(out);\n"
    "  box.removeAttribute('data-enc');\n"
    "})();"
)
_BODY_RE = re.compile(r'<div class="editor-content">(.*?)</div>(?=<div class="detail-tags"|'
                      r"</article>)", re.DOTALL)


class ScriptedDienBienPhu(BaoDienBienPhu):
    """Listings from the JSON API (inherited) and every body decoded by script."""

    def article_page(self, a: Art, charset: str | None = "utf-8") -> Page:
        plain = super().article_page(a, charset)
        html = plain.body.decode("utf-8")
        found = _BODY_RE.search(html)
        assert found, a.path
        key = f"dbp{a.id}"
        shipped = (f'<div class="editor-content" data-enc="1" data-k="{key}">\n'
                   f"{scramble(found.group(1), key)}\n</div><script>\n{UNSCRAMBLE}\n</script>")
        plain.body = (html[:found.start()] + shipped + html[found.end():]).encode("utf-8")
        return plain


def build() -> Site:
    return ScriptedDienBienPhu().build()
