"""Development tools, kept out of the installed package: the evaluations on real data
(``python -m tools.eval NAME``, run from the repository root), the transliteration
model's trainer (``python -m tools.learn_translit``) and the speed benchmarks
(``python tools/benchmarks/bench_*.py``). They read ``../shared/devset``, which is not
shipped either."""
