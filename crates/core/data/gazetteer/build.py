#!/usr/bin/env python3
"""Rebuild countries.tsv, the tagger's country gazetteer, from CLDR plus the curated files.

Usage:  python3 build.py PATH_TO_CLDR_LOCALENAMES [OUT]

PATH_TO_CLDR_LOCALENAMES is the folder of the npm package cldr-localenames-modern (or -full),
the one that holds main/<lang>/territories.json. OUT defaults to countries.tsv next to this
script. Standard library only.

Output columns: code, lang ("*" = any), form, type, flags (comma separated).
Types: name, short, demonym, capital, body, code, block, display (the English name shown).
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated"
LANGS = ("en", "fr", "nl", "es", "de")
AND_WORD = {"en": "and", "fr": "et", "nl": "en", "es": "y", "de": "und"}

# ISO 3166-1 alpha-2 codes (249) plus XK. CLDR also names regions, groupings (EU, EZ, UN) and
# exceptional reservations (EA Ceuta and Melilla, IC Canary Islands): those are not countries
# under the labeling rules, so only this set is kept.
ISO = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
VN VU WF WS YE YT ZA ZM ZW XK
""".split())
# Words that appear inside CLDR's parentheses but are not names on their own.
GENERIC = {"republic", "république", "republiek", "república", "republik", "demokratische republik"}


def rows(path):
    """Yields the tab-separated fields of a curated file, skipping comments and blank lines."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


def expand(form):
    """Expands "{a,b}" alternatives and "_" (a space) in a curated form."""
    m = re.search(r"\{([^}]*)\}", form)
    if not m:
        return [form.replace("_", " ")]
    out = []
    for alt in m.group(1).split(","):
        out.extend(expand(form[: m.start()] + alt + form[m.end():]))
    return out


def cldr_forms(lang, name):
    """Splits a CLDR display name into the forms a text would use."""
    name = name.replace("\u2019", "'").replace(" & ", f" {AND_WORD[lang]} ")
    m = re.match(r"^(.*?)\s*\((.*)\)$", name)
    if not m:
        return [name]
    base, inner = m.group(1).strip(), m.group(2).strip()
    out = [base]
    if inner.lower() not in GENERIC and inner[:1].isupper() and len(inner) >= 3:
        out.append(inner)
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cldr = Path(sys.argv[1])
    out_path = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "countries.tsv"

    entries = {}  # (code, lang, form, type) -> set of flags

    def add(code, lang, form, typ, flags=()):
        form = form.strip()
        if not form:
            return
        key = (code, lang, form, typ)
        entries.setdefault(key, set()).update(f for f in flags if f)

    excluded = {(c, l, f) for c, l, f in (r[:3] for r in rows(CURATED / "exclude.tsv"))}

    def is_excluded(code, lang, form):
        return (code, lang, form) in excluded or (code, "*", form) in excluded

    for lang in LANGS:
        data = json.loads((cldr / "main" / lang / "territories.json").read_text(encoding="utf-8"))
        terr = data["main"][lang]["localeDisplayNames"]["territories"]
        for key, name in terr.items():
            code, _, alt = key.partition("-alt-")
            if code not in ISO:
                continue
            typ = "short" if alt == "short" else "name"
            for form in cldr_forms(lang, name):
                if is_excluded(code, lang, form):
                    continue
                # All-caps abbreviations ("UK", "USA") are ordinary words in other cases.
                flags = ["case"] if form.replace(".", "").replace(" ", "").isupper() and len(form) <= 8 else []
                add(code, lang, form, typ, flags)

    display = {}
    en = json.loads((cldr / "main" / "en" / "territories.json").read_text(encoding="utf-8"))
    for key, name in en["main"]["en"]["localeDisplayNames"]["territories"].items():
        if key in ISO:
            display[key] = name.replace("\u2019", "'")

    for r in rows(CURATED / "aliases.tsv"):
        code, lang, form, typ = r[:4]
        if typ == "display":
            display[code] = form
            continue
        flags = r[4].split() if len(r) > 4 else []
        add(code, lang, form, typ, flags)

    for r in rows(CURATED / "demonyms.tsv"):
        code, lang, forms = r[:3]
        flags = r[3].split() if len(r) > 3 else []
        for f in forms.split():
            for form in expand(f):
                add(code, lang, form, "demonym", flags)
                # German masculine nouns in -er take -s in the genitive singular ("die
                # Beschwerde eines Burundiers"); the curated rows list nominative forms only.
                if lang == "de" and form[:1].isupper() and form.endswith("er"):
                    add(code, lang, form + "s", "demonym", flags)
                    # ... and -n in the dative plural ("mit 80 Honduranern").
                    add(code, lang, form + "n", "demonym", flags)

    for r in rows(CURATED / "capitals.tsv"):
        code, forms = r[:2]
        for form in forms.split("|"):
            add(code, "*", form, "capital")

    for r in rows(CURATED / "bodies.tsv"):
        code, forms = r[:2]
        flags = r[2].split() if len(r) > 2 else []
        for form in expand(forms):
            add(code, "*", form, "body", flags)

    for r in rows(CURATED / "blocklist.tsv"):
        add("-", "*", r[0], "block")

    # Country codes as used in headlines and lists ("BE/NL:"), with the EU's own spellings.
    for code in sorted(ISO):
        add(code, "*", code, "code", ["case"])
    add("GR", "*", "EL", "code", ["case"])
    add("GB", "*", "UK", "code", ["case"])

    for code, name in display.items():
        add(code, "en", name, "display")

    lines = [
        "# Generated by build.py from CLDR territory names and the files in curated/. Do not edit:",
        "# edit curated/ and rerun `python3 build.py PATH_TO_CLDR_LOCALENAMES`.",
        "# code\tlang\tform\ttype\tflags",
    ]
    for (code, lang, form, typ), flags in sorted(entries.items()):
        lines.append("\t".join([code, lang, form, typ, ",".join(sorted(flags))]))
    out_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} entries to {out_path}")


if __name__ == "__main__":
    main()
