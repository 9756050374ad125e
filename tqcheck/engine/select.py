"""Which rules a token names: the one matcher behind ``select``, ``ignore``,
``[severity]``, ``[per-path-ignores]``, inline suppression markers (and TQ006, which
checks them) and ``--fix`` (which applies the fixes of the selected rules).

A token names a rule by its id (``TQ301``), a prefix of ids (``TQ3``, ``TQ``), its
name (``doubled-space``), or ``ALL``. The match length says how specific it is:
flake8's rule, the longest match among ``select`` and ``ignore`` wins. Markers are
written by editors, so they match without regard to case (``tq301``). A leaf module:
it imports nothing of tqcheck.
"""

from __future__ import annotations

from collections.abc import Iterable

EXACT = 100  # an id or a name: more specific than any prefix
ALL = "ALL"


def match_len(token: str, rule_id: str, rule_name: str, ignore_case: bool = False) -> int:
    """How specifically ``token`` names the rule: ``EXACT`` for its id or name, the
    prefix length for a prefix of its id, 0 for ``ALL``, -1 when it does not."""
    if ignore_case:
        token, rule_id, rule_name = token.upper(), rule_id.upper(), rule_name.upper()
    if token == rule_name or token == rule_id:
        return EXACT
    if rule_id.startswith(token):
        return len(token)
    if token == ALL:
        return 0
    return -1


def names(tokens: Iterable[str], rule_id: str, rule_name: str, ignore_case: bool = False) -> bool:
    """Does any token name the rule (``ALL`` included)?"""
    return any(match_len(t, rule_id, rule_name, ignore_case) >= 0 for t in tokens)


def selected(rule_id: str, rule_name: str, enabled: bool, select: list[str] | None,
             ignore: list[str]) -> bool:
    """flake8's rule: the longest matching prefix among select and ignore wins.

    With no ``select``, every rule that is enabled by default is selected; a disabled
    rule runs only when a select entry names it (by id, prefix or name, not ``ALL``).
    """
    best_sel = max((match_len(t, rule_id, rule_name) for t in (select or [])), default=-1)
    if select is None and enabled:
        best_sel = max(best_sel, 0)
    if not enabled and best_sel < 1:
        return False
    best_ign = max((match_len(t, rule_id, rule_name) for t in ignore), default=-1)
    if best_sel < 0:
        return False
    return best_ign < best_sel or best_ign < 0
