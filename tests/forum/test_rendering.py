"""render_markdown: what people write shows as they meant it, and nothing runs."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from forum.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, {attr: value})

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str):
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser.elements


def assert_safe(html: str) -> None:
    """Every tag and attribute is on the allow-list; every link is http(s), mailto or local."""
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, f"tag <{tag}> in {html!r}"
        for name in attrs:
            assert name in ALLOWED_ATTRIBUTES.get(tag, []), f"{tag}[{name}] in {html!r}"
        if tag == "a":
            href = attrs.get("href", "")
            scheme = urlsplit(href.strip()).scheme.lower()
            assert scheme in {"", "http", "https", "mailto"}, f"href {href!r} in {html!r}"
            if scheme == "":
                # A relative link may not smuggle a scheme through encoding.
                assert ":" not in href.split("/")[0], f"href {href!r}"
            assert attrs.get("rel") == "nofollow noopener ugc"
    lowered = html.lower()
    for needle in (
        "<script",
        "<img",
        "<iframe",
        "<svg",
        "<style",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<math",
        "<base",
        "<link",
        "<meta",
    ):
        assert needle not in lowered, f"{needle} in {html!r}"


XSS_CASES = {
    "script tag": "<script>alert(1)</script>",
    "script tag, upper case": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "script split across lines": "<scr\nipt>alert(1)</script>",
    "img onerror": '<img src=x onerror="alert(1)">',
    "svg onload": "<svg onload=alert(1)>",
    "body onload": "<body onload=alert(1)>",
    "iframe javascript src": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>">',
    "raw link with javascript": '<a href="javascript:alert(1)">click</a>',
    "raw link with onclick": '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "markdown javascript link": "[click](javascript:alert(1))",
    "markdown javascript link, mixed case": "[click](JaVaScRiPt:alert(1))",
    "markdown javascript link, entity encoded": "[click](&#106;avascript:alert(1))",
    "markdown javascript link, percent encoded": "[click](javascript%3Aalert(1))",
    "markdown javascript link, tab inside": "[click](java\tscript:alert(1))",
    "markdown javascript link, leading space": "[click]( javascript:alert(1))",
    "markdown vbscript link": "[click](vbscript:msgbox(1))",
    "markdown data html link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg)",
    "markdown file link": "[click](file:///etc/passwd)",
    "reference-style javascript link": "[click][x]\n\n[x]: javascript:alert(1)",
    "autolink with javascript": "<javascript:alert(1)>",
    "markdown image with javascript": "![x](javascript:alert(1))",
    "markdown image with data uri": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "markdown image with onerror in title": '![x](https://e.example/a.png "onerror=alert(1)")',
    "markdown image alt with tags": "![<img src=x onerror=alert(1)>](https://e.example/a.png)",
    "link title breaking out": '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
    "link text with raw html": "[<b onmouseover=alert(1)>hi</b>](https://ok.example)",
    "nested tags": "<<script>script>alert(1)<</script>/script>",
    "malformed unclosed tag": '<a href="https://ok.example" onmouseover=alert(1) ',
    "style tag": "<style>body{background:url(javascript:alert(1))}</style>",
    "style attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "html comment hiding script": "<!--<script>alert(1)</script>-->",
    "form and input": '<form action="https://evil.example"><input name=x></form>',
    "object and embed": '<object data="x.swf"></object><embed src="x.swf">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base href": '<base href="javascript:alert(1)//">',
    "math with xlink": '<math><a xlink:href="javascript:alert(1)">x</a></math>',
    "bare url with javascript": "javascript:alert(1)",
    "bare url followed by html": 'https://ok.example/"><script>alert(1)</script>',
    "code span with script": "`<script>alert(1)</script>`",
    "fenced code with script": "```html\n<script>alert(1)</script>\n```",
    "heading with event": "# <h1 onclick=alert(1)>x</h1>",
}


@pytest.mark.parametrize("source", XSS_CASES.values(), ids=XSS_CASES.keys())
def test_render_markdown_neutralises(source):
    assert_safe(render_markdown(source))


def test_there_are_at_least_thirty_kinds_of_attack():
    assert len(XSS_CASES) >= 30


def test_typed_html_is_shown_as_text_not_dropped():
    html = render_markdown("I wrote <script>alert(1)</script> as an example")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_everyday_markdown_renders():
    html = render_markdown(
        "Some *care* and **strength**.\n\n> a quote\n\n- one\n- two\n\n`code` ~~old~~"
    )
    assert "<em>care</em>" in html
    assert "<strong>strength</strong>" in html
    assert "<blockquote>" in html
    assert "<ul>" in html and "<li>one</li>" in html
    assert "<code>code</code>" in html
    assert "<s>old</s>" in html


def test_headings_start_at_h3_under_the_page_headings():
    html = render_markdown("# Big\n\n## Smaller\n\n###### Tiny")
    assert "<h3>Big</h3>" in html
    assert "<h4>Smaller</h4>" in html
    assert "<h6>Tiny</h6>" in html
    assert "<h1" not in html and "<h2" not in html


def test_links_get_safe_rel():
    html = render_markdown("[NIDA](https://nida.nih.gov/) and [mail](mailto:help@example.org)")
    assert '<a href="https://nida.nih.gov/" rel="nofollow noopener ugc">NIDA</a>' in html
    assert 'href="mailto:help@example.org"' in html


def test_bare_urls_become_links():
    html = render_markdown("See https://www.harmreduction.org for more")
    assert (
        '<a href="https://www.harmreduction.org" rel="nofollow noopener ugc">'
        "https://www.harmreduction.org</a>"
    ) in html


def test_urls_in_code_stay_code():
    html = render_markdown("`https://example.org`")
    assert "<a " not in html


def test_images_become_plain_links_that_load_nothing():
    html = render_markdown("![a naloxone kit](https://tracker.example/pixel.png)")
    assert "<img" not in html
    assert (
        '<a href="https://tracker.example/pixel.png" rel="nofollow noopener ugc">a naloxone kit</a>'
    ) in html


def test_disallowed_link_keeps_its_words():
    html = render_markdown('<a href="javascript:alert(1)">the words</a>')
    assert "the words" in html
    assert_safe(html)
