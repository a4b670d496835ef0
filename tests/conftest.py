"""Shared test configuration: hypothesis profiles ("ci" when CI is set, else "dev")."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
_DEFAULT = "ci" if os.environ.get("CI") else "dev"
settings.load_profile(os.environ.get("THIDUA_HYPOTHESIS_PROFILE", _DEFAULT))
