"""The weekly report as one self-contained HTML page: inline CSS and SVG, no scripts, prints cleanly."""

from __future__ import annotations

from html import escape

from analytics.report.model import Fact, Source, WeeklyReport
from analytics.report.svg import bar_chart, line_chart, range_chart
from analytics.report.tables import (DEFINITIONS, Section, conflict_value_text, fact_anchor, headline_change,
                                     headline_value, safe_url, sections, share_text, source_date, usd, week_span)

CSS = """
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
       color: #1a202c; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 2px solid #2b6cb0; padding-bottom: .2rem; }
.sub { color: #4a5568; margin-top: 0; }
.notice { background: #fffbea; border: 1px solid #d69e2e; padding: .8rem 1rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 13px; }
th, td { border: 1px solid #cbd5e0; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
td.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) { background: #f7fafc; }
ol.sources { margin: 0; padding-left: 1.2rem; font-size: 12px; }
.meta { color: #4a5568; }
.disputed { color: #9c4221; font-weight: 600; font-size: 12px; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg text { fill: #1a202c; }
svg text.tick { fill: #4a5568; font-size: 11px; }
.empty { color: #4a5568; font-style: italic; }
footer { margin-top: 2rem; color: #4a5568; font-size: 12px; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, figure, .notice { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  ol.sources a[href]::after { content: " <" attr(href) ">"; font-size: 8pt; color: #4a5568; word-break: break-all; }
  tbody tr:nth-child(even) { background: none; }
}
"""


def render_html(report: WeeklyReport) -> str:
    """The report as a standalone HTML document (every article-derived string escaped)."""
    title = f"AI-accelerator weekly report {report.week}"
    parts = [
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{escape(week_span(report))} · {escape(report.basis_text)}</p>',
    ]
    if report.is_empty:
        parts.append(f'<p class="notice">Nothing new in {report.week}: no {escape(report.basis_text)}.</p>')
    parts.append(_headlines(report))
    if not report.is_empty:
        parts.append(_charts(report))
        parts.extend(_section(s) for s in sections(report))
        parts.append(_conflicts(report))
    parts.append(_footer(report))
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _headlines(report: WeeklyReport) -> str:
    previous = report.week.previous()
    head = (f"<tr><th>Figure</th><th>{report.week}</th><th>{previous}</th><th>Change</th>"
            f"<th>Year to date (W01–W{report.week.week:02d})</th></tr>")
    rows = [f"<tr><td>{escape(h.label)}</td><td class=\"num\">{headline_value(h, h.this_week)}</td>"
            f"<td class=\"num\">{headline_value(h, h.previous_week)}</td><td class=\"num\">{headline_change(h)}</td>"
            f"<td class=\"num\">{headline_value(h, h.year_to_date)}</td></tr>" for h in report.headlines]
    return f"<h2>Headline figures</h2>\n<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _charts(report: WeeklyReport) -> str:
    figures = ["<h2>Charts</h2>"]
    if report.capital_by_company:
        figures.append(_figure("Capital raised this week by company",
                               bar_chart("Capital raised this week by company", report.capital_by_company, usd)))
    else:
        figures.append('<p class="empty">No capital raised this week (no announced rounds with an amount).</p>')
    points = [(str(week), total) for week, total in report.cumulative_capital]
    figures.append(_figure(f"Cumulative capital raised, {report.week.year} to date",
                           line_chart("Cumulative capital raised year to date", points, usd)))
    claims = [(f"{c.subject} · {c.market or 'market n/a'} ({share_text(c)}, {c.claimed_by})",
               _unit(c.share_low if c.share_low is not None else c.share_high),
               _unit(c.share_high if c.share_high is not None else c.share_low))
              for c in report.share_claims if c.share_low is not None or c.share_high is not None]
    if claims:
        figures.append(_figure("Market-share claims this week", range_chart("Market-share claims this week", claims)))
    return "\n".join(figures)


def _unit(value: float | None) -> float:
    return min(max(value or 0.0, 0.0), 1.0)


def _figure(caption: str, svg: str) -> str:
    return f"<figure><figcaption>{escape(caption)}</figcaption>{svg}</figure>"


def _section(section: Section) -> str:
    heading = f'<h2 id="{section.key}">{escape(section.title)} ({len(section.facts)})</h2>'
    if not section.facts:
        return f'{heading}\n<p class="empty">{escape(section.empty_text)}</p>'
    head = "".join(f"<th>{escape(c.header)}</th>" for c in section.display) + "<th>Sources</th>"
    rows = []
    for fact in section.facts:
        cells = "".join(f"<td>{escape(str(c.value(fact)))}</td>" for c in section.display)
        rows.append(f'<tr id="{fact_anchor(fact)}">{cells}<td>{_disputed(fact)}{_sources(fact.sources)}</td></tr>')
    return f"{heading}\n<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _disputed(fact: Fact) -> str:
    if not fact.conflicts:
        return ""
    fields = escape(", ".join(fact.disputed_fields))
    see = f'<a href="#conflict-{fact_anchor(fact)}">see</a>'
    return f'<div class="disputed">⚠ sources disagree on {fields} ({see})</div>'


def _sources(sources: tuple[Source, ...]) -> str:
    return '<ol class="sources">' + "".join(f"<li>{_cite(s)}</li>" for s in sources) + "</ol>"


def _cite(source: Source) -> str:
    """Title (linked when the URL is a safe http link), outlet and date; the quote as a tooltip."""
    url = safe_url(source.url)
    tip = f' title="{escape(source.quote)}"' if source.quote else ""
    title = escape(source.title)
    name = (f'<a href="{escape(url)}" rel="noopener noreferrer"{tip}>{title}</a>' if url
            else f"<span{tip}>{title}</span>")
    outlet = f"{escape(source.outlet)}, " if source.outlet else ""
    return f'{name} <span class="meta">({outlet}{source_date(source)})</span>'


def _conflicts(report: WeeklyReport) -> str:
    heading = '<h2 id="conflicts">Conflicting figures</h2>'
    if not report.disputed:
        return f'{heading}\n<p class="empty">No conflicting figures among this week\'s facts.</p>'
    head = "<tr><th>Fact</th><th>Field</th><th>Value</th><th>Stated by</th></tr>"
    rows = []
    for fact in report.disputed:
        values = [(c.field, v) for c in fact.conflicts for v in c.values]
        for i, (field, value) in enumerate(values):
            anchor = f' id="conflict-{fact_anchor(fact)}"' if i == 0 else ""
            rows.append(f"<tr{anchor}><td>{escape(fact.label)}</td><td>{escape(field)}</td>"
                        f"<td>{escape(conflict_value_text(field, value.value))}</td>"
                        f"<td>{_sources(value.sources)}</td></tr>")
    return f"{heading}\n<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _footer(report: WeeklyReport) -> str:
    notes = "".join(f"<li>{escape(d)}</li>" for d in DEFINITIONS)
    return (f"<footer><p>Generated {report.generated_at:%Y-%m-%d %H:%M} by accelkb from "
            f"{escape(report.basis_text)}.</p><ul>{notes}</ul></footer>")
