"""What the results page shows: the comparison table (one row per city, one column per
question) and, per choice question, the counts and a bar chart drawn on the server."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

CITY_COLUMN = "stadt"

# The bar chart's geometry, in SVG user units (the SVG scales to the width it is given).
CHART_WIDTH, LABEL_WIDTH, BAR_HEIGHT, GAP = 640, 240, 22, 10
BAR_SPACE = CHART_WIDTH - LABEL_WIDTH - 60


@dataclass
class Row:
    city: object
    answer: object
    cells: list


@dataclass
class Bar:
    label: str
    count: int
    y: int = 0
    width: int = 0

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 6

    @property
    def count_x(self):
        return LABEL_WIDTH + self.width + 6


@dataclass
class Chart:
    question: object
    bars: list = field(default_factory=list)
    answered: int = 0

    width = CHART_WIDTH
    label_width = LABEL_WIDTH
    bar_height = BAR_HEIGHT

    @property
    def height(self):
        return len(self.bars) * (BAR_HEIGHT + GAP) + GAP

    @property
    def summary(self):
        """The chart in words: its text alternative."""
        counts = "; ".join(f"{bar.label}: {bar.count}" for bar in self.bars)
        return _("%(question)s – %(answered)s answers. %(counts)s") % {
            "question": self.question.label,
            "answered": self.answered,
            "counts": counts,
        }


def table(questions, answers, sort=""):
    """Rows of the answering cities, sorted by the city's name or by a question's column
    (`sort`, with `-` in front: descending). Cities without an answer in that column come
    last either way."""
    rows = [
        Row(answer.city, answer, [q.as_text(answer.data.get(q.id)) for q in questions])
        for answer in answers
    ]
    descending = sort.startswith("-")
    key = sort.lstrip("-") or CITY_COLUMN
    rows.sort(key=lambda row: row.city.title.casefold())
    if key == CITY_COLUMN:
        rows.sort(key=lambda row: row.city.title.casefold(), reverse=descending)
        return rows
    question = next((q for q in questions if q.id == key), None)
    if question is None:
        return rows
    answered = [row for row in rows if row.answer.data.get(key) is not None]
    unanswered = [row for row in rows if row.answer.data.get(key) is None]
    answered.sort(key=lambda row: question.sort_key(row.answer.data[key]), reverse=descending)
    return answered + unanswered


def charts(questions, answers):
    result = []
    for question in questions:
        if not question.chartable:
            continue
        counts = dict.fromkeys(question.options, 0)
        answered = 0
        for answer in answers:
            chosen = question.chosen(answer.data.get(question.id))
            answered += bool(chosen)
            for option in chosen:
                # An option renamed after cities answered keeps its own bar.
                counts[option] = counts.get(option, 0) + 1
        chart = Chart(question, [Bar(label, n) for label, n in counts.items()], answered)
        most = max(counts.values(), default=0) or 1
        for index, bar in enumerate(chart.bars):
            bar.y = GAP + index * (BAR_HEIGHT + GAP)
            bar.width = round(BAR_SPACE * bar.count / most)
        result.append(chart)
    return result


@dataclass
class Column:
    label: str
    href: str
    # For `aria-sort` on the column's header: "ascending", "descending" or "none".
    sorted: str


def columns(questions, sort, region):
    """The table's headers, each a link that sorts by it (and the other way round when it
    sorts already): sorting works without JavaScript."""
    current = sort.lstrip("-") or CITY_COLUMN
    result = []
    for key, label in [(CITY_COLUMN, _("City")), *((q.id, q.label) for q in questions)]:
        if key == current:
            state = "descending" if sort.startswith("-") else "ascending"
            target = key if state == "descending" else f"-{key}"
        else:
            state, target = "none", key
        query = urlencode(
            {"region": region, "sortierung": target} if region else {"sortierung": target}
        )
        result.append(Column(label, f"?{query}", state))
    return result
