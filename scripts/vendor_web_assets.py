"""Vendor the dashboard's third-party assets into the package, from the npm registry, with their licences.

The dashboard must work offline (no CDN), so every asset is a file of `src/eventwire/web/static/vendor/`.
This script is how those files got there and how to update them: it runs `npm pack NAME@VERSION` for the
pinned versions below, copies the files the dashboard serves plus each package's licence, and turns
world-atlas's Natural Earth TopoJSON (public domain data, ISC-licensed packaging) into the GeoJSON outline
the map draws, with ISO 3166 alpha-3 codes added so countries can be matched to event locations.

Run it from the repository root: `python scripts/vendor_web_assets.py` (needs `npm`; not needed at run time).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pycountry

VENDOR = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "web" / "static" / "vendor"

# package, version, folder under vendor/, files to copy (package-relative) -> name under the folder
PACKAGES = [
    ("leaflet", "1.9.4", "leaflet", {"dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css",
                                     "dist/images/layers.png": "images/layers.png",
                                     "dist/images/layers-2x.png": "images/layers-2x.png",
                                     "dist/images/marker-icon.png": "images/marker-icon.png",
                                     "LICENSE": "LICENSE"}),
    ("swagger-ui-dist", "5.36.0", "swagger-ui", {"swagger-ui-bundle.js": "swagger-ui-bundle.js",
                                                 "swagger-ui-bundle.js.LICENSE.txt": "swagger-ui-bundle.js.LICENSE.txt",
                                                 "swagger-ui.css": "swagger-ui.css", "LICENSE": "LICENSE",
                                                 "NOTICE": "NOTICE"}),
    ("world-atlas", "2.0.2", "world", {"LICENSE": "LICENSE"}),
]


def npm_pack(name: str, version: str, workdir: Path) -> Path:
    """The unpacked `package/` folder of NAME@VERSION from the npm registry."""
    out = subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=workdir, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    target = workdir / name
    with tarfile.open(workdir / out) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    """TopoJSON arcs as absolute lon/lat points (they are stored quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 3), round(y * sy + ty, 3)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """One closed ring from arc indexes (~i is arc i reversed); shared end points are kept once."""
    points: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def alpha3(numeric: str | None) -> str | None:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_3 if country else None


def topojson_to_geojson(topology: dict, name: str = "countries") -> dict:
    arcs = decode_arcs(topology)
    features = []
    for geom in topology["objects"][name]["geometries"]:
        if geom["type"] == "Polygon":
            coordinates = [ring(r, arcs) for r in geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            coordinates = [[ring(r, arcs) for r in polygon] for polygon in geom["arcs"]]
        else:
            continue
        features.append({"type": "Feature",
                         "properties": {"name": geom.get("properties", {}).get("name"),
                                        "iso_a3": alpha3(geom.get("id"))},
                         "geometry": {"type": geom["type"], "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, version, folder, files in PACKAGES:
            package = npm_pack(name, version, Path(tmp))
            target = VENDOR / folder
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for source, dest in files.items():
                (target / dest).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(package / source, target / dest)
            if name == "world-atlas":
                topology = json.loads((package / "countries-110m.json").read_text())
                geojson = topojson_to_geojson(topology)
                (target / "countries-110m.geojson").write_text(json.dumps(geojson, separators=(",", ":")))
            (target / "VERSION").write_text(f"{name}@{version} (npm)\n")
            print(f"vendored {name}@{version} into {target.relative_to(VENDOR.parents[3])}")


if __name__ == "__main__":
    main()
