"""The one HTML kit behind the eval report and the learning-dynamics page: escaping, a strict
Content-Security-Policy, the page frame, embedded figures; pages are written with
`core.io.write_bytes_atomically`.

Every value from a results or log file goes into the page through `escape` (html.escape, quote=True).
The CSP allows exactly the page's own stylesheet and script (by sha256) and data-URI images: no
remote resource, no inline event handler, so even a value that slipped past escaping could not run.
Figures are PNGs rendered off-screen (Agg, no pyplot state) and embedded as data URIs, so a page is
one self-contained file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io


def escape(value) -> str:
    return html.escape(str(value), quote=True)


def _sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def content_security_policy(css: str, js: str | None = None) -> str:
    """Only this stylesheet (and this script, if any) by hash, and data-URI images."""
    script = f"script-src {_sha256_source(js)}; " if js is not None else ""
    return (
        f"default-src 'none'; img-src data:; style-src {_sha256_source(css)}; "
        f"{script}base-uri 'none'; form-action 'none'"
    )


def html_page(title: str, body: str, css: str, js: str | None = None) -> str:
    """A whole page: doctype, CSP, viewport, title, the stylesheet, `body` (already escaped HTML), the script."""
    script = f"\n<script>{js}</script>" if js is not None else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(css, js)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{body}{script}\n</body>\n</html>\n"
    )


def figure_html(png: bytes, alt: str, caption_html: str) -> str:
    """A <figure> with the PNG as a data URI; `caption_html` is already escaped."""
    return (
        f'<figure><img src="data:image/png;base64,{base64.b64encode(png).decode()}" alt="{escape(alt)}">'
        f"<figcaption>{caption_html}</figcaption></figure>"
    )


def png_bytes(figure, tight: bool = False) -> bytes:
    """A matplotlib Figure as PNG bytes, without a display or pyplot state, and without the
    matplotlib version in the metadata (so the same figure gives the same bytes)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # matplotlib: only for pages with figures

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None}, **({"bbox_inches": "tight"} if tight else {}))
    return buffer.getvalue()
