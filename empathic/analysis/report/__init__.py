"""Reports of a conversation analysis: terminal text, a self-contained HTML page, an SVG chart."""

from empathic.analysis.report.html import render_html
from empathic.analysis.report.terminal import render_text

__all__ = ["render_html", "render_text"]
