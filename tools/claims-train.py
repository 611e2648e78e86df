#!/usr/bin/env python3
"""Train the claim-line model of `pyvs claims --scan` and `pyvs check`:
a logistic regression that tells, from a line's words, whether it states a
claim about concurrency (Sources/Claims/ClaimLineModel.swift).

    python3 tools/claims-train.py [--pyvs PATH] [--out FILE] [--cross] DOC.md LABELS.json [DOC.md LABELS.json ...]

LABELS is a document's labels with every statement labelled ("statements",
each with its line): the hand labels in tools/claims-heldout/ (each names
the public file it was read from; save that file, line for line, as the
DOC given with it) or a fixture's .expected.json. A labelled line is a
claim; every other line the model weighs is not. A lines file
("claim_lines" and "not_claim_lines", as claims/reference.lines.json)
trains on those lines alone.

The features of each line come from pyvs itself (`pyvs claims
--line-features DOC`), so the model is trained on exactly what it weighs.
Training is plain stochastic gradient descent on the logistic loss with an
L2 penalty, in a fixed order for a fixed seed: the same documents give the
same weights. A claim counts three times a line that is not (claims are
about one line in ten).

--cross leaves each document out in turn, trains on the others and prints
how many of its labelled lines reach the model's threshold, and how many
of the lines that reach it are labelled; it writes nothing.

Without --cross it writes the weights to FILE (default
Sources/Claims/ClaimLineWeights.swift).
"""
import json
import math
import random
import subprocess
import sys

THRESHOLD_LOGIT = 1.5  # ClaimLineModel.threshold: a likelihood of 1 / (1 + e^-1.5)
EPOCHS, RATE, PENALTY, CLAIM_WEIGHT, SEED = 30, 0.5, 1e-4, 3.0, 1


def line_features(pyvs, document):
    out = subprocess.run([pyvs, "claims", "--line-features", document], capture_output=True, text=True, check=True)
    return [json.loads(row) for row in out.stdout.splitlines() if row.strip()]


def labelled(path):
    """The document's claim lines, and the lines known not to be claims (None: every other line)."""
    data = json.load(open(path))
    if "statements" in data:
        return {s["line"] for s in data["statements"]}, None
    if "claim_lines" in data:
        return set(data["claim_lines"]), set(data["not_claim_lines"])
    sys.exit(f"{path}: neither \"statements\" nor \"claim_lines\": no labels to train on")


def examples(pyvs, pairs):
    """Per document: a list of (line, features, is_claim), of the lines whose label is known."""
    out = []
    for document, labels in pairs:
        claims, others = labelled(labels)
        out.append([(row["line"], row["features"], row["line"] in claims) for row in line_features(pyvs, document)
                    if others is None or row["line"] in claims or row["line"] in others])
    return out


def logit(weights, features):
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def train(rows):
    weights = {}
    order = list(rows)
    rng = random.Random(SEED)
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        # A rate that falls with each pass settles the weights: the order of the last examples
        # seen no longer decides which lines reach the threshold.
        rate = RATE / (1 + epoch)
        for features, claim in order:
            z = max(-30.0, min(30.0, logit(weights, features)))
            gradient = (1 / (1 + math.exp(-z)) - claim) * (CLAIM_WEIGHT if claim else 1.0)
            for name, value in features.items():
                w = weights.get(name, 0.0)
                weights[name] = w - rate * (gradient * value + PENALTY * w)
    return weights


def cross(documents, names):
    found = labelled = claims = 0
    for index, lines in enumerate(documents):
        weights = train([(f, c) for other, rows in enumerate(documents) if other != index for _, f, c in rows])
        hits = {line for line, f, _ in lines if logit(weights, f) > THRESHOLD_LOGIT}
        truth = {line for line, _, c in lines if c}
        print(f"{names[index]}: lines reaching the threshold that are claims {len(hits & truth)}/{len(hits)}; "
              f"claims reaching it {len(hits & truth)}/{len(truth)}")
        found += len(hits)
        labelled += len(hits & truth)
        claims += len(truth)
    print(f"all: claims reaching the threshold {labelled}/{claims}; lines reaching it that are claims {labelled}/{found}")


def write(weights, path, count):
    kept = sorted((name, w) for name, w in weights.items() if abs(w) >= 0.005)
    with open(path, "w") as out:
        out.write(f"// Written by tools/claims-train.py from {count} labelled documents; do not edit.\n"
                  "// One feature a line: its name, a tab, its weight (features under 0.005 left out).\n"
                  "extension ClaimLineModel {\n    static let trainedWeights = #\"\"\"\n")
        for name, w in kept:
            if "\t" in name or "\n" in name or '"""#' in name:
                sys.exit(f"a feature name pyvs cannot keep in a string: {name!r}")
            out.write(f"{name}\t{w:.4f}\n")
        out.write("\"\"\"#\n}\n")
    print(f"{path}: {len(kept)} weights from {count} documents")


def main():
    args = sys.argv[1:]
    pyvs, out, leave_out = ".build/debug/pyvs", "Sources/Claims/ClaimLineWeights.swift", False
    while args and args[0].startswith("--"):
        if args[0] == "--pyvs":
            pyvs, args = args[1], args[2:]
        elif args[0] == "--out":
            out, args = args[1], args[2:]
        elif args[0] == "--cross":
            leave_out, args = True, args[1:]
        else:
            sys.exit(f"unknown option {args[0]} (accepted: --pyvs PATH, --out FILE, --cross)")
    if not args or len(args) % 2:
        sys.exit(__doc__)
    pairs = list(zip(args[::2], args[1::2]))
    documents = examples(pyvs, pairs)
    if leave_out:
        cross(documents, [document for document, _ in pairs])
    else:
        write(train([(f, c) for lines in documents for _, f, c in lines]), out, len(pairs))


if __name__ == "__main__":
    main()
