"""The analysis layer: pure text libraries that know nothing of rules, checks, the
engine or the configuration (tests/test_layout.py walks every module here and fails
on an import of ``tqcheck.engine``, ``tqcheck.checks``, ``tqcheck.cli`` or the config).

* ``text``: scripts, lines, sentences, paragraphs, display width, line index;
* ``langs``: language codes, names and word frequencies;
* ``lid``: deterministic language identification;
* ``numbers``: locale-aware numbers, dates and times, and how two of them compare;
* ``tokens``: URLs, e-mail addresses, handles and codes in text;
* ``glossary``: glossary files (TOML, TSV, TBX) and term matching;
* ``align``: sentence alignment of two versions;
* ``metrics``: BLEU, chrF and TER as sacrebleu computes them, in bulk;
* ``names``: name mentions, transliteration (with its learned model as package data)
  and the name authority index;
* ``userregex``: user regular expressions with a time bound;
* ``linescan``: a user pattern matched line by line, in one scan of the text when that is
  provably the same;
* ``unionfind``: disjoint sets, for story grouping and a name's forms.
"""
