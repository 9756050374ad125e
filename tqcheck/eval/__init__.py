"""Evaluations on real data: ``python -m tqcheck.eval NAME [ARGS]``.

Each evaluation is a module ``tqcheck/eval/<name>.py`` with ``main(argv) -> int`` that
prints a table; ``python -m tqcheck.eval`` lists them. They read development data that
is not shipped (``../shared/devset``) from a folder given on the command line.
"""
