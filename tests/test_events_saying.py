"""The verbs of saying of lexicon.toml ``[saying]``: one vocabulary, a set per use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline import ResourceError
from timeline.events.resources import EVENTS_DIR, lexicon


def test_each_use_reads_its_kinds_plus_and_minus() -> None:
    saying = lexicon().saying
    assert {"said", "says", "told"} <= saying.dating & saying.clauses & saying.complements \
        & saying.reported
    assert "showed" in saying.dating and "showed" not in saying.reported  # a source's figure
    assert "notes" in saying.clauses and "notes" not in saying.reported
    assert "say" in saying.complements and "say" not in saying.dating
    assert "told" in saying.addressed and "during" in saying.occasions


def _with_saying(tmp_path: Path, saying: str) -> Path:
    """A copy of the lexicon whose ``[saying]`` table (to the end of the file) is `saying`."""
    raw = (EVENTS_DIR / "lexicon.toml").read_text(encoding="utf-8")
    path = tmp_path / "lexicon.toml"
    path.write_text(raw[:raw.index("[saying]")] + saying, encoding="utf-8")
    return path


_USES = "".join(f'[saying.uses.{use}]\nkinds = ["a"]\n'
                for use in ("dating", "clauses", "complements"))
_LISTS = 'addressed = ["told"]\noccasions = ["in"]\n'


@pytest.mark.parametrize(("saying", "message"), [
    ('[saying]\na = ["said"]\nb = ["said"]\n' + _LISTS + _USES
     + '[saying.uses.reported]\nkinds = ["a"]\n', "repeats words of 'a'"),
    ('[saying]\na = ["said"]\n' + _LISTS + _USES + '[saying.uses.reported]\nkinds = ["c"]\n',
     "unknown kinds"),
    ('[saying]\na = ["said"]\n' + _LISTS + _USES
     + '[saying.uses.reported]\nkinds = ["a"]\nplus = ["said"]\n', "plus word already taken"),
    ('[saying]\na = ["said"]\n' + _LISTS + _USES
     + '[saying.uses.reported]\nkinds = ["a"]\nminus = ["told"]\n', "minus word not taken"),
    ('[saying]\na = ["said"]\n' + _LISTS + _USES, re.escape("[reported]")),
])
def test_saying_table_errors_name_the_file(tmp_path: Path, saying: str, message: str) -> None:
    path = _with_saying(tmp_path, saying)
    with pytest.raises(ResourceError, match=message) as info:
        lexicon(path)
    assert info.value.path == str(path)


def test_a_valid_saying_table_loads(tmp_path: Path) -> None:
    path = _with_saying(tmp_path, '[saying]\na = ["said", "says"]\n' + _LISTS + _USES
                        + '[saying.uses.reported]\nkinds = ["a"]\nminus = ["says"]\n')
    saying = lexicon(path).saying
    assert saying.reported == {"said"} and saying.dating == {"said", "says"}
