"""Charts: valid SVG and PNG, small counts never drawn or written at their size.

matplotlib draws SVG text as paths here (``svg.fonttype`` is left at "path"), so the
words are not <text> elements: each piece of text is preceded by an XML comment
holding it, which is what these tests read, alongside the figure's own objects.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from analysis.charts import (
    BAR,
    SENTIMENT_COLOURS,
    SMALL,
    alt_text,
    bar_chart,
    render,
    responses_per_day,
)

SVG = "{http://www.w3.org/2000/svg}"
ROWS = [("Transport", 40), ("Bullying", 3), ("Phones and online", 12), ("Exams", 0)]


def svg_root(data: bytes) -> ET.Element:
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    parser.feed(data)
    return parser.close()


def svg_words(data: bytes) -> list[str]:
    """The text matplotlib wrote into the SVG (as comments before each path group)."""
    return [str(node.text).strip() for node in svg_root(data).iter(ET.Comment)]


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def annotations(figure) -> list[str]:
    return [text.get_text() for text in figure.axes[0].texts]


def test_svg_is_valid_and_holds_every_label():
    data = render(bar_chart(ROWS, "Themes in answers"), "svg")
    root = svg_root(data)
    assert root.tag == f"{SVG}svg"
    words = svg_words(data)
    for label in ("Transport", "Bullying", "Phones and online", "Exams", "Themes in answers"):
        assert label in words
    assert "Answers" in words  # the axis label (unit)
    assert "40" in words and "12" in words and "0" in words


def test_small_counts_are_written_as_fewer_than_5():
    figure = bar_chart(ROWS, "Themes in answers")
    data = render(figure, "svg")
    words = svg_words(data)
    assert "fewer than 5" in words
    # The x axis here runs 0, 10, 20, ...: a "3" anywhere would be the small count.
    assert "3" not in words
    # Bars are listed bottom to top: the largest row is drawn at the top.
    assert annotations(figure) == ["0", "12", "fewer than 5", "40"]


@pytest.mark.parametrize("small", [1, 2, 3, 4])
def test_a_small_count_is_drawn_at_five_and_grey(small):
    figure = bar_chart([("Transport", 40), ("Bullying", small)], "Themes")
    axes = figure.axes[0]
    [bullying, transport] = axes.patches
    assert bullying.get_width() == 5
    assert transport.get_width() == 40
    assert bullying.get_hatch() == "//"
    assert bullying.get_facecolor() == pytest.approx((177 / 255, 180 / 255, 182 / 255, 1.0))
    assert annotations(figure) == ["fewer than 5", "40"]
    assert [label.get_text() for label in axes.get_yticklabels()] == ["Bullying", "Transport"]
    text = alt_text("Themes", [("Transport", 40), ("Bullying", small)])
    assert numbers(text) == ["40", "5"]
    assert "Bullying fewer than 5" in text


def test_five_is_shown_as_it_is():
    figure = bar_chart([("Transport", 5)], "Themes")
    assert annotations(figure) == ["5"]
    assert figure.axes[0].patches[0].get_hatch() is None
    assert alt_text("Themes", [("Transport", 5)]) == "Themes. Bar chart of answers: Transport 5."


def test_colours_are_used_but_small_counts_stay_grey():
    rows = [("positive", 30), ("negative", 2), ("neutral", 9)]
    colours = [SENTIMENT_COLOURS[label] for label, _ in rows]
    figure = bar_chart(rows, "Sentiment", colours=colours)
    neutral, negative, positive = figure.axes[0].patches
    assert positive.get_facecolor() == pytest.approx((0, 0x72 / 255, 0xB2 / 255, 1.0))
    assert neutral.get_facecolor() == pytest.approx((0x50 / 255, 0x5A / 255, 0x5F / 255, 1.0))
    assert negative.get_facecolor() == pytest.approx((0xB1 / 255, 0xB4 / 255, 0xB6 / 255, 1.0))
    assert SMALL == "#b1b4b6" and BAR == "#5b2a86"


def test_png_starts_with_the_png_signature():
    data = render(bar_chart(ROWS, "Themes"), "png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 1000


def test_png_output_is_repeatable():
    assert render(bar_chart(ROWS, "Themes"), "png") == render(bar_chart(ROWS, "Themes"), "png")


@pytest.mark.parametrize("kind", ["pdf", "SVG", "", "jpg"])
def test_unknown_kind_is_refused(kind):
    with pytest.raises(ValueError, match="unknown chart format"):
        render(bar_chart(ROWS, "Themes"), kind)


def test_svg_has_no_timestamp():
    data = render(bar_chart(ROWS, "Themes"), "svg")
    assert b"<dc:date>" not in data


def test_svg_output_is_repeatable_byte_for_byte():
    assert render(bar_chart(ROWS, "Themes"), "svg") == render(bar_chart(ROWS, "Themes"), "svg")


def test_responses_per_day_is_repeatable_byte_for_byte():
    days = [(dt.date(2026, 3, 2), 3), (dt.date(2026, 3, 3), 9)]
    assert responses_per_day(days, "Per day") == responses_per_day(days, "Per day")


def test_svg_output_is_repeatable_apart_from_generated_ids():
    def without_ids(data: bytes) -> bytes:
        return re.sub(rb"(#|id=\")[a-z][0-9a-f]{10}", rb"\1ID", data)

    first = render(bar_chart(ROWS, "Themes"), "svg")
    second = render(bar_chart(ROWS, "Themes"), "svg")
    assert without_ids(first) == without_ids(second)


def test_alt_text_mentions_every_label_in_order():
    text = alt_text("Themes in answers", ROWS)
    assert text == (
        "Themes in answers. Bar chart of answers: Transport 40, Bullying fewer than 5, "
        "Phones and online 12, Exams 0."
    )
    assert "3" not in numbers(text)


@pytest.mark.parametrize("small", [1, 2, 3, 4])
def test_alt_text_never_has_a_small_number(small):
    text = alt_text("Who answered", [("Year 7", small), ("Year 8", 20)], unit="young people")
    assert str(small) not in numbers(text)
    assert numbers(text) == ["7", "5", "8", "20"]  # year groups, "fewer than 5", the count
    assert text == "Who answered. Bar chart of young people: Year 7 fewer than 5, Year 8 20."


def test_alt_text_when_nothing_yet():
    assert alt_text("Themes", []) == "Themes: no answers yet."
    assert alt_text("Themes", [], unit="quotes") == "Themes: no quotes yet."


def test_an_empty_chart_still_renders():
    data = render(bar_chart([], "Themes"), "svg")
    assert svg_root(data).tag == f"{SVG}svg"


def test_responses_per_day_hides_small_days():
    start = dt.date(2026, 3, 2)
    days = [(start + dt.timedelta(days=n), count) for n, count in enumerate([12, 3, 0, 25])]
    data = responses_per_day(days, "Responses per day")
    root = svg_root(data)
    assert root.tag == f"{SVG}svg"
    words = svg_words(data)
    assert "Responses per day" in words and "Responses" in words
    # The small day is a hatched bar of height 5: a hatch pattern is defined.
    assert root.find(f".//{SVG}pattern") is not None
    assert "3" not in words


MATHS_LOOKALIKES = ["Hope $ave", "a $\\frac{$ b", "x $^$ y", "cost $5 to $10"]


@pytest.mark.parametrize("label", MATHS_LOOKALIKES)
def test_labels_with_dollar_signs_are_drawn_as_written(label):
    figure = bar_chart([(label, 12), ("Other", 8)], f"Title {label}")
    render(figure, "png")  # no maths parsing: nothing to fail on
    shown = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert shown[-1].replace("\\$", "$") == label


@pytest.mark.parametrize("label", MATHS_LOOKALIKES)
def test_audit_charts_draw_any_agency_name(label):
    from analysis import audit_charts

    audit_charts.png(audit_charts.heatmap([label], ["S1"], [[0.5]], label))
    audit_charts.png(audit_charts.standard_bars(["S1"], [0.5], [None], label))
