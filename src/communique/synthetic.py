"""Generated statements for benchmarks and large-database tests.

Japanese statements are variants of the bundled sample: another partner
country (its name, leader, cities and agency), other years, a different
selection and order of paragraphs, renumbered — with the sample's PDF
artefacts left in, so the repair stage has work to do. English statements are
assembled from sentence patterns of the genre with random partners,
organizations and dates. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from functools import cache

from communique.datafiles import load_yaml
from communique.headings import roman_numeral


@cache
def _spec() -> dict:
    return load_yaml("synthetic.yaml")


@cache
def _sample_text() -> str:
    from communique import sample_path

    return sample_path().read_text(encoding="utf-8")


_NUMBERED = re.compile(r"^(\d(?: ?\d)*) ", re.M)


def _split_sample(text: str) -> tuple[str, list[str], str]:
    """The sample as head (title and preamble), numbered paragraph blocks (with their headings), tail."""
    first = _NUMBERED.search(text)
    closing = text.rfind("\n\n", 0, text.find("署名された"))
    assert first is not None and closing > 0
    # Headings that stand right before a numbered paragraph travel with it.
    head_end = text.rfind("\n\n## ", 0, first.start())
    head_end = head_end if head_end > 0 else first.start()
    body = text[head_end:closing]
    blocks = re.split(r"\n\n(?=\d(?: ?\d)* )", body)
    return text[:head_end], [b.strip("\n") for b in blocks if b.strip()], text[closing:]


def _renumber(block: str, number: int, spaced: bool) -> str:
    digits = str(number)
    printed = " ".join(digits) if spaced and number >= 10 else digits
    return _NUMBERED.sub(lambda _m: printed + " ", block, count=1) if _NUMBERED.search(block) else block


def _shift_years(text: str, delta: int) -> str:
    return re.sub(r"(?<!\d)(20[12]\d)(?=年|－|-)", lambda m: str(int(m.group(1)) + delta), text)


def japanese_statement(rng: random.Random) -> str:
    spec = _spec()
    partner = rng.choice(spec["partners"])
    text = _sample_text()
    for old, key in spec["sample_partner_tokens"]:
        text = text.replace(old, partner[key])
    head, blocks, tail = _split_sample(text)
    keep = [b for b in blocks if rng.random() > 0.15 or b.lstrip().startswith("#")]
    if rng.random() < 0.3:  # some statements list their paragraphs in another order within a section
        numbered = [i for i, b in enumerate(keep) if not b.lstrip().startswith("#")]
        picks = rng.sample(numbered, k=min(4, len(numbered)))
        values = [keep[i] for i in picks]
        rng.shuffle(values)
        for i, v in zip(picks, values, strict=True):
            keep[i] = v
    spaced = rng.random() < 0.5
    out, n = [], 0
    for block in keep:
        if _NUMBERED.match(block):
            n += 1
            block = _renumber(block, n, spaced)
        out.append(block)
    return _shift_years(head.rstrip("\n") + "\n\n" + "\n\n".join(out) + tail, rng.randint(-6, 3))


def english_statement(rng: random.Random) -> str:
    spec = _spec()["english"]
    partner = rng.choice(_spec()["partners"])
    year = rng.randint(2018, 2028)
    month = rng.choice(spec["months"])
    day = rng.randint(1, 28)
    fill = {
        "partner": partner["en"],
        "partner_adj": partner["en_adj"],
        "capital": partner["en_capital"],
        "leader": partner["en_leader"],
        "year": str(year),
        "next_year": str(year + 1),
        "later_year": str(year + rng.randint(2, 5)),
        "month": month,
        "day": str(day),
    }
    lines = [spec["title"].format(**fill), "", spec["dateline"].format(**fill), ""]
    number = 0
    for s_i, section in enumerate(rng.sample(spec["sections"], k=rng.randint(3, len(spec["sections"])))):
        lines += [f"{roman_numeral(s_i + 1)}. {section}", ""]
        for _ in range(rng.randint(3, 9)):
            number += 1
            k = rng.randint(1, 3)
            sentences = []
            for pattern in rng.sample(spec["sentences"], k=k):
                org = rng.choice(spec["organizations"])
                sentences.append(pattern.format(org=org, topic=rng.choice(spec["topics"]), **fill))
            lines += [f"{number}. " + " ".join(sentences), ""]
    lines += [spec["closing"].format(**fill), ""]
    return "\n".join(lines)


def iter_statements(n: int, seed: int = 0, english_share: float = 0.2) -> Iterator[str]:
    """Yield ``n`` statements, lazily (memory stays flat however large ``n`` is)."""
    rng = random.Random(seed)
    for _ in range(n):
        yield english_statement(rng) if rng.random() < english_share else japanese_statement(rng)


def generate_statements(n: int, seed: int = 0, english_share: float = 0.2) -> list[str]:
    """``n`` generated statements (about 4/5 Japanese variants of the sample, 1/5 English)."""
    return list(iter_statements(n, seed, english_share))
