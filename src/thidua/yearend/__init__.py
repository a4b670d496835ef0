"""The year end.

Ballots, awards (catalogue, conditions, caps, rules, succession, presets), nominations,
the review and the score-sheet workflow. Its public names are exported by :mod:`thidua`.
"""
