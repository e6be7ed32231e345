"""HTML rendering of feedback for widgets and notebooks. Every learner string is escaped here.

The verdict is never carried by colour alone: each item starts with a text label
(« Réussi » / « À revoir ») and a symbol, and the colour only repeats it.
"""

from __future__ import annotations

from influence_workbook.feedback import Feedback, escape

#: The feedback's rules. A workshop carries them once, in a widget of its own: a <style> element
#: inside the feedback would be replaced at every click, and each new stylesheet makes the browser
#: recompute the style of the whole JupyterLab page (some 15 000 elements) before showing the verdict.
FEEDBACK_RULES: tuple[str, ...] = (
    ".iw-feedback{font-family:inherit;line-height:1.45;max-width:52rem}",
    ".iw-feedback ul{list-style:none;padding-left:0;margin:.4rem 0}",
    ".iw-feedback li{margin:.35rem 0;padding:.35rem .6rem;border-left:.3rem solid #6b7280;background:#f8fafc}",
    ".iw-feedback li.iw-ok{border-left-color:#15803d}",
    ".iw-feedback li.iw-ko{border-left-color:#b91c1c}",
    ".iw-feedback .iw-verdict{font-weight:700}",
    ".iw-feedback .iw-summary{font-weight:700;margin:.2rem 0}",
    ".iw-feedback .iw-read-more{font-style:italic}",
    ".iw-feedback .iw-tip{margin:.3rem 0}",
    ".iw-notice{padding:.4rem .6rem;border-left:.3rem solid #b45309;background:#fffbeb}",
    ".iw-placeholder{color:#4b5563;line-height:1.45;max-width:52rem;margin:.2rem 0}",
    ".iw-placeholder .iw-verdict{font-weight:700}",
    ".iw-placeholder .iw-read-more{font-style:italic}",
)

#: What a workshop adds: HTML widgets that may shrink to the column. ipywidgets lays an HTML widget
#: out as a flex row whose content is at least as wide as its widest part (chapter 2's table): the
#: lines above it then ran off the right edge, cut. With ``min-width: 0`` text wraps and the table
#: scrolls inside its own region. The line height is that of text, not ipywidgets' 28 px (meant for
#: one-line labels beside fields).
WORKSHOP_RULES: tuple[str, ...] = (
    ".iw-workshop .widget-html-content{min-width:0;max-width:100%;line-height:1.45}",
)


def stylesheet(*rules: str) -> str:
    """One <style> element holding ``rules`` (trusted CSS from this module, never learner text)."""
    return f"<style>{''.join(rules)}</style>"


FEEDBACK_STYLE = stylesheet(*FEEDBACK_RULES)
#: What a workshop's hidden style widget carries: the feedback's rules and the workshop's.
WORKSHOP_STYLE = stylesheet(*FEEDBACK_RULES, *WORKSHOP_RULES)


def feedback_html(feedback: Feedback, *, style: bool = True) -> str:
    """Accessible HTML for a Feedback; the messages may quote the learner, so all is escaped.

    ``style=False`` leaves out :data:`FEEDBACK_STYLE`, for a page that already has it (a workshop).
    """
    parts = [FEEDBACK_STYLE if style else "", '<div class="iw-feedback" role="status" aria-live="polite">']
    parts.append(f'<p class="iw-summary">{escape(feedback.headline)}</p><ul>')
    for item in feedback.items:
        css, verdict, mark = ("iw-ok", "Réussi", "✅") if item.ok else ("iw-ko", "À revoir", "❌")
        parts.append(
            f'<li class="{css}" data-criterion="{escape(item.criterion)}">'
            f'<span aria-hidden="true">{mark}</span> '
            f'<span class="iw-verdict">{verdict} — {escape(item.label)}\u00a0:</span> '
            f"{escape(item.message)}"
        )
        if not item.ok and item.read_more:
            parts.append(f' <span class="iw-read-more">À relire : « {escape(item.read_more)} ».</span>')
        parts.append("</li>")
    parts.append("</ul>")
    for tip in feedback.tips:
        parts.append(f'<p class="iw-tip">💡 {escape(tip)}</p>')
    parts.append("</div>")
    return "".join(parts)


def placeholder_html(button_label: str = "Vérifier") -> str:
    """What the feedback region says before the first check: how to read the verdict to come.

    It is written with the verdict's own marks and styles (✅, ❌, bold, italics, « »). Besides telling
    the learner what to expect, this makes the browser load those fonts and shape those glyphs when
    the workshop opens: otherwise the first verdict paid for it, 10 to 20 ms of a click
    (``python -m benchmarks browser``, Chromium traces of a first and a second click).
    """
    return (
        '<p class="iw-placeholder">Après «\u00a0'
        f"{escape(button_label)}\u00a0», votre verdict s'affiche ici, critère par critère\u00a0: "
        '<span aria-hidden="true">✅</span> <span class="iw-verdict">Réussi</span> ou '
        '<span aria-hidden="true">❌</span> <span class="iw-verdict">À revoir</span>, avec '
        '<span class="iw-read-more">la section du chapitre à relire</span> et parfois un conseil '
        '<span aria-hidden="true">💡</span>.</p>'
    )


def notice_html(message: str) -> str:
    """A warning box (damaged progress file, import problem), escaped."""
    return f'{FEEDBACK_STYLE}<div class="iw-notice" role="alert">{escape(message)}</div>'


def text_html(message: str, css_class: str = "iw-status") -> str:
    return f'<p class="{escape(css_class)}">{escape(message)}</p>'


def table_region_html(table: object, label: str) -> str:
    """A wide table in a region that scrolls sideways and that a keyboard can reach (WCAG 2.1.1).

    ``table`` is a pandas DataFrame (rendered with escaping, without its index).
    """
    to_html = getattr(table, "to_html", None)
    body = to_html(index=False, escape=True, border=0) if callable(to_html) else escape(table)
    return (f'<div class="iw-table-region" role="region" aria-label="{escape(label)}" tabindex="0" '
            f'style="overflow-x:auto;max-width:100%">{body}</div>')
