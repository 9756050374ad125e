from tqcheck.numbers import compare, extract, readings

from conftest import need_shared


def values(text, lang=None, kinds=("number", "percent", "money")):
    return [sorted(q.values) for q in extract(text, lang) if q.kind in kinds]


def test_localised_forms_are_one_number():
    forms = [("1,550 warheads", "en"), ("1.550 Sprengköpfe", "de"), ("1\u202f550 ogives", "fr"),
             ("١٬٥٥٠ رأساً", "ar"), ("1550 warheads", None)]
    for text, lang in forms:
        assert values(text, lang) == [[1550.0]], text


def test_ambiguous_separator_depends_on_language():
    assert readings("1,550", "en") == {1550.0}
    assert readings("1,550", "de") == {1.55}
    assert readings("1,550", None) == {1550.0, 1.55}
    assert readings("1,5", "en") == {1.5}
    assert readings("1.234,5", None) == {1234.5}


def test_scale_percent_currency_and_spelled():
    qa = extract("It cost $5 million, 12.5% more, over three years.", "en")
    qb = extract("Cela a coûté 5 millions de dollars, 12,5 % de plus, sur trois ans.", "fr")
    assert compare(qa, qb, ("number", "percent", "money")) == ([], [])
    qc = extract("Cela a coûté 6 millions de dollars, 12,5 % de plus, sur trois ans.", "fr")
    left_a, left_b = compare(qa, qc, ("number", "percent", "money"))
    assert [q.text for q in left_a] == ["$5 million"] and [q.text for q in left_b] == ["6 millions"]


def test_dates_and_relative_times():
    same = ["on 5 February", "on February 5", "le 5 février", "am 5. Februar", "2月5日", "في 5 فبراير"]
    for s in same:
        assert [q.values for q in extract(s) if q.kind == "date"] == [frozenset({(2, 5)})], s
    hours = extract("just hours after the expiry", "en")
    days = extract("just days after the expiry", "en")
    assert compare(hours, days, ("reltime",))[0]
    assert not compare(hours, extract("quelques heures après l'expiration", "fr"), ("reltime",))[0]


def test_offsets_point_at_the_text():
    text = "Am 5. Februar kamen ١٢ Menschen und 3,5 Tonnen."
    for q in extract(text, "de"):
        assert text[q.start:q.end] == q.text


def test_eval_numbers_meets_targets(capsys):
    devset = need_shared("devset", "lid", "lingua-sentences")
    from tqcheck.eval.numbers import main

    assert main([str(devset.parent.parent), "--langs", "en,de,ar"]) == 0
    last = [l for l in capsys.readouterr().out.splitlines() if l.startswith("all")][0].split()
    precision, recall = float(last[-2].rstrip("%")), float(last[-1].rstrip("%"))
    assert precision >= 95 and recall >= 95
