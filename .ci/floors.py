"""Print the lowest versions pyproject.toml allows, as pip constraints (``name==floor``).

    python .ci/floors.py [EXTRA...] > constraints.txt

Every dependency of the project (and of the extras named) must have a ``>=`` floor: a
dependency without one could not be tested at its lowest version, so it is an error here.
`make test-lowest` installs the package with these constraints and runs the test suite,
so that a floor is always a version that works.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
#: ``name[extras]>=version`` with nothing else after it but other clauses and markers,
#: which this project does not use; anything else is reported rather than guessed at.
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*>=\s*([0-9][A-Za-z0-9.]*)\s*$")


def floors(requirements: list[str]) -> dict[str, str]:
    """Return {name: lowest version} of ``requirements``; raise ValueError for one without a floor."""
    found: dict[str, str] = {}
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        if match is None:
            raise ValueError(f"{requirement!r}: every dependency needs one '>=' floor and nothing else")
        name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        if found.get(name, match.group(2)) != match.group(2):
            raise ValueError(f"{name}: two different floors ({found[name]}, {match.group(2)})")
        found[name] = match.group(2)
    return found


def main(extras: list[str]) -> int:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    unknown = [extra for extra in extras if extra not in optional]
    if unknown:
        print(f"unknown extra(s) {', '.join(unknown)}; pyproject.toml has {', '.join(optional)}", file=sys.stderr)
        return 2
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += optional[extra]
    try:
        lowest = floors(requirements)
    except ValueError as exc:
        print(f"pyproject.toml: {exc}", file=sys.stderr)
        return 1
    for name, version in sorted(lowest.items()):
        print(f"{name}=={version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
