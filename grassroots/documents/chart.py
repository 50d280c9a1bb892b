"""A simple bar chart as SVG (for the PDF) and as PNG drawn with Pillow (for the .docx).

matplotlib is not a dependency; these two small renderers draw the same chart.
"""

from html import escape
from io import BytesIO

FONT_PATH = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BAR = "#1d4ed8"


def _scale(values):
    top = max([v for v in values if v is not None] or [0])
    return top if top > 0 else 1


def svg_bar_chart(labels, values, *, title: str = "", width=640, height=320) -> str:
    n = max(len(labels), 1)
    left, right, top_pad, bottom = 40, 10, 44, 70
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = _scale(values)
    step = plot_w / n
    bar_w = step * 0.6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Noto Sans CJK SC, sans-serif">',
             f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="14">{escape(title)}'
             "</text>",
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" '
             f'y2="{top_pad + plot_h}" stroke="#333"/>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        v = value or 0
        h = plot_h * v / top
        x = left + i * step + (step - bar_w) / 2
        y = top_pad + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                     f'fill="{BAR}"/>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                     f'font-size="11">{v}</text>')
        lx, ly = x + bar_w / 2, top_pad + plot_h + 14
        parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="end" font-size="11" '
                     f'transform="rotate(-35 {lx:.1f} {ly:.1f})">{escape(str(label)[:10])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def png_bar_chart(labels, values, *, title: str = "", width=1280, height=640) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype(FONT_PATH, 22, index=2)  # index 2: the SC face
        title_font = ImageFont.truetype(FONT_PATH, 30, index=2)
    except OSError:
        font = title_font = ImageFont.load_default()
    n = max(len(labels), 1)
    left, right, top_pad, bottom = 80, 20, 70, 140
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = _scale(values)
    step = plot_w / n
    bar_w = step * 0.6
    draw.text((width / 2, 20), title, fill="black", font=title_font, anchor="mt")
    draw.line([(left, top_pad + plot_h), (width - right, top_pad + plot_h)], fill="#333", width=2)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        v = value or 0
        h = plot_h * v / top
        x = left + i * step + (step - bar_w) / 2
        y = top_pad + plot_h - h
        draw.rectangle([x, y, x + bar_w, top_pad + plot_h], fill=BAR)
        draw.text((x + bar_w / 2, y - 6), str(v), fill="black", font=font, anchor="mb")
        text = str(label)[:8]
        # Labels vertical-ish: write them under the bar, two lines if long.
        lines = [text[:4], text[4:]] if len(text) > 4 else [text]
        for j, line in enumerate(lines):
            draw.text((x + bar_w / 2, top_pad + plot_h + 10 + j * 28), line, fill="black",
                      font=font, anchor="mt")
    out = BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def svg_hbar_chart(labels, values, *, title: str = "", width=640, row=20, max_value=100.0,
                   label_chars=12) -> str:
    """Horizontal bars, one row per label: the height grows with the number of labels, so a
    chart of every unit stays readable (labels are not rotated or cut to fit a column)."""
    n = len(labels)
    font = 11
    longest = max([min(len(str(lb)), label_chars) for lb in labels] or [1])
    left, right, top_pad, bottom = longest * font + 12, 44, 32, 8
    height = top_pad + max(n, 1) * row + bottom
    plot_w = width - left - right
    top = max(_scale(values), max_value or 0)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Noto Sans CJK SC, sans-serif">',
             f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="14">{escape(title)}'
             "</text>",
             f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + n * row}" '
             'stroke="#333"/>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top_pad + i * row
        text = str(label)
        if len(text) > label_chars:
            text = text[:label_chars - 1] + "…"
        parts.append(f'<text x="{left - 6}" y="{y + row * 0.7:.1f}" text-anchor="end" '
                     f'font-size="{font}">{escape(text)}</text>')
        if value is None:
            parts.append(f'<text x="{left + 4}" y="{y + row * 0.7:.1f}" font-size="{font}">—'
                         "</text>")
            continue
        w = plot_w * value / top
        parts.append(f'<rect x="{left}" y="{y + row * 0.2:.1f}" width="{w:.1f}" '
                     f'height="{row * 0.6:.1f}" fill="{BAR}"/>')
        parts.append(f'<text x="{left + w + 4:.1f}" y="{y + row * 0.7:.1f}" '
                     f'font-size="{font}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)
