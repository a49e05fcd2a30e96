from __future__ import annotations

import re

from communique.synthetic import generate_statements, iter_statements


def test_generation_is_deterministic_and_sized() -> None:
    a = generate_statements(30, seed=7)
    assert a == generate_statements(30, seed=7)
    assert a != generate_statements(30, seed=8)
    assert len(a) == 30
    assert len({s[:2000] for s in a}) > 20  # varied, not one text repeated


def test_japanese_variants_replace_the_sample_partner_and_renumber() -> None:
    japanese = [s for s in iter_statements(40, seed=1) if "共同声明" in s]
    assert len(japanese) > 20
    for text in japanese:
        assert "カザフスタン" not in text and "トカエフ" not in text
        numbers = [int(m.group(1).replace(" ", "")) for m in re.finditer(r"^(\d(?: ?\d)*) (?!年)", text, re.M)]
        assert numbers == list(range(1, len(numbers) + 1))
        assert 30 < len(numbers) <= 60


def test_english_share_follows_the_parameter() -> None:
    english = [s for s in generate_statements(200, seed=2, english_share=0.5) if s.startswith("Joint Statement")]
    assert 60 < len(english) < 140
