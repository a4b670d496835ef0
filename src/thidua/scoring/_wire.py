"""The tagged unions of the scoring models, registered on every converter."""

from __future__ import annotations

import cattrs

from thidua.scoring._inputs import INPUT_TAGS, Input
from thidua.scoring._methods import METHOD_TAGS, Method, Tiers, TwoInputTiers
from thidua.scoring._result import Trace, TraceLine
from thidua.scoring._scheme import (
    Adjustment,
    Amount,
    AwardBonus,
    Bonus,
    Criterion,
    CriterionTieBreak,
    FewerPenalties,
    Flat,
    KnockoutRule,
    Node,
    Penalty,
    PerCase,
    Section,
    SectionTieBreak,
    TieBreak,
)
from thidua.serialization._hooks import register_sequence, register_tagged_union

__all__ = ["configure"]


def configure(conv: cattrs.Converter) -> None:
    """Register the scoring unions (methods, inputs, tree nodes, adjustments, tie-breaks).

    Also registers a unit's :class:`Trace`, an array of lines on the wire.
    """
    register_sequence(conv, Trace, TraceLine)
    register_tagged_union(conv, Method, METHOD_TAGS, what="scoring method")
    register_tagged_union(conv, Input, INPUT_TAGS, what="input")
    register_tagged_union(
        conv,
        Amount,
        {"flat": Flat, "per-case": PerCase, "tiers": Tiers, "tiers-2": TwoInputTiers},
        what="amount",
    )
    register_tagged_union(
        conv, Node, {"section": Section, "criterion": Criterion}, what="tree node"
    )
    register_tagged_union(
        conv,
        Adjustment,
        {"bonus": Bonus, "award-bonus": AwardBonus, "penalty": Penalty, "knockout": KnockoutRule},
        what="adjustment",
    )
    register_tagged_union(
        conv,
        TieBreak,
        {
            "section": SectionTieBreak,
            "criterion": CriterionTieBreak,
            "fewer-penalties": FewerPenalties,
        },
        what="tie-break",
    )
