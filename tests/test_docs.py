"""The documentation: the mkdocs site builds with no warning (broken links between pages, missing
anchors, pages left out of the nav), and the README stays a front door: at most 15 KB, every relative
link pointing at a file that exists.

mkdocs comes with the `dev` extra, which `scripts/test.sh` installs, so this test never skips.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
README_MAX_BYTES = 15_000
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def test_the_docs_site_builds_strictly(tmp_path):
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "LOG" / "index.html").is_file()


def test_the_readme_is_at_most_15_kb():
    size = README.stat().st_size
    assert size <= README_MAX_BYTES, f"README.md is {size} bytes; move reference to docs/ and figures to docs/LOG.md"


def relative_links(markdown: str) -> list[str]:
    """Link targets that are paths in this repository: no URL scheme, no bare anchor; anchors cut off."""
    targets = []
    for target in MARKDOWN_LINK.findall(markdown):
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"):
            continue
        targets.append(target.split("#", 1)[0])
    return targets


def test_link_finder_sees_relative_links_only():
    text = "[a](docs/x.md) [b](https://example.org) [c](#top) [d](docs/y.md#part) [e](mailto:x@y.z)"
    assert relative_links(text) == ["docs/x.md", "docs/y.md"]


def test_every_relative_link_in_the_readme_exists():
    links = relative_links(README.read_text(encoding="utf-8"))
    assert links, "the README links no page: expected links into docs/"
    missing = [link for link in links if not (README.parent / link).exists()]
    assert missing == [], f"README.md links to files that do not exist: {missing}"
