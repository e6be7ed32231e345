"""Figures the learner reads, each with a French text alternative.

Chapter 2: engagement rate against followers (log scale), one panel per platform because the
rates are not computed the same way (TikTok divides by views), tiers told apart by colour *and*
marker, the tier benchmark ranges shaded, and the learner's picks circled and named.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from influence_workbook.feedback import escape
from influence_workbook.metrics import (
    BENCHMARKS,
    PLATFORM_LABELS,
    PLATFORMS,
    TIER_BOUNDS,
    TIER_LABELS,
    TIER_NAMES,
)
from influence_workbook.text import format_number, format_significant

# Okabe–Ito colours (readable with colour-vision deficiencies), one marker per tier as well.
TIER_STYLES: dict[str, tuple[str, str]] = {
    "nano": ("#0072B2", "o"),
    "micro": ("#E69F00", "s"),
    "mid": ("#009E73", "^"),
    "macro": ("#CC79A7", "D"),
    "mega": ("#56B4E9", "v"),
}
_TIER_HIGH = (*TIER_BOUNDS[1:], 50_000_000)
#: Beyond this many followers (log scale: the right third of a panel) a pick's name goes to the left
#: of its circle, so that it stays inside the panel and the figure.
_LABEL_LEFT_FROM = 100_000


def french_tick(value: float, _position: object = None) -> str:
    """A log-axis tick in plain French figures: « 0,5 », « 20 », « 10 000 », « 1 M » (never 2×10¹)."""
    if not np.isfinite(value) or value <= 0:
        return ""
    if value >= 1_000_000:
        return f"{format_significant(value / 1_000_000, 3)}\u00a0M"
    if value >= 1:
        return format_number(value)
    return format_significant(value, 2)


def _french_log_axes(ax: Axes) -> None:
    """Log axes whose ticks read as plain French numbers: majors at 1, 2, 5 × 10ⁿ on the rates."""
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0,)))
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(french_tick))
        axis.set_minor_formatter(NullFormatter())


def _picked(scored: pd.DataFrame, picks: Iterable[str]) -> pd.Series:
    wanted = {str(p) for p in picks}
    return scored["creator_id"].astype(str).isin(wanted)


def engagement_figure(scored: pd.DataFrame, picks: Iterable[str] = (), *, use_pyplot: bool = False) -> Figure:
    """Engagement rate (%) against followers (log scale) by platform and tier; picks circled.

    ``scored`` comes from :func:`~influence_workbook.metrics.score_creators`. With ``use_pyplot``
    the figure is created through pyplot (notebook cells end with ``plt.show()``); otherwise it
    is a standalone Figure (widgets render it to PNG without touching pyplot's state).
    """
    if use_pyplot:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(11, 4.2))
    else:
        fig = Figure(figsize=(11, 4.2))
    axes = fig.subplots(1, len(PLATFORMS), sharex=True)
    chosen = _picked(scored, picks) if len(scored) else pd.Series(dtype=bool)
    for ax, platform in zip(axes, PLATFORMS, strict=True):
        here = scored[scored["platform"].astype(str) == platform] if len(scored) else scored
        for name, low, high in zip(TIER_NAMES, TIER_BOUNDS, _TIER_HIGH, strict=True):
            bench = BENCHMARKS[(platform, name)]
            ax.fill_between(
                [low, high],
                bench.low_pct,
                bench.high_pct,
                color=TIER_STYLES[name][0],
                alpha=0.15,
                linewidth=0,
            )
            rows = here[here["tier"].astype(str) == name]
            rows = rows[np.isfinite(rows["engagement_rate"].astype(float)) & (rows["engagement_rate"] > 0)]
            colour, marker = TIER_STYLES[name]
            ax.scatter(
                rows["followers"],
                rows["engagement_rate"],
                s=14,
                color=colour,
                marker=marker,
                alpha=0.7,
                label=TIER_LABELS[name],
                linewidths=0,
            )
        if len(here):
            mine = here[chosen.loc[here.index]]
            mine = mine[np.isfinite(mine["engagement_rate"].astype(float)) & (mine["engagement_rate"] > 0)]
            ax.scatter(
                mine["followers"],
                mine["engagement_rate"],
                s=160,
                facecolors="none",
                edgecolors="black",
                linewidths=2.0,
                label="vos choix",
                zorder=5,
            )
            for _, row in mine.iterrows():
                left = float(row["followers"]) >= _LABEL_LEFT_FROM
                ax.annotate(
                    f"@{row.get('handle', row['creator_id'])}",  # whole: a cut name is another creator
                    (row["followers"], row["engagement_rate"]),
                    xytext=(-6, 6) if left else (6, 6),
                    textcoords="offset points",
                    ha="right" if left else "left",
                    fontsize=8,
                    zorder=6,
                )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(1_000, 20_000_000)
        _french_log_axes(ax)
        ax.set_title(
            PLATFORM_LABELS[platform] + (" (par vues)" if platform == "tiktok" else " (par abonnés)")
        )
        ax.set_xlabel("Abonnés (échelle logarithmique)")
        ax.grid(True, which="major", alpha=0.3)
    axes[0].set_ylabel("Taux d'engagement (%, échelle log.)")
    handles, labels = axes[0].get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=False))
    fig.legend(unique.values(), unique.keys(), loc="lower center", ncol=len(unique), frameon=False)
    fig.suptitle("Taux d'engagement selon le nombre d'abonnés ; bandes : repère de chaque palier")
    fig.tight_layout(rect=(0, 0.08, 1, 0.95))
    return fig


def engagement_alt_text(scored: pd.DataFrame, picks: Iterable[str] = ()) -> str:
    """A French description of :func:`engagement_figure` with the figures a reader needs."""
    picks = list(picks)
    parts = [
        f"Nuage de points de {format_number(len(scored))} créateurs, en trois panneaux (Instagram, TikTok, "
        "YouTube) : en abscisse le nombre d'abonnés sur une échelle logarithmique, en ordonnée le taux "
        "d'engagement en pourcentage, également en échelle logarithmique. Des bandes colorées marquent le "
        "repère de chaque palier."
    ]
    if len(scored):
        medians = scored.groupby(["platform", "tier"], observed=True)["engagement_rate"].median()
        ig = [(TIER_LABELS[t], medians.get(("instagram", t))) for t in TIER_NAMES]
        ig_text = ", ".join(
            f"{label} {format_number(float(v), 1)} %" for label, v in ig if v is not None and np.isfinite(v)
        )
        if ig_text:
            parts.append(f"Sur Instagram, le taux médian baisse quand l'audience grandit : {ig_text}.")
        tt = [medians.get(("tiktok", t)) for t in TIER_NAMES]
        tt_values = [float(v) for v in tt if v is not None and np.isfinite(v)]
        if tt_values:
            parts.append(
                f"Sur TikTok (taux calculé sur les vues), il reste entre {format_number(min(tt_values), 1)} "
                f"et {format_number(max(tt_values), 1)} % quel que soit le palier."
            )
    if picks and len(scored):
        mine = scored[_picked(scored, picks)]
        described = [
            f"@{str(row.get('handle', row['creator_id']))[:18]} ({TIER_LABELS.get(str(row['tier']), '?')}, "
            f"{format_number(float(row['engagement_rate']), 1)} %)"
            for _, row in mine.iterrows()
            if np.isfinite(float(row["engagement_rate"]))
        ]
        if described:
            parts.append("Vos choix sont entourés : " + ", ".join(described) + ".")
    return " ".join(parts)


def figure_img_html(fig: Figure, alt: str, css_class: str = "iw-figure") -> str:
    """The figure as an inline PNG ``<img>`` with its (escaped) alt text and a visible description."""
    buffer = io.BytesIO()
    # « tight »: a pick's name near a panel's edge is kept whole rather than cut at the figure's border.
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight", pad_inches=0.1)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure class="{escape(css_class)}"><img src="data:image/png;base64,{encoded}" alt="{escape(alt)}" '
        f'style="max-width:100%;height:auto"/><figcaption>{escape(alt)}</figcaption></figure>'
    )
