"""The base layer of thidua, below every model.

Text, dates, numbers, validation, legal references, files, privacy, seals, limits and
messages. It imports nothing of thidua but :mod:`thidua.errors`.
"""
