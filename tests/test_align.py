from tqcheck.align import align, align_texts, segments

from conftest import need_shared


def test_merge_split_drop_insert():
    a = ["The minister resigned on Friday after the vote.",
         "Police arrested fourteen people outside the parliament building.",
         "The opposition called for early elections in September.",
         "Markets fell sharply in early trading on Monday morning.",
         "Analysts expect the central bank to cut interest rates soon."]
    b = ["The minister resigned on Friday after the vote, police arrested fourteen people outside the parliament building.",
         "Markets fell sharply in early trading.", "On Monday morning, that is.",
         "An unrelated sentence about football results and weather.",
         "Analysts expect the central bank to cut interest rates soon."]
    links = [(l.a, l.b) for l in align(a, b)]
    assert ((0, 1), (0,)) in links          # merge
    assert ((2,), ()) in links              # drop
    assert ((), (3,)) in links              # insert
    assert ((4,), (4,)) in links


def test_cross_language_anchors():
    en = "Talks began in Geneva on Monday.\nPutin met Trump for 90 minutes.\nThe weather was fine."
    ru = "Переговоры начались в Женеве в понедельник.\nПутин встретился с Трампом на 90 минут."
    al = align_texts(en, ru, same_language=False)
    pairs = [(l.a, l.b) for l in al.links if l.a and l.b]
    assert ((1,), (1,)) in pairs


def test_segments_do_not_cross_lines():
    t = "Heading without stop\nFirst sentence. Second one!"
    assert [s.of(t) for s in segments(t)] == ["Heading without stop", "First sentence.", "Second one!"]


def test_eval_align_meets_targets(capsys):
    devset = need_shared("devset", "lid", "lingua-sentences")
    from tqcheck.eval.align import main

    main([str(devset.parent.parent), "--docs", "10", "--langs", "en,ru"])
    row = [l for l in capsys.readouterr().out.splitlines() if l.startswith("all")][0].split()
    lp, lr, op, orr = (float(x.rstrip("%")) for x in row[3:7])
    assert lp >= 95 and lr >= 95 and op >= 90 and orr >= 90
