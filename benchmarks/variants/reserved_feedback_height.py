# Benchmark variant (BENCH_PATCH=benchmarks/variants/reserved_feedback_height.py python -m benchmarks browser):
# the feedback region keeps 40rem of height from the start, so that the first verdict does not push
# the rest of the chapter down. An experiment, not the course's behaviour: before the first check it
# leaves a blank panel under the button. Measured in issue 3, stop 11 (7 interleaved runs): no gain
# (1st click ch01 50 → 46 ms, ch04 47 → 48; 2nd click 41 → 43 and 41 → 42), so it stays an experiment.
import influence_workbook.widgets.common as _common

_plain_init = _common.CheckedStep.__init__


def _init_with_reserved_height(self, *args, **kwargs):
    _plain_init(self, *args, **kwargs)
    self.feedback.layout.min_height = "40rem"


_common.CheckedStep.__init__ = _init_with_reserved_height
