"""Chapter 2's table no longer takes the mouse wheel from the page (issue 20, item 6).

The table sat in a 30rem box with ``overflow:auto``: with the pointer over it, the wheel scrolled the
table, not the page. It now scrolls up and down only while focused (a click in it, or Tab), and
sideways always (a wide table on a narrow screen); the caption says how.
"""

from __future__ import annotations

import re
from pathlib import Path

from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.shortlist import PREFIX, ShortlistWorkshop


def _rules(css: str) -> dict[str, dict[str, str]]:
    return {selector.strip(): dict(tuple(part.split(":", 1)) for part in body.split(";") if part)
            for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css) for selector in selectors.split(",")}


def test_the_table_scrolls_vertically_only_while_focused(tmp_path: Path) -> None:
    workshop = ShortlistWorkshop(ProgressStore(tmp_path / "progression.json"))
    html = workshop.table.value
    region = re.search(r"<div ([^>]*)>\s*<table", html)
    assert region, "the table sits in a region"
    attributes = region.group(1)
    assert f'class="{PREFIX}-table-region"' in attributes
    assert 'tabindex="0"' in attributes and 'role="region"' in attributes  # reachable by keyboard
    assert "overflow" not in attributes, "no inline overflow: the stylesheet decides, by focus"
    css = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
    rules = _rules(css)
    region_rule = rules[f".{PREFIX}-table-region"]
    assert region_rule["overflow-y"] == "hidden" and region_rule["overflow-x"] == "auto"
    assert region_rule["max-height"] == "30rem"
    for state in ("focus", "focus-within"):
        assert rules[f".{PREFIX}-table-region:{state}"]["overflow-y"] == "auto"
    assert "cliquez dans le tableau pour le faire défiler" in html
