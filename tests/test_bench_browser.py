"""The browser benchmark's patched variants: the notebook timed is the chapter's, with the patch run first."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_the_committed_variant_patches_the_feedback_region(tmp_path: Path) -> None:
    # The variant is code run in a kernel: run it here and check it does what its comment says.
    import influence_workbook.widgets.common as common
    from influence_workbook.progress import ProgressStore

    plain = common.CheckedStep.__init__
    try:
        exec(compile(VARIANT.read_text(encoding="utf-8"), str(VARIANT), "exec"), {})
        step = common.CheckedStep(chapter="chtest", step="s", css_prefix="iw-t", collect=lambda: "",
                                  restore=lambda _a: None, check=lambda _a: None,  # type: ignore[arg-type,return-value]
                                  store=ProgressStore(tmp_path / "progression.json"))
        assert step.feedback.layout.min_height == "40rem"
    finally:
        common.CheckedStep.__init__ = plain  # type: ignore[method-assign]
