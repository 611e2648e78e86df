#!/usr/bin/env python3
"""How well `pyvs claims --scan` finds, reads and maps a document's claims,
against claims labelled by hand.

    python3 tools/claims-benchmark.py [--pyvs PATH] DOC.md LABELS.json [DOC.md LABELS.json ...]

LABELS is a fixture's .expected.json (every statement of the document
labelled, with its line, subject, quantity and experiment), a claims file
(pyvs.claims-file/1: the claims someone chose to write, which label only
those lines), or a lines file ("claim_lines" and "not_claim_lines": found
lines judged by hand, for precision alone). For each document it prints:

  lines found     labelled lines on which pyvs found a statement (recall)
  found lines that are claims  (precision: where every statement is
                  labelled, or found lines are judged in a lines file)
  same experiment labelled claims with a scenario whose line holds a found
                  claim with the same scenario, variant and metric; and, in
                  brackets, also counting the experiments suggested for
                  lines the line model found but no pattern read (never
                  judged)
"""
import json
import subprocess
import sys


def scan(pyvs, document):
    out = subprocess.run([pyvs, "claims", "--scan", document, "--format", "json"], capture_output=True, text=True, check=True)
    found = json.loads(out.stdout)
    claims = [(c["line"], (c["measure"]["scenario"], c["measure"]["variant"], c["measure"]["metric"])) for c in found["claims"]]
    unjudged = [(u["line"], None) for u in found.get("unjudged", [])]
    return claims + unjudged


def suggested(pyvs, document):
    """The experiments suggested for lines no pattern read: (line, experiment)."""
    out = subprocess.run([pyvs, "claims", "--scan", document, "--format", "json"], capture_output=True, text=True, check=True)
    return {(u["line"], (u["measure"]["scenario"], u["measure"]["variant"], u["measure"]["metric"]))
            for u in json.loads(out.stdout).get("unjudged", []) if "measure" in u}


def precision_only(pyvs, document, path):
    data = json.load(open(path))
    found = {line for line, _ in scan(pyvs, document)}
    claims, others = set(data["claim_lines"]), set(data["not_claim_lines"])
    unlabelled = sorted(found - claims - others)
    print(f"{document}: found lines that are claims {len(found & claims)}/{len(found)} ({100 * len(found & claims) / max(1, len(found)):.0f} %)"
          + (f"; not labelled: {', '.join(map(str, unlabelled))}" if unlabelled else ""))
    return len(found & claims), len(found)


def labels(path):
    data = json.load(open(path))
    if "statements" in data:  # every statement labelled
        out = []
        for s in data["statements"]:
            experiment = tuple(s["judged_by"].split(" ")) if "judged_by" in s else None
            out.append((s["line"], experiment))
        return out, True
    return [(c.get("line"), (c["measure"]["scenario"], c["measure"]["variant"], c["measure"]["metric"])) for c in data["claims"]
            if c.get("line")], False


def main():
    args = sys.argv[1:]
    pyvs = ".build/debug/pyvs"
    if args[:1] == ["--pyvs"]:
        pyvs, args = args[1], args[2:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    totals = {"labelled": 0, "found": 0, "found_lines": 0, "found_labelled": 0, "mapped": 0, "same": 0, "suggested": 0}
    for document, label_file in zip(args[::2], args[1::2]):
        if "claim_lines" in json.load(open(label_file)):
            claims, found_lines = precision_only(pyvs, document, label_file)
            totals["found_lines"] += found_lines
            totals["found_labelled"] += claims
            continue
        found = scan(pyvs, document)
        wanted, complete = labels(label_file)
        found_lines = {line for line, _ in found}
        wanted_lines = {line for line, _ in wanted}
        hit = wanted_lines & found_lines
        mapped = [(line, exp) for line, exp in wanted if exp]
        same = [1 for line, exp in mapped if (line, exp) in found]
        offered = suggested(pyvs, document)
        also = [1 for line, exp in mapped if (line, exp) not in found and (line, exp) in offered]
        row = f"{document}: lines found {len(hit)}/{len(wanted_lines)} ({100 * len(hit) / max(1, len(wanted_lines)):.0f} %)"
        if complete:
            labelled = found_lines & wanted_lines
            row += f"; found lines that are claims {len(labelled)}/{len(found_lines)} ({100 * len(labelled) / max(1, len(found_lines)):.0f} %)"
            totals["found_lines"] += len(found_lines)
            totals["found_labelled"] += len(labelled)
        else:
            row += f"; precision not measured (the labels are a chosen subset; pyvs found {len(found_lines)} lines)"
        row += f"; same experiment {len(same)}/{len(mapped)} ({100 * len(same) / max(1, len(mapped)):.0f} %)"
        row += f" [{len(same) + len(also)}/{len(mapped)} with suggestions]" if also else ""
        print(row)
        missed = sorted(wanted_lines - found_lines)
        if missed:
            print(f"  lines not found: {', '.join(map(str, missed))}")
        wrong = sorted({line for line, exp in mapped if (line, exp) not in found})
        if wrong:
            print(f"  lines whose experiment differs: {', '.join(map(str, wrong))}")
        totals["labelled"] += len(wanted_lines)
        totals["found"] += len(hit)
        totals["mapped"] += len(mapped)
        totals["same"] += len(same)
        totals["suggested"] += len(also)
    print(f"all: lines found {totals['found']}/{totals['labelled']}; "
          + (f"found lines that are claims {totals['found_labelled']}/{totals['found_lines']}; " if totals["found_lines"] else "")
          + f"same experiment {totals['same']}/{totals['mapped']}"
          + (f" [{totals['same'] + totals['suggested']}/{totals['mapped']} with suggestions]" if totals["suggested"] else ""))


if __name__ == "__main__":
    main()
