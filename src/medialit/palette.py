"""The kit's colours in one place, with the role each plays, so contrast is checked once.

Every colour is Okabe & Ito's colour-blind-safe set (https://jfly.uni-koeln.de/color/)
or a darker shade of one of them: the plain Okabe–Ito colours are light (orange on
white is 2.25:1, yellow 1.32:1), so anything drawn thin on a page — text, an
underline, an outline — uses the dark shade, which keeps the hue family and reaches
WCAG 2.2 AA (4.5:1 for text, 3:1 for non-text cues). Light fills (chart bars, span
tints) keep the original colours but always carry a dark edge, a line style or a
hatch and a text label, so colour is never the only cue. tests/test_palette.py
computes every ratio listed in `CONTRAST_PAIRS`.
"""

from __future__ import annotations

__all__ = [
    "BACKGROUND",
    "CONTRAST_PAIRS",
    "DARK",
    "LABEL_STYLES",
    "OKABE_ITO",
    "ROLES",
    "SEQUENTIAL",
    "STATUS",
    "CATEGORY_FILLS",
    "contrast",
    "css_variables",
    "mix",
    "readable_text_on",
    "tint",
]

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
"""Okabe & Ito (2008): orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple,
black. For fills that carry a dark edge and a hatch (charts), never for thin lines or text."""

DARK = {
    "orange": "#9C6C00",
    "sky blue": "#177AB2",
    "bluish green": "#008561",
    "yellow": "#80770A",
    "blue": "#0072B2",
    "vermillion": "#C05500",
    "reddish purple": "#BB4C8A",
    "black": "#000000",
}
"""Each Okabe–Ito hue darkened (HLS lightness) until it reads as text on white (≥ 4.5:1)."""

BACKGROUND = "#FFFFFF"
TINT_SHARE = 0.12  # how much of a label's colour tints the words it marks

ROLES = {
    "text": "#1A1A1A",
    "muted text": "#595959",
    "background": BACKGROUND,
    "panel": "#F4F4F4",  # buttons and paragraph numbers
    "border": "#767676",  # control outlines (3:1 on white and on the panel)
    "focus": DARK["blue"],  # focus rings and the keyboard cursor's outline
    "cursor fill": "#FFF2C6",  # behind the keyboard cursor; the outline is the cue
    "missed": "#000000",  # dashed outline of a span the key has and the learner missed
    "extra": DARK["vermillion"],  # dotted outline of a span the key does not have
    "error text": "#B30000",
}

LABEL_STYLES = tuple(
    {"colour": DARK[hue], "line": line}
    for hue, line in (
        ("blue", "solid"),
        ("vermillion", "double"),
        ("bluish green", "dotted"),
        ("reddish purple", "dashed"),
        ("orange", "wavy"),
        ("black", "solid"),
    )
)
"""Annotator labels (and loaded-language techniques): a dark colour plus its own line style."""

STATUS = {
    "correct": DARK["bluish green"],
    "partial": DARK["orange"],
    "incorrect": DARK["vermillion"],
    "unanswered": ROLES["muted text"],
    "error": DARK["reddish purple"],
}
"""Self-check results: used as text and as a border; each always has a symbol and words too."""

CATEGORY_FILLS = (
    *OKABE_ITO[:7],
    *("#332288", "#882255", "#999933", "#44AA99", "#CC6677", "#DDDDDD", "#88CCEE"),
)
"""One chart fill per category: Okabe–Ito without black (it hides a hatch), then Paul Tol's
'muted' colours (https://personal.sron.nl/~pault/); each is always paired with its own hatch
and a black outline, so neither colour nor pattern alone carries the category."""

SEQUENTIAL = ("#F7FBFF", "#D2E3F3", "#9ECAE1", "#4A98C9", "#1764AB")
"""Light to dark blue for "more" (dashboard cells); the value is always written on the cell,
in `readable_text_on(shade)`."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    code = colour.lstrip("#")
    if len(code) == 3:
        code = "".join(ch * 2 for ch in code)
    if len(code) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    r, g, b = (_channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, base: str = BACKGROUND, share: float = TINT_SHARE) -> str:
    """`share` of `colour` laid over `base`, as the browser's color-mix(in srgb) computes it."""
    top, bottom = _rgb(colour), _rgb(base)
    return "#" + "".join(
        f"{round(t * share + b * (1 - share)):02X}" for t, b in zip(top, bottom, strict=True)
    )


def tint(colour: str) -> str:
    """The light background behind words marked with `colour`."""
    return mix(colour, BACKGROUND, TINT_SHARE)


def readable_text_on(background: str) -> str:
    """Black or white, whichever contrasts more with `background`."""
    black, white = contrast("#000000", background), contrast("#FFFFFF", background)
    return "#000000" if black >= white else "#FFFFFF"


def css_variables(prefix: str = "--mla") -> str:
    """The roles as CSS custom properties on the widget's root (`.mla-root`)."""
    lines = [f"  {prefix}-{name.replace(' ', '-')}: {value};" for name, value in ROLES.items()]
    lines.append(f"  {prefix}-tint-share: {TINT_SHARE * 100:g}%;")
    return ".mla-root {\n" + "\n".join(lines) + "\n}\n"


def _pairs() -> list[tuple[str, str, str, float]]:
    """(what, foreground, background, required ratio) for every pairing the kit draws."""
    text, nontext = 4.5, 3.0
    pairs = [
        ("body text on the page", ROLES["text"], BACKGROUND, text),
        ("muted text on the page", ROLES["muted text"], BACKGROUND, text),
        ("text on a button or paragraph number", ROLES["text"], ROLES["panel"], text),
        ("muted text on a panel", ROLES["muted text"], ROLES["panel"], text),
        ("error text", ROLES["error text"], BACKGROUND, text),
        ("control border on the page", ROLES["border"], BACKGROUND, nontext),
        ("control border on a panel", ROLES["border"], ROLES["panel"], nontext),
        ("focus ring on the page", ROLES["focus"], BACKGROUND, nontext),
        ("focus ring on a button", ROLES["focus"], ROLES["panel"], nontext),
        ("keyboard cursor outline on its fill", ROLES["focus"], ROLES["cursor fill"], nontext),
        ("text under the keyboard cursor", ROLES["text"], ROLES["cursor fill"], text),
        ("missed-span outline", ROLES["missed"], BACKGROUND, nontext),
        ("extra-span outline", ROLES["extra"], BACKGROUND, nontext),
    ]
    for style in LABEL_STYLES:
        colour = style["colour"]
        pairs += [
            (f"label underline {colour} on the page", colour, BACKGROUND, nontext),
            (f"label underline {colour} on its own tint", colour, tint(colour), nontext),
            (f"label underline {colour} under a button", colour, ROLES["panel"], nontext),
            (f"text on the {colour} tint", ROLES["text"], tint(colour), text),
            (f"label underline {colour} on the cursor fill", colour, ROLES["cursor fill"], nontext),
        ]
    for status, colour in STATUS.items():
        pairs.append((f"status text '{status}'", colour, BACKGROUND, text))
    for name, colour in DARK.items():  # loaded-language underlines, status text, heat maps
        pairs.append((f"dark {name} as text or a line on the page", colour, BACKGROUND, text))
    for shade in SEQUENTIAL:
        pairs.append((f"value text on shade {shade}", readable_text_on(shade), shade, text))
    # Chart bars are Okabe–Ito fills outlined in black (plus a hatch per series): the
    # outline sets each mark off from the page and from the next stacked segment.
    pairs.append(("chart mark outline on the page", "#000000", BACKGROUND, nontext))
    for colour in CATEGORY_FILLS:  # the outline or the hatch, whichever ink reads on the fill
        ink = readable_text_on(colour)
        pairs.append((f"chart outline or hatch against fill {colour}", ink, colour, nontext))
    return pairs


CONTRAST_PAIRS = _pairs()
