"""The browser benchmark's patched variants: the notebook timed is the chapter's, with the patch run first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from benchmarks.bench_browser import patched_variants, with_first_cell

REPO = Path(__file__).resolve().parents[1]
VARIANT = REPO / "benchmarks" / "variants" / "reserved_feedback_height.py"


def test_the_patch_becomes_the_first_cell_and_the_chapter_is_unchanged() -> None:
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3"}},
                "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Titre"]}]}
    patched = with_first_cell(notebook, "a = 1\nb = 2\n")
    assert patched["cells"][0]["cell_type"] == "code"
    assert "".join(patched["cells"][0]["source"]) == "a = 1\nb = 2\n"
    assert patched["cells"][1:] == notebook["cells"] and patched["metadata"] == notebook["metadata"]
    assert len(notebook["cells"]) == 1  # the original is left as it was


def test_each_workshop_gets_a_variant_served_beside_the_bare_form(tmp_path: Path) -> None:
    from workshops import WORKSHOPS  # tests/browser is on the path once bench_browser is imported

    specs = [spec for spec in WORKSHOPS if spec.id in {"ch01", "ch04"}]
    variants = patched_variants(specs, VARIANT, tmp_path)
    assert [v.id for v in variants] == ["ch01+reserved_feedback_height", "ch04+reserved_feedback_height"]
    for spec, variant in zip(specs, variants, strict=True):
        assert variant.notebook.startswith("_harness/") and variant.root == spec.root
        written = json.loads((tmp_path / Path(variant.notebook).name).read_text(encoding="utf-8"))
        chapter = json.loads((REPO / spec.notebook).read_text(encoding="utf-8"))
        assert "".join(written["cells"][0]["source"]) == VARIANT.read_text(encoding="utf-8")
        assert written["cells"][1:] == chapter["cells"]


def new_step(tmp_path: Path) -> Any:
    """A CheckedStep of a one-field test workshop, as the package builds it now."""
    import influence_workbook.widgets.common as common
    from influence_workbook.progress import ProgressStore

    return common.CheckedStep(chapter="chtest", step="s", css_prefix="iw-t", collect=lambda: "",
                              restore=lambda _a: None, check=lambda _a: None,  # type: ignore[arg-type,return-value]
                              store=ProgressStore(tmp_path / "progression.json"))


def step_after_variant(variant: Path, tmp_path: Path) -> Any:
    """A CheckedStep built after running ``variant`` (code run in a kernel), the package restored after."""
    import influence_workbook.widgets.common as common

    plain = common.CheckedStep.__init__
    try:
        exec(compile(variant.read_text(encoding="utf-8"), str(variant), "exec"), {})
        return new_step(tmp_path)
    finally:
        common.CheckedStep.__init__ = plain  # type: ignore[method-assign]


def test_the_committed_variant_patches_the_feedback_region(tmp_path: Path) -> None:
    # The variant is code run in a kernel: run it here and check it does what its comment says.
    assert step_after_variant(VARIANT, tmp_path).feedback.layout.min_height == "40rem"


def test_the_report_splits_each_wait_and_judges_the_course_not_its_variants() -> None:
    import dataclasses

    from benchmarks.bench_browser import Click, Figures, report
    from workshops import BARE_FORM, WORKSHOPS

    ch01 = next(spec for spec in WORKSHOPS if spec.id == "ch01")
    variant = dataclasses.replace(ch01, id="ch01+idea")

    def figures(*clicks: tuple[float, float]) -> Figures:
        # Two runs: the first two clicks are the runs' first ones; the next frame starts 4 ms after
        # the verdict is in the page, in every click.
        made = [Click(painted_ms=painted, in_page_ms=in_page, frame_time_ms=in_page + 4)
                for painted, in_page in clicks]
        return Figures(usable_s=[5.0, 6.0], first_clicks=made[:2], later_clicks=made[2:])

    results = {
        BARE_FORM.id: figures((30, 20), (30, 20), (30, 20), (30, 20), (30, 20)),
        ch01.id: figures((33, 21), (33, 21), (40, 22), (40, 22), (34, 21)),  # 1.1×, then 1.33×
        variant.id: figures((90, 60), (90, 60), (90, 60), (90, 60), (90, 60)),  # 3×: an experiment, not judged
    }
    lines = report(results, (BARE_FORM, ch01, variant), [ch01])
    row = next(line for line in lines if line.startswith("| ch01 ") and "(" in line)
    assert "33 (33–33)" in row and "1.10×" in row and "40 (34–40)" in row and "1.33×" in row
    split = [line for line in lines if line.startswith("| ch01 ") and "(" not in line]
    # in the page: median of 21, 21, 22, 22, 21 = 21 (1.05× of 20); painted after it: 12, 12, 18, 18, 13 → 13
    # (1.30× of 10); of which the vsync wait, 4 ms (1.00×), and the frame's work 8, 8, 14, 14, 9 → 9 (1.50× of 6)
    cells = [cell.strip() for cell in split[0].strip("|").split("|")]
    assert cells == ["ch01", "21.0", "1.05×", "13.0", "1.30×", "4.0", "1.00×", "9.0", "1.50×"]
    assert any("variant ch01: 1st click 33 → 90 ms, later clicks 40 → 90 ms" in line for line in lines)
    assert lines[-2].endswith("1st click (2 per notebook), worst workshop vs bare form: 1.10× "
                              "(ch01; within the 1.2× goal)")
    assert lines[-1].endswith("later clicks (3 per notebook), worst workshop vs bare form: 1.33× "
                              "(ch01; ABOVE the 1.2× goal)")
    results[ch01.id] = figures((37, 21), (37, 21), (30, 22), (30, 22), (30, 21))
    verdicts = report(results, (BARE_FORM, ch01, variant), [ch01])[-2:]
    assert verdicts[0].endswith("vs bare form: 1.23× (ch01; ABOVE the 1.2× goal)")
    assert verdicts[1].endswith("vs bare form: 1.00× (ch01; within the 1.2× goal)")


def test_the_telling_text_is_one_the_feedback_does_not_show_yet() -> None:
    from benchmarks.bench_browser import _telling_text

    texts = ["Objectif précis", "Ajoutez une échéance datée, par exemple « d'ici fin juin 2027 »."]
    assert _telling_text(texts, "Avant : rien") == texts[1]  # the longest is the most specific
    # Already on screen (both answers share it): waiting for it would time nothing.
    assert _telling_text(texts, "…  Ajoutez une échéance datée,\u00a0 par exemple « d'ici fin juin 2027 ».") == texts[0]
    with pytest.raises(RuntimeError, match="nothing tells the new verdict"):
        _telling_text(texts, " ".join(texts))


def test_a_frame_already_due_when_the_verdict_lands_has_no_vsync_wait() -> None:
    from benchmarks.bench_browser import Click

    # The vsync came 2 ms before the verdict, while the main thread was busy: no wait, all work.
    late = Click(painted_ms=30.0, in_page_ms=20.0, frame_time_ms=18.0)
    assert (late.frame_ms, late.vsync_wait_ms, late.frame_work_ms) == (10.0, 0.0, 10.0)
    on_time = Click(painted_ms=30.0, in_page_ms=20.0, frame_time_ms=26.0)
    assert (on_time.frame_ms, on_time.vsync_wait_ms, on_time.frame_work_ms) == (10.0, 6.0, 4.0)


def test_the_containment_variant_contains_the_feedback_region(tmp_path: Path) -> None:
    step = step_after_variant(REPO / "benchmarks" / "variants" / "contained_feedback.py", tmp_path)
    assert "iw-feedback-region" in step.feedback._dom_classes
    assert step.style.value.endswith(".iw-feedback-region{contain:content}</style>")
    assert "iw-feedback-region" not in new_step(tmp_path).feedback._dom_classes  # the package is left as it was


def test_the_table_variant_contains_chapter_2s_table_and_picks(tmp_path: Path) -> None:
    step = step_after_variant(REPO / "benchmarks" / "variants" / "contained_table.py", tmp_path)
    assert step.style.value.endswith(
        ".iw-ch02-table>.widget-html-content,.iw-ch02-table [role=region],.iw-ch02-picks select"
        "{contain:content}</style>")
    assert "contain:content" not in new_step(tmp_path).style.value  # the package is left as it was
