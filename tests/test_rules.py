"""Every rule's `examples` run as tests; the resource loader rejects bad files with their name."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import ResourceError, tag
from timeline.tagger.resources import _Expander, _load_rules, _load_vocab, load_grammar, lower_ascii

GRAMMAR = load_grammar("en")
EXAMPLES = [(r.name, ex) for r in GRAMMAR.rules for ex in r.examples]
NEGATIVE_EXAMPLES = [(r.name, ex) for r in GRAMMAR.negatives for ex in r.examples]


def test_every_rule_has_a_unique_name_and_most_have_examples() -> None:
    names = [r.name for r in GRAMMAR.rules + GRAMMAR.negatives]
    assert len(names) == len(set(names))
    assert len(EXAMPLES) > 100


def _expected_span(example: str) -> tuple[str, tuple[int, int]]:
    """'in [2029]' -> ('in 2029', span of '2029'): brackets mark the span when context is kept
    outside it; without brackets the whole example is the span."""
    if "[" not in example:
        return example, (0, len(example))
    start = example.index("[")
    end = example.index("]") - 1
    return example.replace("[", "").replace("]", ""), (start, end)


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_rule_example_tags_in_full(rule: str, example: str) -> None:
    text, span = _expected_span(example)
    found = tag(text, "2025-03-17")
    assert [(e.start, e.end) for e in found] == [span], \
        f"{rule}: {example!r} -> {[(e.text, e.rule) for e in found]}"
    assert found[0].rule == rule, f"{example!r} was tagged by {found[0].rule}, not {rule}"


@pytest.mark.parametrize(("rule", "example"), NEGATIVE_EXAMPLES)
def test_negative_example_is_not_a_date(rule: str, example: str) -> None:
    assert tag(example, "2025-03-17") == []
    assert any(r.regex.fullmatch(lower_ascii(example)) for r in GRAMMAR.negatives if r.name == rule)


def _write(tmp_path: Path, rules: str, vocab: str = "x\t1\n") -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "vocab").mkdir()
    (tmp_path / "patterns").mkdir()
    (tmp_path / "rules" / "a.toml").write_text(rules, "utf-8")
    (tmp_path / "vocab" / "v.tsv").write_text(vocab, "utf-8")
    return tmp_path


def _load(directory: Path) -> None:
    vocab = _load_vocab(directory / "vocab")
    _load_rules(directory, _Expander(directory, vocab))


@pytest.mark.parametrize(("rules", "vocab", "message"), [
    ('[[rule]]\nname = "a"\nkind = "date"\npattern = "(?P<year"\n', "x\t1\n", "bad pattern"),
    ('[[rule]]\nname = "a"\nkind = "nope"\npattern = "x"\n', "x\t1\n", "unknown kind"),
    ('[[rule]]\nname = "a"\nkind = "date"\npattern = "{nowhere}"\n', "x\t1\n", "unknown placeholder"),
    (('[[rule]]\nname = "a"\nkind = "date"\npattern = "x"\n[[rule]]\nname = "a"\nkind = "date"\n'
      'pattern = "y"\n'), "x\t1\n", "duplicate rule name"),
    ('[[rule]]\nname = "a"\nkind = "date"\npattern = "x"\ncolour = 1\n', "x\t1\n", "unknown keys"),
    ('[[rule]]\nname = "a"\nkind = "date"\npattern = "{v}"\n', "x 1\n", "phrase<TAB>value"),
    ("[[rule]\n", "x\t1\n", "not valid TOML"),
])
def test_bad_resources_name_file_and_problem(tmp_path: Path, rules: str, vocab: str,
                                             message: str) -> None:
    directory = _write(tmp_path, rules, vocab)
    with pytest.raises(ResourceError, match=message) as info:
        _load(directory)
    assert str(tmp_path) in str(info.value)
