"""PNG charts of the measures, drawn with matplotlib's Agg backend (no display, no pyplot state,
so safe in any thread). Each chart is CHART_WIDTH x CHART_HEIGHT pixels.

Rendering takes tens of milliseconds: callers on the event loop run it in a thread.
"""

from __future__ import annotations

import functools
import io
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.incident.measures import StatsReport
from bot.incident.severity import Severity
from i18n import current_locale, t

CHART_WIDTH, CHART_HEIGHT, DPI = 800, 400, 100
_COLOURS = {Severity.SEV1: "#b71c1c", Severity.SEV2: "#e65100", Severity.SEV3: "#f9a825", Severity.SEV4: "#607d8b"}


@functools.cache
def _han_font() -> str | None:
    """A font with Han characters if the host has one (e.g. Debian's fonts-noto-cjk): the words
    of a zh-TW chart fall back to it; without one they would be drawn as empty boxes."""
    from matplotlib import font_manager

    names = sorted({f.name for f in font_manager.fontManager.ttflist})
    wanted = ("Noto Sans CJK TC", "Noto Sans TC", "Noto Sans CJK JP", "Noto Sans CJK SC", "AR PL UMing TW",
              "WenQuanYi Zen Hei", "Microsoft JhengHei", "PingFang TC")
    return next((name for name in wanted if name in names), None)


def _say(key: str) -> str:
    """A chart's words in the current locale, or in English when the host has no font to draw
    Han characters with (boxes would say nothing)."""
    return t(key) if current_locale() == "en" or _han_font() else t(key, "en")


def _words_font() -> dict:
    """Keyword arguments for a text artist written in the current locale."""
    font = _han_font() if current_locale() != "en" else None
    return {"fontfamily": ["DejaVu Sans", font]} if font else {}


def _figure(title: str) -> tuple[Figure, object]:
    figure = Figure(figsize=(CHART_WIDTH / DPI, CHART_HEIGHT / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(title, fontsize=11, **_words_font())
    axes.grid(axis="y", alpha=0.3)
    return figure, axes


def _png(figure: Figure) -> bytes:
    figure.subplots_adjust(left=0.08, right=0.98, top=0.9, bottom=0.16)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)  # no bbox "tight": the size stays fixed
    return buffer.getvalue()


def _labels(weeks: list[date]) -> list[str]:
    return [w.strftime(_say("text2-chart-week-format")) for w in weeks]


def response_times_png(report: StatsReport) -> bytes:
    """Weekly MTTR (solid) and MTTA (dashed) in minutes, one colour per severity."""
    weeks = list(report.by_week)
    figure, axes = _figure(_say("text2-chart-response-heading"))
    x = list(range(len(weeks)))
    drawn = False
    for severity in Severity:
        mttr = [_minutes(report, w, severity, "mttr_seconds") for w in weeks]
        mtta = [_minutes(report, w, severity, "mtta_seconds") for w in weeks]
        if all(v is None for v in mttr):
            continue
        colour = _COLOURS[severity]
        axes.plot(x, [float("nan") if v is None else v for v in mttr], "-o", color=colour, label=f"{severity.value} MTTR", markersize=3)
        axes.plot(x, [float("nan") if v is None else v for v in mtta], "--", color=colour, label=f"{severity.value} MTTA")
        drawn = True
    if drawn:
        axes.legend(fontsize=7, ncol=4, loc="upper left")
    else:
        axes.text(0.5, 0.5, _say("text2-chart-empty"), ha="center", va="center", transform=axes.transAxes,
                  **_words_font())
    axes.set_xticks(x, _labels(weeks), fontsize=7, rotation=45)
    axes.set_ylim(bottom=0)
    return _png(figure)


def _minutes(report: StatsReport, week: date, severity: Severity, field: str) -> float | None:
    measure = report.by_week_and_severity.get(week, {}).get(severity)
    value = getattr(measure, field) if measure else None
    return value / 60 if value is not None else None


def incidents_per_week_png(report: StatsReport) -> bytes:
    """Incidents resolved per week, stacked by severity."""
    weeks = list(report.by_week)
    figure, axes = _figure(_say("text2-chart-title-per-week"))
    x = list(range(len(weeks)))
    bottom = [0] * len(weeks)
    for severity in Severity:
        counts = [
            (report.by_week_and_severity.get(w, {}).get(severity).incidents  # type: ignore[union-attr]
             if severity in report.by_week_and_severity.get(w, {}) else 0)
            for w in weeks
        ]
        if not any(counts):
            continue
        axes.bar(x, counts, bottom=bottom, color=_COLOURS[severity], label=severity.value)
        bottom = [b + c for b, c in zip(bottom, counts)]
    if any(bottom):
        axes.legend(fontsize=7, loc="upper left")
    axes.set_xticks(x, _labels(weeks), fontsize=7, rotation=45)
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png(figure)
