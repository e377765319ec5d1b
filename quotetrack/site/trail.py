"""A statement's trail as a picture: an SVG timeline drawn on the server (no
script), one node per report in time order — the publisher, the outlet the
words came through (or its own reporting), the kind and wording — first
reports marked, ties bracketed. Its viewBox is narrow (360 units), so it is
readable at 400 px and scales up."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 360
ROW = 48
TOP = 16
AXIS_X = 96
BOX_X = 112


def trail_reports(quotes: list[dict]) -> list[dict]:
    """One node per report: an article's first quote of the statement (its pull
    quotes left out), in the order given (time order)."""
    seen, nodes = set(), []
    for q in quotes:
        if q.get("pull_quote_of") or q["article_id"] in seen:
            continue
        seen.add(q["article_id"])
        nodes.append(q)
    return nodes


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def trail_svg(quotes: list[dict]) -> Markup:
    """The SVG of the trail of ``quotes`` (rows of the utterance page, in time order)."""
    nodes = trail_reports(quotes)
    height = TOP * 2 + ROW * max(1, len(nodes))
    parts = [f'<svg class="qt-trail-svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
             f'aria-labelledby="qt-trail-svg-t" xmlns="http://www.w3.org/2000/svg">',
             '<title id="qt-trail-svg-t">How the statement travelled: its reports in time order</title>',
             f'<line x1="{AXIS_X}" y1="{TOP}" x2="{AXIS_X}" y2="{height - TOP}" class="qt-axis"/>']
    firsts = [i for i, q in enumerate(nodes) if q.get("first")]
    if len(firsts) > 1:  # a tie: a bracket over the reports nothing orders
        y1, y2 = TOP + ROW * firsts[0] + 10, TOP + ROW * firsts[-1] + 26
        parts.append(f'<path d="M{AXIS_X - 9} {y1} h-4 V{y2} h4" class="qt-tie"/>')
    for i, q in enumerate(nodes):
        y = TOP + ROW * i
        first = bool(q.get("first"))
        date = q.get("date") or "undated"
        publisher = q.get("publisher_name") or "unknown publisher"
        if q.get("via_outlet_id") and q.get("first_hand"):
            channel = "own reporting"
        elif q.get("via_outlet_id"):
            channel = f"via {q.get('via_name') or 'another outlet'}"
        else:
            channel = "no channel named"
        detail = " · ".join(x for x in (q.get("kind"), channel, q.get("wording")) if x)
        parts.append(
            f'<g class="qt-node{" qt-node-first" if first else ""}">'
            f'<text x="{AXIS_X - 18}" y="{y + 22}" class="qt-date" text-anchor="end">{escape(date)}</text>'
            f'<circle cx="{AXIS_X}" cy="{y + 18}" r="{6 if first else 4}"/>'
            f'<rect x="{BOX_X}" y="{y + 2}" width="{WIDTH - BOX_X - 4}" height="{ROW - 8}" rx="4"/>'
            f'<text x="{BOX_X + 8}" y="{y + 19}" class="qt-pub">{escape(_clip(publisher, 20 if first else 34))}'
            f'{(" — first (a tie)" if len(firsts) > 1 else " — first") if first else ""}</text>'
            f'<text x="{BOX_X + 8}" y="{y + 34}" class="qt-detail">{escape(_clip(detail, 42))}</text>'
            f'</g>')
    parts.append("</svg>")
    return Markup("".join(parts))
