"""Drive every workshop of the course as a learner would, with plain ipywidgets and no pandas.

:func:`drive` takes a plan (the browser specs' workshops and sample answers as plain data, made by
``tests/test_without_scientific_stack.make_plan``), builds each workshop as its chapter notebook does, enters
each answer, clicks « Vérifier », builds the workshop again on the same progress file and returns what it
showed. It imports neither pytest nor the specs, so that it runs where they cannot: a Python that cannot
import the scientific stack, and Pyodide itself.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from typing import Any


def _tree(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def _all(root: Any, css: str) -> list[Any]:
    return [w for w in _tree(root) if css in getattr(w, "_dom_classes", ())]


def _one(root: Any, css: str, index: int = 0) -> Any:
    found = _all(root, css)
    assert len(found) > index, f"no widget of class {css} (#{index})"
    return found[index]


def _choose(widget: Any, label: str) -> None:
    labels = list(widget._options_labels)
    assert label in labels, f"{label!r} not offered: {labels[:12]}"
    widget.index = labels.index(label)


def _apply(root: Any, step: Mapping[str, Any]) -> dict[str, Any] | None:
    kind = step["kind"]
    if kind == "Fill":
        _one(root, step["widget"]).value = step["text"]
    elif kind in ("Select", "Toggle"):
        _choose(_one(root, step["widget"]), step["label"])
    elif kind == "SelectNth":
        _choose(_one(root, step["css"], step["index"]), step["label"])
    elif kind == "Pick":
        picks = _one(root, step["widget"])
        offered = [value for _, value in picks.options]
        assert set(step["ids"]) <= set(offered), f"{step['ids']} not all offered"
        picks.value = tuple(value for value in offered if value in step["ids"])  # the list's order
    elif kind == "Tick":
        _one(root, step["widget"]).value = step["checked"]
    elif kind == "ExportFiles":
        button = next(w for w in _tree(root) if getattr(w, "description", None) == step["button"]
                      and hasattr(w, "click"))
        button.click()
        links = _one(root, "iw-ch10-downloads").value
        return {"downloads": links}
    elif kind != "WaitFor":
        raise AssertionError(f"unknown step {kind}")
    return None


def _shown(root: Any, step: Mapping[str, Any]) -> Any:
    """What the (reloaded) workshop shows for the widget a kept step set."""
    kind = step["kind"]
    if kind == "Fill":
        return _one(root, step["widget"]).value
    if kind in ("Select", "Toggle"):
        return _one(root, step["widget"]).label
    if kind == "SelectNth":
        return _one(root, step["css"], step["index"]).label
    if kind == "Pick":
        return sorted(_one(root, step["widget"]).value)
    if kind == "Tick":
        return _one(root, step["widget"]).value
    return None


def _expected_shown(step: Mapping[str, Any]) -> Any:
    kind = step["kind"]
    return {"Fill": step.get("text"), "Select": step.get("label"), "Toggle": step.get("label"),
            "SelectNth": step.get("label"), "Pick": sorted(step.get("ids", ())), "Tick": step.get("checked")}[kind]


def _build(module: str, function: str) -> Any:
    return getattr(importlib.import_module(module), function)()


def drive(plan: Mapping[str, Any]) -> dict[str, Any]:
    """Run every workshop of ``plan`` (from :func:`make_plan`) and the home; what each one showed."""
    os.environ["INFLUENCE_WORKBOOK_TODAY"] = plan["today"]
    results: dict[str, Any] = {"workshops": {}, "home": {}}
    for spec in plan["workshops"]:
        shown: dict[str, Any] = {}
        for answer in spec["answers"]:
            home = tempfile.mkdtemp(prefix=f"iw-{spec['id']}-")
            os.environ["INFLUENCE_WORKBOOK_HOME"] = home
            root = _build(spec["module"], spec["function"])
            extra: dict[str, Any] = {}
            for step in answer["steps"]:
                extra.update(_apply(root, step) or {})
            _one(root, f"{spec['prefix']}-check").click()
            feedback = _one(root, spec["feedback"]).value
            if spec["id"] == "ch09":  # the budget's export (openpyxl: pure Python, shipped to the browser)
                _one(root, "iw-ch09-export").click()
                extra["budget_export"] = _one(root, "iw-ch09-export-result").value
            status = _one(root, spec["status"]).value if spec["status"] else ""
            again = _build(spec["module"], spec["function"])  # the notebook opened again: same progress file
            kept = [step for step in answer["steps"] if step.get("kept", True) and step["kind"] not in
                    ("WaitFor", "ExportFiles")]
            shown[answer["name"]] = {
                "feedback": feedback, "status": status, **extra,
                "reloaded_feedback": _one(again, spec["feedback"]).value,
                "reloaded": [[_shown(again, step), _expected_shown(step)] for step in kept],
            }
        results["workshops"][spec["id"]] = shown
    os.environ["INFLUENCE_WORKBOOK_HOME"] = tempfile.mkdtemp(prefix="iw-home-")
    results["home"] = _drive_home()
    return results


def _drive_home() -> dict[str, Any]:
    from influence_workbook.widgets.export import export_panel
    from influence_workbook.widgets.home import HomePage

    page = HomePage()
    form, progress, certificate = page.campaign_form(), page.progress(), page.certificate()
    panel = export_panel(page.store)
    name = next(w for w in _tree(certificate) if w.__class__.__name__ == "Text")
    name.value = "Camille Martin"
    next(w for w in _tree(certificate) if hasattr(w, "click")).click()
    _one(panel, "iw-export-name").value = "Camille Martin"
    _one(panel, "iw-export-button").click()
    return {
        "form_fields": len([w for w in _tree(form) if hasattr(w, "value")]),
        "progress": progress.value,
        "certificate": " ".join(w.value for w in _tree(certificate) if w.__class__.__name__ == "HTML"),
        "export": _one(panel, "iw-export-status").value,
    }
