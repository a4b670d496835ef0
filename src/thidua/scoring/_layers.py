"""Assessment layers: who scored, in the order that makes one layer later than another."""

from __future__ import annotations

import enum

__all__ = ["Layer"]


class Layer(enum.StrEnum):
    """Who scored: the unit itself, its peers, the group's head and deputy, the council.

    Layers are ordered as listed; "last" means the latest in this order.
    """

    SELF = "self"
    """Tự chấm: the unit scores itself."""
    PEER = "peer"
    """Chấm chéo: other members score it."""
    GROUP_APPRAISAL = "group-appraisal"
    """Thẩm định: the group's head and deputy re-score."""
    COUNCIL_APPRAISAL = "council-appraisal"
    """The council (Ban Thi đua - Khen thưởng) scores some items itself."""

    @property
    def rank(self) -> int:
        """The layer's place in the order self < peer < group < council."""
        return _LAYER_RANKS[self]


_LAYER_RANKS: dict[Layer, int] = {layer: index for index, layer in enumerate(Layer)}
