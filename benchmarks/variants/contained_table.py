# Benchmark variant (BENCH_PATCH=benchmarks/variants/contained_table.py BENCH_ONLY=ch02 python -m benchmarks browser):
# chapter 2's table of 50 creators (500 cells) and its list of picks are laid out and painted on their
# own (CSS containment), so that a verdict shown below them does not make the page lay out or paint
# them again. A Chromium trace of a chapter-2 click showed the verdict's frame repainting the table's
# widget (1.2 ms) and a 3 ms layout of 106 dirty objects. Measured in issue 3, stop 15 (7 interleaved
# runs): frame work 5.9 → 4.2 ms (bare form: 2.0), 1st click 32 → 30 ms, 2nd click 34 → 34 ms: a gain
# within the clicks' noise, not adopted. Not adopted either because paint containment on the table's
# widget would clip the focus ring of its scrolling region.
import influence_workbook.widgets.common as _common

CONTAINED = (".iw-ch02-table>.widget-html-content,.iw-ch02-table [role=region],.iw-ch02-picks select"
             "{contain:content}")
_plain_init = _common.CheckedStep.__init__


def _init_contained(self, *args, **kwargs):
    _plain_init(self, *args, **kwargs)
    self.style.value = self.style.value.replace("</style>", CONTAINED + "</style>")


_common.CheckedStep.__init__ = _init_contained
