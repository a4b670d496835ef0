"""Exchange with offices' files.

Score sheets (CSV, XLSX) and points tables imported as published. Its public names are
exported by :mod:`thidua`.
"""
