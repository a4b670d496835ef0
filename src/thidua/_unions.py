"""The tagged unions of the models, registered on every converter.

Each entry configures one model module's unions on a converter; it imports the
module only when a converter is made, so ``import thidua`` stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import cattrs


def _awards(conv: cattrs.Converter) -> None:
    from thidua import _awards  # noqa: PLC0415 - imported when a converter is made

    _awards.configure(conv)


def _ballot(conv: cattrs.Converter) -> None:
    from thidua import _ballot  # noqa: PLC0415 - imported when a converter is made

    _ballot.configure(conv)


def _scoring(conv: cattrs.Converter) -> None:
    from thidua.scoring import _wire  # noqa: PLC0415 - imported when a converter is made

    _wire.configure(conv)


CONFIGURATORS: Final[list[Callable[[cattrs.Converter], None]]] = [_awards, _ballot, _scoring]
