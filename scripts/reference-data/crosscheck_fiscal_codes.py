#!/usr/bin/env python3
"""Fiscal-code cases with the verdicts of an independent implementation, PyPI python-codicefiscale.

    crosscheck_fiscal_codes.py --out FILE [--seed N] [--people N] [--today YYYY-MM-DD]

Writes a tab-separated file read by the C++ cross-check test (tests/unit/reference/
crosscheck_fiscal_codes.cc), which asserts that services/reference agrees on every case. Runs
itself inside .run/crosscheck-venv (scripts/reference-data/setup-venv.sh test). The cases are
drawn from a seeded generator, so a run is reproducible for a given seed and package versions:

  person    a random person (faker it_IT names, some hand-picked hard names; born 1930-2010 in a
            current municipality, a suppressed one, or abroad, always a place in force on the
            birth date): the code python-codicefiscale encodes, and its decoding
  omocode   omocodia variants of those codes (all 128 for a few people, one for many)
  corrupt   codes broken on purpose: wrong check letter, month letter, day, length, swapped
            characters, letters in digit positions, lower case, unknown or expired birth places
  century   codes whose two-digit year is this year's with a day still to come: the one place
            where python-codicefiscale's century rule differs from ours (see the C++ test)

Columns: kind, code, py_valid (1/0), py_sex, py_birth_date, py_place, surname, name, sex,
birth_date, place, py_encoded (the last six for person cases only). The first line is
`# today=YYYY-MM-DD seed=N`. python-codicefiscale reads the clock to choose the century; it is
given --today instead (default 2026-03-15), so the file is the same bytes on any day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import string
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MONTHS = "ABCDEHLMPRST"
OMOCODE = "LMNPQRSTUV"
DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14]
# Names that exercise the rules: accents, apostrophes, spaces, short names, foreign letters.
HARD_SURNAMES = ["D'Angelo", "Dell'Orto", "De Santis", "Lo Russo", "Dalla Valle", "Fo", "Re",
                 "Oca", "Ai", "Yu", "Müller", "Öztürk", "Çelik", "Śliwińska", "Nuñez", "D'Alò",
                 "Niccolò", "Straßer", "Ødegård", "Dvořák", "Łukasik", "O'Brien", "Mc Kay",
                 "Sant'Ambrogio", "Giò", "Pè", "Wójcik", "Æbelø", "La Rosa", "Dì Marco"]
HARD_NAMES = ["Niccolò", "Gianfranco", "Maria Luisa", "Zoë", "José", "Ñandú", "Ugo", "Eva", "Al",
              "Ia", "Francesca", "Giovanni", "Anna Maria", "Pier Paolo", "Jean-Luc", "Seán",
              "Bjørn", "Ægir", "Łucja", "Jiří", "Ilaria", "Ottavio", "Ivo", "Oe", "Ai", "Io"]


def ensure_venv() -> None:
    venv = Path(os.environ.get("SISL_CROSSCHECK_VENV", REPO / ".run" / "crosscheck-venv"))
    if Path(sys.prefix).resolve() == venv.resolve():
        return
    python = subprocess.run(
        [str(REPO / "scripts" / "reference-data" / "setup-venv.sh"), "test"],
        check=True, stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
    os.execv(python, [python, __file__, *sys.argv[1:]])


def pin_today(module, today: dt.date) -> None:
    """Makes `module`'s datetime.now() return `today`, keeping isinstance checks working."""

    class _Meta(type):
        def __instancecheck__(cls, obj):
            return isinstance(obj, dt.datetime)

    class PinnedDatetime(dt.datetime, metaclass=_Meta):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(today.year, today.month, today.day)

    module.datetime = PinnedDatetime


def with_check(first15: str) -> str:
    from codicefiscale import codicefiscale as cf

    return first15 + cf.encode_cin(first15)


def verdict(code: str) -> tuple[str, str, str, str]:
    """python-codicefiscale's decoding: (valid, sex, birth date, birth place code)."""
    from codicefiscale import codicefiscale as cf

    try:
        d = cf.decode(code)
    except ValueError:
        return "0", "", "", ""
    return "1", d["gender"], d["birthdate"].date().isoformat(), d["birthplace"]["code"]


def day_of(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def places_on(places: list[dict], day: dt.date) -> list[dict]:
    return [p for p in places
            if (day_of(p["date_created"]) or dt.date.min) <= day <= (day_of(p["date_deleted"])
                                                                       or dt.date.max)]


def main() -> None:
    ensure_venv()
    from codicefiscale import codicefiscale as cf
    from codicefiscale.data import get_countries_data, get_municipalities_data
    from faker import Faker

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20260315)
    parser.add_argument("--people", type=int, default=6000)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 3, 15))
    args = parser.parse_args()
    today = args.today
    pin_today(cf, today)

    rng = random.Random(args.seed)
    fake = Faker("it_IT")
    fake.seed_instance(args.seed)
    municipalities = [m for m in get_municipalities_data() if len(m["code"]) == 4]
    current = [m for m in municipalities if m["active"]]
    suppressed = [m for m in municipalities if not m["active"]]
    countries = get_countries_data()

    rows: list[list[str]] = []
    codes: list[str] = []
    first, last = dt.date(1930, 1, 1).toordinal(), dt.date(2010, 12, 31).toordinal()
    for i in range(args.people):
        born = dt.date.fromordinal(rng.randint(first, last))
        sex = rng.choice("MF")
        pool = rng.choices([current, suppressed, countries], weights=[6, 2, 2])[0]
        candidates = places_on(rng.sample(pool, min(len(pool), 400)), born) or places_on(
            current, born)
        place = rng.choice(candidates)["code"]
        if i % 10 == 0:
            surname, name = rng.choice(HARD_SURNAMES), rng.choice(HARD_NAMES)
        else:
            surname = fake.last_name()
            name = fake.first_name_male() if sex == "M" else fake.first_name_female()
        code = cf.encode(surname, name, sex, born.isoformat(), place)
        codes.append(code)
        rows.append(["person", code, *verdict(code), surname, name, sex, born.isoformat(), place,
                     code])

    for code in codes[:10]:
        for variant in cf.decode(code)["omocodes"]:
            rows.append(["omocode", variant, *verdict(variant)] + [""] * 6)
    for code in rng.sample(codes, 2000):
        variant = rng.choice(cf.decode(code)["omocodes"][1:])
        rows.append(["omocode", variant, *verdict(variant)] + [""] * 6)

    for code in rng.sample(codes, 3600):
        bad = corrupt(code, rng, rng.randrange(9), suppressed, today)
        rows.append(["corrupt", bad, *verdict(bad)] + [""] * 6)

    yy = today.year % 100
    for days in range(1, 21):  # later this year: python-codicefiscale says this year
        later = today + dt.timedelta(days=days * 13)
        if later.year != today.year:
            break
        code = with_check(f"RSSMRA{yy:02d}{MONTHS[later.month - 1]}{later.day:02d}L219")
        rows.append(["century", code, *verdict(code)] + [""] * 6)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write(f"# today={today.isoformat()} seed={args.seed}\n")
        f.write("kind\tcode\tpy_valid\tpy_sex\tpy_birth_date\tpy_place\tsurname\tname\tsex\t"
                "birth_date\tplace\tpy_encoded\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"crosscheck: {len(rows)} cases written to {args.out}")


def corrupt(code: str, rng: random.Random, how: int, suppressed: list[dict],
            today: dt.date) -> str:
    """`code` broken in one way; the check letter is recomputed when only the part is wrong."""
    first15 = list(code[:15])
    if how == 0:  # a wrong check letter
        return code[:15] + rng.choice([c for c in string.ascii_uppercase if c != code[15]])
    if how == 1:  # a letter that is not a month
        first15[8] = rng.choice([c for c in string.ascii_uppercase if c not in MONTHS])
        return with_check("".join(first15))
    if how == 2:  # a day that does not exist: 00, 32-40, 72-99, 30/31 February, 31 April
        day = rng.choice([0, 32, 35, 40, 72, 80, 99, 30, 31])
        first15[9:11] = f"{day:02d}"
        if day in (30, 31):
            first15[8] = "B"
        return with_check("".join(first15))
    if how == 3:  # one character too few or too many
        return code[:-1] if rng.random() < 0.5 else code + rng.choice(string.ascii_uppercase)
    if how == 4:  # two adjacent characters swapped
        i = rng.randrange(15)
        chars = list(code)
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
        return "".join(chars)
    if how == 5:  # a letter in a digit position that is not an omocode letter
        first15[rng.choice(DIGIT_POSITIONS)] = rng.choice("ABCDEFGHIJKWXYZ")
        return with_check("".join(first15))
    if how == 6:  # lower case (both accept it once normalized)
        return code.lower()
    if how == 7:  # a birth place that does not exist
        first15[11:15] = rng.choice(["Z999", "Z000", "A000", "Y123", "K999"])
        return with_check("".join(first15))
    # A municipality suppressed before the birth date (born in 2010, suppressed by 2000).
    gone = [m for m in suppressed if m["date_deleted"] and day_of(m["date_deleted"]).year < 2000]
    place = rng.choice(gone)["code"]
    born = dt.date(2010, 1 + rng.randrange(12), 1 + rng.randrange(28))
    head = code[:6] + f"{born.year % 100:02d}{MONTHS[born.month - 1]}{born.day:02d}"
    return with_check(head + place)


if __name__ == "__main__":
    main()
