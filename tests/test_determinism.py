"""Same input, same bytes: whatever PYTHONHASHSEED, whatever the order of the documents."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings

from timeline import Document, load_documents
from timeline.export import FORMATS, render
from timeline.pipeline import extract_documents

from fuzzing import documents

ROOT = Path(__file__).resolve().parent.parent
RENDER_ALL = """
import hashlib, json, sys
from timeline import extract
from timeline.export import FORMATS, render
tl = extract(sys.argv[1])
print(json.dumps({f: hashlib.sha256(render(tl, f)[0]).hexdigest() for f in FORMATS}))
"""


def digests(seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run([sys.executable, "-c", RENDER_ALL, str(ROOT / "seeds")], env=env,
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return dict(json.loads(proc.stdout))


def test_byte_identical_under_different_hash_seeds() -> None:
    runs = [digests(seed) for seed in ("0", "4242")]
    assert set(runs[0]) == set(FORMATS)
    assert runs[0] == runs[1]
    here = extract_documents(load_documents([ROOT / "seeds"]))
    assert runs[0] == {f: hashlib.sha256(render(here, f)[0]).hexdigest() for f in FORMATS}


def test_byte_identical_whatever_the_input_order() -> None:
    docs = load_documents([ROOT / "seeds"])
    expected = {f: render(extract_documents(docs), f)[0] for f in FORMATS}
    assert len(extract_documents(docs)) > 5
    rng = random.Random(7)
    for _ in range(3):
        shuffled = docs[:]
        rng.shuffle(shuffled)
        assert shuffled != docs or len(docs) < 2
        got = extract_documents(shuffled)
        assert {f: render(got, f)[0] for f in FORMATS} == expected


@given(documents(max_docs=3))
@settings(max_examples=30)
def test_reversed_documents_give_the_same_timeline(docs: list[Document]) -> None:
    assert extract_documents(docs) == extract_documents(docs[::-1])
