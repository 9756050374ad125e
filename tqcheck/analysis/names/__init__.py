"""Proper names: extraction with spans (``extract``), inflected forms (``morph``),
transliteration and its learned model (``translit``, ``transliteration.tsv``), and
the newsroom's name authority index (``authority``). The glue that the TQ2xx check
kinds share (which files a rule names, per-run caches) is ``tqcheck/checks/_names.py``.
"""
