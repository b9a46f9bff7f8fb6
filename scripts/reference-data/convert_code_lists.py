#!/usr/bin/env python3
"""Writes the code lists of services/reference/data (CP2011, ATECO, mandatory-communication tables).

Every output is a UTF-8 CSV with a few `# key: value` header lines (list, name, version, source,
licence, complete, note) and the columns

    code,parent,level,valid_from,valid_to,label_it,label_en

valid_from / valid_to are ISO dates, inclusive, empty when open. Rows are sorted by code and the
bytes depend only on the inputs, so a re-run with the same inputs changes nothing.

Inputs (see services/reference/data/SOURCES.md for what each one is):
  * the PyPI package `ateco` (ATECO 2007, 2007 updated 2022, 2025), installed in the venv;
  * the PyPI package `xlrd` to read one .xls file;
  * the PyPI package `python-stdnum` (its copy of Eurostat's NACE Rev. 2 and 2.1: ATECO's English);
  * three public git repositories, read with `git -C DIR show <pinned commit>:<path>` from a local
    clone (work tree or bare/mirror git directory) given on the command line; the commits are
    pinned below, so the clone only has to contain them:
      --anpal   AnpalSimo/DB_PLUS2022      (ANPAL's classification tables, SQL inserts)
      --sil     arlav-er/sil               (Emilia-Romagna's SIL: Codifiche.xls, liste.xsd)
      --comonl  regione-piemonte/comonl    (Piedmont's CO system: constants of ministry codes)

Run:
  PY=$(scripts/reference-data/setup-venv.sh)
  $PY scripts/reference-data/convert_code_lists.py --anpal DIR --sil DIR --comonl DIR \
      [--out services/reference/data]
"""

import argparse
import csv
import datetime
import importlib.metadata
import io
import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

ANPAL = ("AnpalSimo/DB_PLUS2022", "bc782cdea7eb6a42960d6c330eed0e8662b351c7")
SIL = ("arlav-er/sil", "50de4444a16cb86de2d0882cb89d426cfbbf93f7")
COMONL = ("regione-piemonte/comonl", "336d686ae32f1744199556e5d6af4437c63f2e9e")
ANPAL_DIR = "CLA_DIZ/dml/Classificazione/"
SIL_CODIFICHE = "myportal/src/main/webapp/public/cigs2020/Codifiche.xls"
SIL_LISTE = "sil/sil-war/src/main/webapp/WEB-INF/liste.xsd"
COMONL_TS = "comonl-comonlwcl/src/app/constants.ts"
COMONL_JAVA = ("comonl-comonlweb/ejb/src/main/java/it/csi/comonl/comonlweb/ejb/util/commax/util/"
               "UtilConstant.java")
COMONL_SAMPLE = ("comonl-comonlwcl/src/app/modules/comunicazione/modules/nav-main-comunicazione/"
                 "components/quadri/riepilogo/trasferimento-distacco.json")
ANPAL_LICENCE = ("no licence file in the repository; the rows are the official classification "
                 "tables of the Ministry of Labour / ANPAL / ISTAT (public administration data, "
                 "open by default under CAD art. 52); we take codes and labels only")
COLUMNS = ["code", "parent", "level", "valid_from", "valid_to", "label_it", "label_en"]


def git_show(git_dir, commit, path, encoding="utf-8"):
    data = subprocess.run(["git", "-C", str(git_dir), "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout
    return data if encoding is None else data.decode(encoding)


def src(repo, path):
    return f"{repo[0]}@{repo[1]}:{path}"


def clean(text):
    text = (text or "").replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def row(code, label_it, parent="", level=1, valid_from="", valid_to="", label_en=""):
    return {"code": code, "parent": parent, "level": str(level), "valid_from": valid_from,
            "valid_to": valid_to, "label_it": clean(label_it), "label_en": clean(label_en)}


def english_labels(path):
    """The label_en of each code in an existing list: SISL's own translations, kept by hand in the
    CSV (the sources are Italian only), so a new conversion keeps them."""
    if not path.exists():
        return {}
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if not l.startswith("#")]
    return {r["code"]: r["label_en"] for r in csv.DictReader(lines) if r.get("label_en")}


def write_list(out_dir, file_name, meta, rows):
    codes = [r["code"] for r in rows]
    if len(codes) != len(set(codes)):
        sys.exit(f"{file_name}: duplicate codes")
    english = english_labels(out_dir / file_name)
    for r in rows:
        if not r.get("label_en") and r["code"] in english:
            r["label_en"] = english[r["code"]]
    buf = io.StringIO()
    for key in ("list", "name", "version", "source", "licence", "complete", "note"):
        if meta.get(key):
            buf.write(f"# {key}: {clean(meta[key])}\n")
    writer = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(sorted(rows, key=lambda r: r["code"]))
    (out_dir / file_name).write_text(buf.getvalue(), encoding="utf-8")
    print(f"{file_name}: {len(rows)} rows", file=sys.stderr)


# --- SQL inserts of ANPAL's tables ------------------------------------------------------------

def sql_rows(text):
    """Yields `INSERT INTO t (cols) VALUES (...)` statements as dicts keyed by lower-case column."""
    for match in re.finditer(r"INSERT INTO [\w.]+\s*\(([^)]*)\)\s*VALUES\s*\(", text, re.I):
        columns = [c.strip().strip('"').lower() for c in match.group(1).split(",")]
        yield dict(zip(columns, sql_tuple(text, match.end()), strict=True))


def sql_tuple(text, i):
    """Parses the values from text[i] up to the tuple's closing parenthesis."""
    out = []
    while text[i] != ")":
        if text[i] == "'":
            j, buf = i + 1, []
            while True:
                if text[j] == "'" and text[j + 1] == "'":
                    buf.append("'")
                    j += 2
                elif text[j] == "'":
                    break
                else:
                    buf.append(text[j])
                    j += 1
            out.append("".join(buf))
            i = j + 1
        elif text.startswith("TO_DATE(", i):
            j = text.index(")", i)
            out.append(to_date(text[i:j + 1]))
            i = j + 1
        elif text[i:i + 4].upper() == "NULL":
            out.append(None)
            i += 4
        elif text[i:i + 5].lower() == "now()":
            out.append(None)
            i += 5
        else:
            i += 1
    return out


def to_date(expr):
    value, fmt = re.findall(r"'([^']*)'", expr)
    py = {"DD-MM-YYYY": "%d-%m-%Y", "MM/DD/YYYY HH24:MI:SS": "%m/%d/%Y %H:%M:%S"}[fmt]
    return datetime.datetime.strptime(value, py).date().isoformat()


def anpal(args, table):
    return git_show(args.anpal, ANPAL[1], f"{ANPAL_DIR}{table}.sql", "cp1252")


# --- CP2011 -------------------------------------------------------------------------------------

def cp2011(args):
    rows = {}
    for level in range(1, 5):
        for r in sql_rows(anpal(args, f"TAB_QUALPROFLIV{level - 1}")):
            code = r[f"cod_qualprofliv{level - 1}"]
            rows[code] = row(code, r[f"des_qualprofliv{level - 1}"], level=level,
                             parent=r.get(f"cod_qualprofliv{level - 2}") or "",
                             valid_from=r["dat_inizio"], valid_to=r.get("dat_fine") or "")
    units = {}
    for r in sql_rows(anpal(args, "TAB_QUALPROFLIV4")):
        code, parent4 = r["cod_qualprofliv4"], r["cod_qualprofliv3"]
        unit = ".".join(code.split(".")[:5])
        if parent4 not in rows or unit.rpartition(".")[0] != parent4:
            sys.exit(f"CP2011: {code} does not hang under {parent4}")
        units.setdefault(unit, set()).add(code)
        rows[code] = row(code, r["des_qualprofliv4"], parent=unit, level=6,
                         valid_from=r["dat_inizio"], valid_to=r.get("dat_fine") or "")
    for unit in units:
        # Every unit X.X.X.X.X has a 6th-level entry X.X.X.X.X.0 that names the unit itself (800
        # of 800 in the source); the source has no separate table of level-5 titles.
        if unit + ".0" not in rows:
            sys.exit(f"CP2011: unit {unit} has no .0 entry to name it")
        named_by = rows[unit + ".0"]
        rows[unit] = row(unit, named_by["label_it"], parent=unit.rpartition(".")[0], level=5,
                         valid_from=named_by["valid_from"], valid_to=named_by["valid_to"])
    meta = {
        "list": "cp2011_professions",
        "name": "ISTAT CP2011 classification of professions, with the 6th level of the "
                "mandatory communications",
        "version": "CP2011 (ISTAT 2011); 6th level as in ANPAL's tables, snapshot 2022-10",
        "source": src(ANPAL, ANPAL_DIR + "TAB_QUALPROFLIV0..4.sql"),
        "licence": ANPAL_LICENCE,
        "complete": "true",
        "note": "levels 1-4 and 6 carry the source's labels; a level-5 unit takes the label of "
                "its 6th-level entry ending in .0, which names the unit in the CO's extension",
    }
    return meta, list(rows.values())


# --- ATECO ---------------------------------------------------------------------------------------

ATECO_LEVELS = {"section": 1, "division": 2, "group": 3, "class": 4, "category": 5,
                "subcategory": 6}


def ateco_nodes(edition):
    path = resources.files("ateco") / "data" / edition / "nodes.json"
    return json.loads(path.read_text(encoding="utf-8"))["nodes"]


def ateco_editions():
    path = resources.files("ateco") / "data" / "editions.json"
    return {e["key"]: e for e in json.loads(path.read_text(encoding="utf-8"))["editions"]}


def ateco_meta(key, name, version, editions, nace):
    pkg = f"PyPI ateco=={importlib.metadata.version('ateco')}"
    stdnum = f"PyPI python-stdnum=={importlib.metadata.version('python-stdnum')}"
    return {
        "list": key, "name": name, "version": version,
        "source": f"{pkg}, data/{'+'.join(editions)}/nodes.json (from ISTAT's published files); "
                  f"English labels: {NACE_NAMES[nace]} (Eurostat) from {stdnum}, "
                  f"stdnum/eu/{nace}.dat",
        "licence": "data (c) ISTAT, CC-BY 4.0 with attribution; NACE labels (c) European Union "
                   "(Eurostat), CC-BY 4.0; packages' code MIT and LGPL (not used)",
        "complete": "true",
        "note": "validity of a code = the editions that contain it (package editions.json)",
    }


NACE_NAMES = {"nace20": "NACE Rev. 2", "nace21": "NACE Rev. 2.1"}


def nace_labels(edition):
    """English labels of NACE (sections, divisions, groups, classes, coded as ATECO codes them:
    `A`, `62`, `62.1`, `62.10`) from python-stdnum's copy of Eurostat's file: one line a code, its
    digits after the parent's at one more space of indent (`62 section="K" label="..."`, then
    ` 1 label="..."` for 62.1, `  0 label="..."` for 62.10)."""
    path = resources.files("stdnum") / "eu" / f"{edition}.dat"
    labels, prefix = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        depth = len(line) - len(line.lstrip(" "))
        token = line.split()[0]
        label = re.search(r'label="([^"]*)"', line).group(1)
        if token.isalpha():  # a section
            labels[token] = label
            continue
        prefix = prefix[:depth] + [token]
        digits = "".join(prefix)
        labels[digits[:2] + ("." + digits[2:] if len(digits) > 2 else "")] = label
    return labels


def with_english(rows, labels):
    """label_en from NACE for the codes NACE has (to the class); a category or subcategory (ATECO's
    national levels) takes its parent's only where it is the parent's one child, i.e. where ATECO
    does not split the class (62.10.0, 62.10.00 are 62.10; 47.11.01 and 47.11.02 have none)."""
    children = {}
    for r in rows:
        children[r["parent"]] = children.get(r["parent"], 0) + 1
    by_code = {r["code"]: r for r in rows}
    for r in sorted(rows, key=lambda r: r["code"]):
        if r["code"] in labels:
            r["label_en"] = clean(labels[r["code"]])
        elif int(r["level"]) >= 5 and children.get(r["parent"]) == 1:
            r["label_en"] = by_code[r["parent"]]["label_en"]
    return rows


def ateco(editions_in_list):
    editions = ateco_editions()
    rows, seen_in = {}, {}
    for key in editions_in_list:
        for node in ateco_nodes(key):
            code = node["code"]
            seen_in.setdefault(code, []).append(key)
            rows[code] = row(code, node["title"], parent=node["parent"] or "",
                             level=ATECO_LEVELS[node["level"]])
    for code, keys in seen_in.items():
        rows[code]["valid_from"] = editions[keys[0]]["valid_from"]
        rows[code]["valid_to"] = editions[keys[-1]]["valid_to"] or ""
    return list(rows.values())


# --- Mandatory-communication tables -------------------------------------------------------------

def contract_types(args):
    rows = {}
    for r in sql_rows(anpal(args, "TAB_RAPPORTILAVORO")):
        code = r["cod_tipologiacontr"]
        rows[code] = row(code, r["des_tipologiacontr"], valid_from=r["dat_inizio"],
                         valid_to=r["dat_fine"] or "")
    # Platform-work codes added after ANPAL's snapshot, as Piedmont's CO system names them.
    ts = git_show(args.comonl, COMONL[1], COMONL_TS)
    for label, code in re.findall(r"DS: '([^']*)',\s*COD_TIPO_CONTARTTO_MIN: '([A-Z]\.\d\d\.\d\d)'",
                                  ts):
        if code not in rows:
            rows[code] = row(code, label)
    meta = {
        "list": "co_contract_types", "name": "CO contract types (tipologie contrattuali)",
        "version": "ANPAL snapshot 2022-10 plus codes found in Piedmont's COMONL",
        "source": f"{src(ANPAL, ANPAL_DIR + 'TAB_RAPPORTILAVORO.sql')}; {src(COMONL, COMONL_TS)}",
        "licence": ANPAL_LICENCE + "; COMONL is EUPL-1.2",
        "complete": "false",
        "note": "codes added by the ministry after 2022 are missing unless COMONL names them "
                "(e.g. N.01.00, B.04.00, H.03.00 are known to exist but are not here)",
    }
    return meta, list(rows.values())


def working_time(args):
    ts = git_show(args.comonl, COMONL[1], COMONL_TS)
    java = git_show(args.comonl, COMONL[1], COMONL_JAVA)
    rows = {code: row(code, label) for label, code in
            re.findall(r"DS: '([^']*)',\s*COD_TIPO_ORARIO_MIN: '([A-Z])'", ts)}
    for name, code in re.findall(r"COD_TIPO_ORARIO_(\w+) = \"([A-Z])\"", java):
        rows.setdefault(code, row(code, name.replace("_", " ")))
    meta = {
        "list": "co_working_time", "name": "CO working-time codes (tipo orario)",
        "version": "as used by COMONL (2019 ministry update adds N)",
        "source": f"{src(COMONL, COMONL_TS)}; {src(COMONL, COMONL_JAVA)}",
        "licence": "EUPL-1.2 (COMONL); codes and labels are the ministry's",
        "complete": "false",
        "note": "rebuilt from COMONL's constants, not from the ministry's table",
    }
    return meta, list(rows.values())


def termination_causes(args):
    xsd = git_show(args.sil, SIL[1], SIL_LISTE, "latin-1")
    block = re.search(r'name="motivo_cessazione">(.*?)</xsd:simpleType>', xsd, re.S).group(1)
    # NT is the SIL's own "no code" marker, not a ministry cause.
    codes = [c for c in re.findall(r'value="([A-Z]{2})"', block) if c != "NT"]
    java = git_show(args.comonl, COMONL[1], COMONL_JAVA)
    labels = {code: name.replace("_", " ").replace("FORMAZAZIONE", "FORMAZIONE")
              .replace(" P A", " P.A.")
              for name, code in re.findall(r"CAUSA_CESSAZIONE_(\w+) = \"([A-Z]{2})\"", java)}
    rows = [row(code, labels.get(code, "")) for code in sorted(set(codes) | set(labels))]
    meta = {
        "list": "co_termination_causes", "name": "CO termination causes (causa cessazione)",
        "version": "codes of the SIL list motivo_cessazione plus COMONL's constants",
        "source": f"{src(SIL, SIL_LISTE)}; {src(COMONL, COMONL_JAVA)}",
        "licence": "EUPL-1.2 (both repositories); codes are the ministry's",
        "complete": "false",
        "note": "labels only where COMONL names the code (from its constant names); the others "
                "have an empty label",
    }
    return meta, rows


def education_levels(args):
    rows = []
    for r in sql_rows(anpal(args, "TAB_STUDIOLIVELLO")):
        rows.append(row(r["cod_studio"][:2], r["des_livellostudio"], valid_from=r["dat_inizio"],
                        valid_to=r["dat_fine"] or ""))
    meta = {
        "list": "co_education_levels", "name": "CO education levels (livello di istruzione)",
        "version": "ANPAL snapshot 2022-10",
        "source": src(ANPAL, ANPAL_DIR + "TAB_STUDIOLIVELLO.sql"),
        "licence": ANPAL_LICENCE,
        "complete": "false",
        "note": "the two-digit CO code is taken as the first two digits of ANPAL's 8-digit level "
                "code (00, 10, ..., 90); not checked against the ministry's table",
    }
    return meta, rows


def excel_day(value):
    day = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
    return "" if day >= datetime.date(2099, 12, 31) else day.isoformat()


def citizenship(args):
    import xlrd  # pylint: disable=import-outside-toplevel
    data = git_show(args.sil, SIL[1], SIL_CODIFICHE, None)
    sheet = xlrd.open_workbook(file_contents=data).sheet_by_name("CODIFICHE CITTADINANZA")
    rows = []
    for r in range(1, sheet.nrows):
        code, label, start, end = sheet.row_values(r)[:4]
        code = str(code).strip()
        if re.fullmatch(r"\d{3}", code):  # JUG, COR, ... are old non-CO codes closed in 2008
            rows.append(row(code, label, valid_from=excel_day(start), valid_to=excel_day(end)))
    meta = {
        "list": "co_citizenship", "name": "CO citizenship codes (cittadinanza)",
        "version": "Codifiche.xls of 2020-04-27",
        "source": src(SIL, SIL_CODIFICHE) + ", sheet CODIFICHE CITTADINANZA",
        "licence": "EUPL-1.2 (repository); codes and labels are the ministry's",
        "complete": "true",
        "note": "rows whose code is not three digits (legacy codes closed in 2008) are left out",
    }
    return meta, rows


def short(text, limit=160):
    text = clean(text)
    if len(text) <= limit:
        return text
    return text[:limit - 3].rsplit(" ", 1)[0].rstrip(",;") + "..."


def ccnl(args):
    rows = []
    for r in sql_rows(anpal(args, "TAB_CCNL")):
        rows.append(row(r["cod_ccnl"], f"{clean(r['des_settore'])} - {short(r['txt_ccnl'])}",
                        valid_from=r["dat_inizio"], valid_to=r["dat_fine"] or ""))
    meta = {
        "list": "co_ccnl", "name": "CO collective agreements (CCNL)",
        "version": "ANPAL snapshot 2022-10 (ministry's 3-character codes)",
        "source": src(ANPAL, ANPAL_DIR + "TAB_CCNL.sql"),
        "licence": ANPAL_LICENCE,
        "complete": "false",
        "note": "the CNEL 4-character codes used by the CO since 2020 (e.g. 9440 in COMONL's "
                "sample) are not in this table",
    }
    return meta, rows


def communication_types(args):
    sample = json.loads(git_show(args.comonl, COMONL[1], COMONL_SAMPLE))
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if "codTipoComunicazioneMin" in node:
                found[node["codTipoComunicazioneMin"]] = node.get("dsComTTipoComunicazione", "")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(sample)
    # DOMAIN.md section 11 (what SISL's domain notes state), in Italian and English.
    domain = {
        "01": ("Comunicazione ordinaria", "Ordinary"),
        "02": ("Comunicazione d'urgenza", "Urgent"),
        "03": ("Rettifica", "Correction"),
        "04": ("Annullamento", "Cancellation"),
        "05": ("Trasformazione da tirocinio", "Transformation from traineeship"),
        "06": ("Inserimento d'ufficio dopo ispezione", "By the office after an inspection"),
        "07": ("Variante d'urgenza", "Urgent variant"),
        "08": ("Variante d'urgenza", "Urgent variant"),
        "09": ("Variante d'urgenza", "Urgent variant"),
    }
    rows = [row(code, found.get(code) or it, label_en=en) for code, (it, en) in domain.items()]
    meta = {
        "list": "co_communication_types", "name": "CO communication types (tipo comunicazione)",
        "version": "SISL DOMAIN.md section 11",
        "source": f"SISL DOMAIN.md section 11; label of 01 from {src(COMONL, COMONL_SAMPLE)}",
        "licence": "project text; COMONL is EUPL-1.2",
        "complete": "false",
        "note": "labels written by SISL from its domain notes, not the ministry's wording",
    }
    return meta, rows


def forms(args):
    ts = git_show(args.comonl, COMONL[1], COMONL_TS)
    block = re.search(r"TIPO_TRACCIATO = \{(.*?)\n\};", ts, re.S).group(1)
    rows = [row(code, label) for code, label in
            re.findall(r"ID: '([A-Z]{2})',\s*DS: '([^']*)'", block)]
    meta = {
        "list": "co_forms", "name": "CO forms (tipo tracciato / modello)",
        "version": "COMONL", "source": src(COMONL, COMONL_TS),
        "licence": "EUPL-1.2 (COMONL); codes are the ministry's",
        "complete": "true",
    }
    return meta, rows


def social_security_bodies(args):
    sample = git_show(args.comonl, COMONL[1], COMONL_SAMPLE)
    java = git_show(args.comonl, COMONL[1], COMONL_JAVA)
    rows = {code: row(code, label) for code, label in re.findall(
        r'"codEntePrevidenzialeMin": "(\d\d)",\s*"dsComTEntePrevidenziale": "([^"]*)"', sample)}
    for code in re.findall(r'NESSUN_ENTE_PREVIDENZIALE = "(\d\d)"', java):
        rows.setdefault(code, row(code, "NESSUN ENTE PREVIDENZIALE"))
    meta = {
        "list": "co_social_security_bodies",
        "name": "CO social-security bodies (ente previdenziale)",
        "version": "codes named in COMONL", "source": f"{src(COMONL, COMONL_SAMPLE)}; "
                                                      f"{src(COMONL, COMONL_JAVA)}",
        "licence": "EUPL-1.2 (COMONL); codes are the ministry's",
        "complete": "false",
        "note": "only the codes COMONL names; the ministry's table was not found in a public "
                "source",
    }
    return meta, list(rows.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--anpal", required=True, help="git dir of AnpalSimo/DB_PLUS2022")
    parser.add_argument("--sil", required=True, help="git dir of arlav-er/sil")
    parser.add_argument("--comonl", required=True, help="git dir of regione-piemonte/comonl")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] /
                                             "services/reference/data"))
    args = parser.parse_args()
    out = Path(args.out)

    write_list(out, "cp2011_professions.csv", *cp2011(args))
    write_list(out, "ateco_2007.csv",
               ateco_meta("ateco_2007", "ATECO 2007 (with the 2022 update)",
                          "ATECO 2007 and ATECO 2007 aggiornamento 2022", ["2007", "2022"],
                          "nace20"),
               with_english(ateco(["2007", "2022"]), nace_labels("nace20")))
    write_list(out, "ateco_2025.csv",
               ateco_meta("ateco_2025", "ATECO 2025", "ATECO 2025", ["2025"], "nace21"),
               with_english(ateco(["2025"]), nace_labels("nace21")))
    for name, build in [("co_contract_types", contract_types), ("co_working_time", working_time),
                        ("co_termination_causes", termination_causes),
                        ("co_education_levels", education_levels),
                        ("co_citizenship", citizenship), ("co_ccnl", ccnl),
                        ("co_communication_types", communication_types), ("co_forms", forms),
                        ("co_social_security_bodies", social_security_bodies)]:
        write_list(out, f"{name}.csv", *build(args))


if __name__ == "__main__":
    main()
