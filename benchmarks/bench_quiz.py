"""Live quiz, kernel side: building each chapter's quiz widget (what opening the chapter pays for it), with and
without a saved attempt to restore, and one click on an answer (pick, explanation, score, save).

No browser: the widgets are built and clicked in this process, each in a fresh throw-away progress file.
The first build in the process pays for the imports and is shown apart. Run with
``python -m benchmarks quiz``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.timing import median_ms

RUNS = 15
WARMUP = 2


def _chapter_row(slug: str, path: Path) -> tuple[float, float, float]:
    """Median build with nothing saved, build restoring every question answered, and one click (ms)."""
    from influence_workbook.progress import ProgressStore
    from influence_workbook.widgets.quiz import LiveQuiz

    build = median_ms(lambda: LiveQuiz(slug, store=ProgressStore(path)), RUNS, WARMUP)
    answered = LiveQuiz(slug, store=ProgressStore(path))
    for view in answered.views:
        view.buttons[0].click()
        if view.validate is not None:
            view.validate.click()
    restore = median_ms(lambda: LiveQuiz(slug, store=ProgressStore(path)), RUNS, WARMUP)
    clicks = []
    for _ in range(RUNS):
        quiz = LiveQuiz(slug, store=ProgressStore(path))
        quiz.restart_button.click()
        started = time.perf_counter()
        quiz.views[0].buttons[0].click()
        clicks.append(time.perf_counter() - started)
    return build, restore, 1000 * statistics.median(clicks)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="iw-bench-quiz-") as folder:
        os.environ["INFLUENCE_WORKBOOK_HOME"] = folder
        start = time.perf_counter()
        from influence_workbook.chapters import CHAPTERS
        from influence_workbook.progress import ProgressStore
        from influence_workbook.quiz import quiz_path
        from influence_workbook.widgets.quiz import LiveQuiz

        first = None
        print(f"{'quiz':<30} {'build (ms)':>11} {'restore (ms)':>13} {'click (ms)':>11}")
        for chapter in CHAPTERS:
            if not quiz_path(chapter.slug).exists():
                continue
            path = Path(folder) / f"{chapter.key}.json"
            if first is None:
                LiveQuiz(chapter.slug, store=ProgressStore(path))
                first = 1000 * (time.perf_counter() - start)
                path.unlink(missing_ok=True)
            build, restore, click = _chapter_row(chapter.slug, path)
            print(f"{chapter.slug:<30} {build:>11.1f} {restore:>13.1f} {click:>11.1f}")
        if first is not None:
            print(f"first build in a fresh process, imports included: {first:.0f} ms")
        print("click: pick + explanation + score + save (in a kernel the save follows 50 ms after the page is updated)")


if __name__ == "__main__":
    main()
