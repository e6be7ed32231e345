# Benchmark variant (BENCH_PATCH=benchmarks/variants/later_save.py python -m benchmarks browser):
# the answer is saved 50 ms after the verdict is shown rather than 5 ms, so that the status line
# (« Enregistré le … ») reaches the page after the verdict's frame has been painted, not while the
# page waits for that frame (issue 3, stop 11: the page's share of a click is 16-24 ms in a workshop
# against 12 ms in the bare form). First A/B, 5 runs: 1st click ch04 51 → 42 ms, ch05-caption 48 → 44;
# 2nd click 43 → 41 and 39 → 52; page share 19.1 → 16.5 and 16.4 → 14.4 ms. A lead, not yet confirmed.
import influence_workbook.widgets.common as _common

_common.SAVE_AFTER_S = 0.05
