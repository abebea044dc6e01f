"""The spread of a solution as a small graph: where it comes from in the centre, the cities
that use it around it. Coordinates are computed here and drawn by a template as inline SVG,
so the page needs no JavaScript; the figure's caption says the same in words."""

import math
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext as _

SIZE = 360
RADIUS = 130
MAX_CITIES = 16  # more would not be readable; the list beside the graph names them all


@dataclass
class Node:
    label: str
    url: str = ""
    x: float = SIZE / 2
    y: float = SIZE / 2


def spread(centre_label, cities):
    """`cities`: (name, url) of each city using the solution, besides the centre."""
    shown = cities[:MAX_CITIES]
    nodes = []
    for i, (name, url) in enumerate(shown):
        angle = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        nodes.append(
            Node(
                name,
                url,
                round(SIZE / 2 + RADIUS * math.cos(angle), 1),
                round(SIZE / 2 + RADIUS * math.sin(angle), 1),
            )
        )
    names = ", ".join(name for name, _url in cities)
    text = format_lazy(
        _("From {centre} to {count} more cities: {names}."),
        centre=centre_label,
        count=len(cities),
        names=names,
    )
    return {"size": SIZE, "center": Node(centre_label), "cities": nodes, "text": text}
