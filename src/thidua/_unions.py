"""The tagged unions of the models, registered on every converter.

Each entry configures one model module's unions on a converter; it imports the
module only when a converter is made, so ``import thidua`` stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import cattrs

from thidua.scoring._wire import configure as _configure_scoring

CONFIGURATORS: Final[list[Callable[[cattrs.Converter], None]]] = [_configure_scoring]
