# Benchmark variant (BENCH_PATCH=benchmarks/variants/contained_feedback.py python -m benchmarks browser):
# the feedback region is a CSS containment boundary (contain: content = layout, paint, style), so
# that a new verdict would invalidate only its own box. Traces showed a workshop's verdict frame
# costing 10-12 ms against 4.5-8.6 for the bare form (paint, layerize, commit). Measured in issue 3,
# stop 11: no gain (1st clicks 44-55 ms → 46-62 ms over the seven workshops, 5 interleaved runs).
import influence_workbook.widgets.common as _common

CONTAINED = "iw-feedback-region"
_plain_init = _common.CheckedStep.__init__


def _init_contained(self, *args, **kwargs):
    _plain_init(self, *args, **kwargs)
    self.feedback.add_class(CONTAINED)
    self.style.value = self.style.value.replace("</style>", f".{CONTAINED}{{contain:content}}</style>")


_common.CheckedStep.__init__ = _init_contained
