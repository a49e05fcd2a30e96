"""Load the language data files under ``communique/data`` (cue lexicons, gazetteers), once each."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """Parse ``communique/data/NAME`` (YAML); cached, so every caller shares one copy."""
    text = resources.files("communique").joinpath("data", name).read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
