"""Evaluations on real data: ``python -m tools.eval NAME [ARGS]``.

Each evaluation is a module ``tools/eval/<name>.py`` with ``main(argv) -> int`` that
prints a table; ``python -m tools.eval`` lists them. They read development data that
is not shipped (``../shared/devset``) from a folder given on the command line.
"""
