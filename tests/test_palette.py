"""WCAG 2.2 AA contrast, computed from the kit's own palette and from the CSS it ships."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medialit import palette
from medialit.palette import CONTRAST_PAIRS, contrast, readable_text_on, tint

WIDGETS = Path(palette.__file__).parent / "widgets"


def test_contrast_formula_matches_known_wcag_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    # the failing pairs measured in the browser (issue 15), recomputed here
    assert contrast("#E69F00", "#FFFFFF") == pytest.approx(2.25, abs=0.01)
    assert contrast("#F0E442", "#FFFFFF") == pytest.approx(1.32, abs=0.01)
    assert contrast("#FFFFFF", "#4A98C9") == pytest.approx(3.17, abs=0.01)


@pytest.mark.parametrize("what, foreground, background, needed", CONTRAST_PAIRS)
def test_every_pair_the_kit_draws_passes_its_ratio(what, foreground, background, needed):
    ratio = contrast(foreground, background)
    assert ratio >= needed, f"{what}: {foreground} on {background} is {ratio:.2f}:1, needs {needed}"


def test_pairs_cover_every_label_status_and_shade():
    drawn = {(f, b) for _, f, b, _ in CONTRAST_PAIRS}
    for style in palette.LABEL_STYLES:
        assert (style["colour"], tint(style["colour"])) in drawn
    for colour in palette.STATUS.values():
        assert (colour, palette.BACKGROUND) in drawn
    for shade in palette.SEQUENTIAL:
        assert (readable_text_on(shade), shade) in drawn


def test_dark_shades_keep_their_okabe_ito_hue():
    import colorsys

    for (name, dark), light in zip(palette.DARK.items(), palette.OKABE_ITO, strict=True):
        if name == "black":
            continue
        hue_dark = colorsys.rgb_to_hls(*(v / 255 for v in palette._rgb(dark)))[0]
        hue_light = colorsys.rgb_to_hls(*(v / 255 for v in palette._rgb(light)))[0]
        assert abs(hue_dark - hue_light) < 0.02, name


def test_annotator_css_uses_only_palette_colours():
    css = (WIDGETS / "annotator.css").read_text(encoding="utf-8")
    literals = re.findall(r"#[0-9A-Fa-f]{3,8}\b|rgba?\(|hsla?\(|\b(?:white|black|gray|grey)\b", css)
    assert literals == [], f"colours in annotator.css must come from palette variables: {literals}"
    used = set(re.findall(r"var\((--mla-[\w-]+)", css))
    defined = set(re.findall(r"(--mla-[\w-]+):", palette.css_variables())) | {
        "--mla-colour",  # a label's colour, set per element from LABEL_STYLES
        "--mla-line",
    }
    assert used <= defined, f"undefined CSS variables: {used - defined}"


def test_widgets_ship_the_palette_as_css_variables():
    from medialit.widgets.annotator import Annotator

    css = Annotator._css if isinstance(Annotator._css, str) else Path(Annotator._css).read_text()
    assert palette.css_variables() in css


def test_black_or_white_text_reads_on_any_shade():
    from medialit.palette import DARK, mix

    for share in [i / 20 for i in range(21)]:
        for colour in [*palette.OKABE_ITO, *DARK.values()]:
            shade = mix(colour, share=share)
            assert contrast(readable_text_on(shade), shade) >= 4.5, shade


def test_loaded_language_underlines_use_dark_shades():
    from medialit.language import TECHNIQUES, _style

    for technique in TECHNIQUES:
        colour, _ = _style(technique)
        assert contrast(colour, palette.BACKGROUND) >= 4.5, (technique, colour)


def test_chart_alt_text_is_in_alt_only():
    from medialit.corpus import load_articles
    from medialit.plots import readability_chart

    chart = readability_chart(load_articles(["A", "B"]))
    shown = chart._repr_html_()
    assert f'alt="{chart.alt_text[:40]}' in shown
    assert "figcaption" not in shown and shown.count(chart.alt_text[:40]) == 1


def test_no_colour_is_written_outside_the_palette():
    """Every colour the kit draws comes from medialit.palette, so the pairs above cover it."""
    package = Path(palette.__file__).parent
    colour = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b|rgba?\(")
    found = {}
    for path in [*package.rglob("*.py"), *package.rglob("*.js"), *package.rglob("*.css")]:
        if path.name == "palette.py":
            continue
        hits = colour.findall(path.read_text(encoding="utf-8"))
        if hits:
            found[str(path.relative_to(package))] = hits
    assert found == {}
