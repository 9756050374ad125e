"""The editors' page: one self-contained HTML file, every finding marked in the text.

``tqcheck --format html --output report.html news/`` writes a single file with its CSS
and script inline and no reference to anything outside it (no fonts, CDN or images),
so it opens offline on a newsroom laptop and can be mailed as an attachment. It shows:

* per story, the versions side by side, each with its full text; every finding is a
  ``<mark>`` at exactly its span, coloured by severity, with the message and the
  suggestion on hover (``title``) and in a panel on click; findings without a span
  (article-level, ``start == end``) are badges at the top of the version, and a
  zero-length finding inside the text is also a caret at its place;
* aligned passages (the ``segments`` frame, when a check filled it) linked across the
  columns: hovering one lights up its partner, clicking scrolls to it;
* the pair scores of the story;
* the findings table, sortable by any column and filterable by rule, severity,
  language and file (and free text); filtering also hides the filtered highlights.

Method. The span arithmetic is done here, in Python, where offsets are what the
report says they are: code-point indexes into ``Report.texts[path]``. JavaScript
strings count UTF-16 code units, so the page never computes an offset. Each text is
cut at every finding and segment boundary and at every line end; each piece becomes
plain text, a ``<span data-s>`` (aligned passage) or a ``<mark data-f>`` listing the
findings that cover it. A finding's highlighted text is therefore the concatenation,
in document order, of the marks whose ``data-f`` names it, and the browser test checks
exactly that. Every line is its own block with ``dir="auto"``, so Arabic and Hebrew
paragraphs run right to left next to left-to-right ones; each version carries its
``lang`` so that CJK text gets the right glyphs. All text goes through
``html.escape``. The output is deterministic: ids follow the report's sorted order.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from ..analysis import langs
from ..report import Report
from ..report import SEVERITY_RANK

BINARY = False


def esc(s: Any) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _doc_lang(d: dict[str, Any]) -> str:
    return d["declared_lang"] or d["detected_lang"] or ""


def _tooltip(fs: list[dict[str, Any]]) -> str:
    parts = []
    for f in fs:
        t = f"{f['rule_id']} {f['rule_name']} ({f['severity']}): {f['message']}"
        if f["suggestion"]:
            t += f"\n→ {f['suggestion']}"
        parts.append(t)
    return "\n".join(parts)


def _worst(fs: list[dict[str, Any]]) -> str:
    return max((f["severity"] for f in fs), key=lambda s: SEVERITY_RANK[s])


def render_text(text: str, findings: list[dict[str, Any]], segs: list[tuple[int, int, str]]) -> str:
    """``text`` as lines of HTML, findings as ``<mark>``, aligned passages as ``<span>``.

    ``findings`` carry ``fid``, ``start``, ``end``; ``segs`` are (start, end, sid).
    """
    n = len(text)
    spans = [f for f in findings if f["start"] < f["end"]]
    points: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        if f["start"] == f["end"] and 0 < f["start"] <= n:
            points[f["start"]].append(f)
    cuts = {0, n}
    for f in spans:
        cuts.update((max(0, min(n, f["start"])), max(0, min(n, f["end"]))))
    for s, e, _ in segs:
        cuts.update((max(0, min(n, s)), max(0, min(n, e))))
    cuts.update(points)
    pos = text.find("\n")
    while pos != -1:
        cuts.add(pos + 1)
        pos = text.find("\n", pos + 1)
    bounds = sorted(cuts)

    out: list[str] = ['<div class="ln" dir="auto">']
    for a, b in zip(bounds, bounds[1:]):
        for f in points.get(a, []):
            out.append(f'<mark class="pt sev-{f["severity"]}" data-f="{f["fid"]}" '
                       f'title="{esc(_tooltip([f]))}" tabindex="0"></mark>')
        piece = text[a:b]
        covering = [f for f in spans if f["start"] <= a and b <= f["end"]]
        seg_ids = [sid for s, e, sid in segs if s <= a and b <= e]
        body = esc(piece)
        if covering:
            attrs = f' data-s="{" ".join(seg_ids)}"' if seg_ids else ""
            out.append(f'<mark class="hl sev-{_worst(covering)}" data-f="{" ".join(f["fid"] for f in covering)}"'
                       f'{attrs} title="{esc(_tooltip(covering))}" tabindex="0">{body}</mark>')
        elif seg_ids:
            out.append(f'<span class="sg" data-s="{" ".join(seg_ids)}">{body}</span>')
        else:
            out.append(body)
        if piece.endswith("\n"):
            out.append('</div><div class="ln" dir="auto">')
    for f in points.get(n, []):
        out.append(f'<mark class="pt sev-{f["severity"]}" data-f="{f["fid"]}" '
                   f'title="{esc(_tooltip([f]))}" tabindex="0"></mark>')
    out.append("</div>")
    return "".join(out)


def _lang_label(d: dict[str, Any]) -> str:
    if d["declared_lang"]:
        s = f"{langs.name(d['declared_lang'])}, declared"
        if d["detected_lang"] and langs.base(d["detected_lang"]) != langs.base(d["declared_lang"]):
            s += f"; detected {langs.name(d['detected_lang'])}"
        return s
    if d["detected_lang"]:
        return f"{langs.name(d['detected_lang'])}, detected"
    return "language undetermined"


def _badge(f: dict[str, Any]) -> str:
    return (f'<mark class="badge sev-{f["severity"]}" data-f="{f["fid"]}" title="{esc(_tooltip([f]))}" '
            f'tabindex="0">{esc(f["rule_id"])} {esc(f["message"])}</mark>')


def _version(d: dict[str, Any], did: str, text: str, findings: list[dict[str, Any]],
             segs: list[tuple[int, int, str]]) -> str:
    lang = _doc_lang(d)
    role = f" · {esc(d['role'].replace('_', ' '))} {esc(d['related_path'])}" if d["role"] else ""
    head = (f'<header><h3 dir="auto">{esc(d["path"])}</h3>'
            f'<p class="meta">{esc(_lang_label(d))}{role} · {d["chars"]} characters · '
            f'{len(findings)} finding{"" if len(findings) == 1 else "s"}</p></header>')
    badges = [f for f in findings if f["start"] == f["end"]]
    top = f'<div class="badges">{"".join(_badge(f) for f in badges)}</div>' if badges else ""
    if d["problem"]:
        body = f'<p class="problem">not checked: {esc(d["problem"])}</p>'
    else:
        body = f'<div class="text" lang="{esc(lang)}">{render_text(text, findings, segs)}</div>'
    return (f'<section class="version" id="{did}" data-path="{esc(d["path"])}" lang="{esc(lang)}">'
            f'{head}{top}{body}</section>')


def _scores(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    out = ['<table class="scores"><caption>Pair scores (sacrebleu)</caption><thead><tr>'
           '<th>hypothesis</th><th>reference</th><th>type</th><th>BLEU</th><th>chrF</th><th>TER</th>'
           '</tr></thead><tbody>']
    for s in rows:
        ter = "" if s["ter"] is None else f"{s['ter']:.1f}"
        bleu = "" if s["bleu"] is None else f"{s['bleu']:.1f}"
        chrf = "" if s["chrf"] is None else f"{s['chrf']:.1f}"
        out.append(f'<tr><td dir="auto">{esc(s["hyp_path"])} ({esc(s["hyp_lang"])})</td>'
                   f'<td dir="auto">{esc(s["ref_path"])} ({esc(s["ref_lang"])})</td>'
                   f'<td>{esc(s["pair_type"])}</td><td class="num">{bleu}</td>'
                   f'<td class="num">{chrf}</td><td class="num">{ter}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def _table(findings: list[dict[str, Any]], doc_ids: dict[str, str]) -> str:
    cols = [("severity", "severity"), ("rule", "rule"), ("story", "story"), ("file", "file"),
            ("language", "language"), ("where", "line:col"), ("message", "message"),
            ("text", "flagged text"), ("suggestion", "suggestion")]
    head = "".join(f'<th data-col="{i}" data-key="{k}" aria-sort="none"><button type="button">{esc(label)}'
                   f'</button></th>' for i, (k, label) in enumerate(cols))
    rows = []
    for f in findings:
        sev_key = SEVERITY_RANK[f["severity"]]
        where_key = f"{f['line']:09d}{f['column']:09d}"
        rel = ""
        if f["related_path"]:
            rel_where = f":{f['related_line']}:{f['related_column']}" if f["related_line"] else ""
            rel = f'<div class="rel" dir="auto">↔ {esc(f["related_path"])}{rel_where}</div>'
        rows.append(
            f'<tr id="row-{f["fid"]}" data-f="{f["fid"]}" data-doc="{doc_ids.get(f["path"], "")}" '
            f'data-rule="{esc(f["rule_id"])}" data-severity="{esc(f["severity"])}" '
            f'data-language="{esc(f["language"] or "")}" data-file="{esc(f["path"])}">'
            f'<td data-v="{sev_key}" class="nw"><span class="sev sev-{f["severity"]}">{esc(f["severity"])}</span></td>'
            f'<td data-v="{esc(f["rule_id"])}"><b>{esc(f["rule_id"])}</b> {esc(f["rule_name"])}</td>'
            f'<td class="path" dir="auto">{esc(f["story"])}</td><td class="path" dir="auto">{esc(f["path"])}</td>'
            f'<td>{esc(f["language"] or "")}</td>'
            f'<td data-v="{where_key}" class="num">{f["line"]}:{f["column"]}</td>'
            f'<td class="msg" dir="auto">{esc(f["message"])}{rel}</td>'
            f'<td class="flagged" dir="auto">{esc(f["text"])}</td>'
            f'<td class="sugg" dir="auto">{esc(f["suggestion"] or "")}</td></tr>')
    return (f'<table id="findings"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            if rows else '<table id="findings" hidden><tbody></tbody></table><p>No findings.</p>')


def _select(name: str, label: str, values: list[str]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
    return (f'<label>{esc(label)} <select id="filter-{name}" data-key="{name}">'
            f'<option value="">all</option>{opts}</select></label>')


def render(report: Report) -> str:
    findings = report.findings.to_dicts()
    for i, f in enumerate(findings):
        f["fid"] = f"f{i}"
    docs = report.documents.to_dicts()
    doc_ids = {d["path"]: f"d{i}" for i, d in enumerate(docs)}
    by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_path[f["path"]].append(f)
    segs_by_path: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for i, s in enumerate(report.segments.to_dicts()):
        sid = f"s{i}"
        if s["hyp_start"] is not None and s["hyp_end"] is not None:
            segs_by_path[s["hyp_path"]].append((s["hyp_start"], s["hyp_end"], sid))
        if s["ref_start"] is not None and s["ref_end"] is not None:
            segs_by_path[s["ref_path"]].append((s["ref_start"], s["ref_end"], sid))
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        stories[d["story"]].append(d)
    scores: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in report.scores.to_dicts():
        scores[s["story"]].append(s)

    c = report.counts()
    stats = "".join(f"; {esc(v)} {esc(k.replace('_', ' '))}" for k, v in sorted(report.stats.items()))
    summary = (f'{len(docs)} document{"" if len(docs) == 1 else "s"} in {len(stories)} '
               f'{"story" if len(stories) == 1 else "stories"}: '
               f'<span class="sev sev-error">{c["error"]} errors</span> '
               f'<span class="sev sev-warning">{c["warning"]} warnings</span> '
               f'<span class="sev sev-info">{c["info"]} info</span>{stats}')
    nav = "".join(f'<li><a href="#story-{i}" dir="auto">{esc(sid)}</a> '
                  f'({sum(len(by_path[d["path"]]) for d in members)})</li>'
                  for i, (sid, members) in enumerate(stories.items()))
    parts = []
    for i, (sid, members) in enumerate(stories.items()):
        n_find = sum(len(by_path[d["path"]]) for d in members)
        cols = "".join(_version(d, doc_ids[d["path"]], report.texts.get(d["path"], ""),
                                by_path.get(d["path"], []), segs_by_path.get(d["path"], []))
                       for d in members)
        parts.append(f'<section class="story" id="story-{i}"><h2 dir="auto">{esc(sid)}</h2>'
                     f'<p class="meta">{len(members)} version{"" if len(members) == 1 else "s"} · '
                     f'{n_find} finding{"" if n_find == 1 else "s"}</p>'
                     f'<div class="versions" style="--n:{len(members)}">{cols}</div>'
                     f'{_scores(scores.get(sid, []))}</section>')
    sig = report.signature
    filters = "".join([
        _select("rule", "rule", sorted({f["rule_id"] for f in findings})),
        _select("severity", "severity", [s for s in ("error", "warning", "info")
                                         if any(f["severity"] == s for f in findings)]),
        _select("language", "language", sorted({f["language"] or "" for f in findings})),
        _select("file", "file", sorted({f["path"] for f in findings})),
        '<label>text <input id="filter-q" type="search" placeholder="message or flagged text"></label>',
        f'<span id="shown">{len(findings)} of {len(findings)} findings shown</span>',
    ])
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>tqcheck report</title><style>", CSS, "</style></head><body>",
        f'<header class="top"><h1>tqcheck report</h1><p class="summary">{summary}</p>',
        f'<p class="sig">tqcheck {esc(sig.get("tqcheck", ""))} · rules {esc(sig.get("rules", ""))} '
        f'({esc(sig.get("rule_count", ""))}) · {esc(sig.get("language_detector", ""))}</p>',
        f'<nav><ol>{nav}</ol><a href="#table">findings table</a></nav></header>',
        f'<div class="filters" role="search">{filters}</div>',
        "<main>", "".join(parts),
        f'<section id="table"><h2>Findings</h2>{_table(findings, doc_ids)}</section>',
        '</main><div id="pop" role="dialog" hidden></div><script>', JS, "</script></body></html>\n",
    ])


CSS = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--errbg:#ffd6d6;--warnbg:#ffe9b3;--infobg:#d7e8ff;
--line:#ddd;font-family:system-ui,"Noto Sans","Noto Naskh Arabic","Noto Sans Arabic","Noto Sans Hebrew",
"Noto Sans CJK SC","Noto Sans CJK JP","Noto Sans Devanagari","DejaVu Sans",sans-serif;color:#222}
body{margin:0;background:#fafafa}
header.top{padding:.8rem 1.2rem;background:#fff;border-bottom:1px solid var(--line)}
h1{font-size:1.3rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:.2rem 0}
h3{font-size:.95rem;margin:0;overflow-wrap:anywhere}
.summary,.sig,.meta{margin:.2rem 0;font-size:.85rem;color:#555;overflow-wrap:anywhere}
nav ol{margin:.3rem 0;padding-inline-start:1.4rem;font-size:.85rem}
.filters{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;
padding:.5rem 1.2rem;background:#f0f0f0;border-bottom:1px solid var(--line);font-size:.85rem}
main{padding:0 1.2rem 2rem}
.story{margin:1rem 0 1.5rem;padding:.6rem;background:#fff;border:1px solid var(--line);border-radius:6px}
.versions{display:grid;grid-template-columns:repeat(var(--n),minmax(20rem,1fr));gap:.8rem;overflow-x:auto}
.version{border:1px solid var(--line);border-radius:4px;padding:.5rem;min-width:0;background:#fff}
.version header{border-bottom:1px solid var(--line);margin-bottom:.4rem}
.text{max-height:75vh;overflow-y:auto;line-height:1.6;font-size:.95rem}
.ln{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}
.ln:first-child{font-weight:600}
mark{background:none;color:inherit;cursor:pointer;border-radius:2px}
mark.hl.sev-error{background:var(--errbg);box-shadow:inset 0 -2px var(--err)}
mark.hl.sev-warning{background:var(--warnbg);box-shadow:inset 0 -2px var(--warn)}
mark.hl.sev-info{background:var(--infobg);box-shadow:inset 0 -2px var(--info)}
mark.pt{display:inline-block;width:0;height:1.1em;vertical-align:text-bottom;border-inline-start:2px solid}
mark.pt.sev-error{border-color:var(--err)}mark.pt.sev-warning{border-color:var(--warn)}
mark.pt.sev-info{border-color:var(--info)}
mark.off{background:none!important;box-shadow:none!important;border-color:transparent!important;cursor:auto}
.badges{display:flex;flex-direction:column;gap:.2rem;margin-bottom:.4rem}
mark.badge{display:block;padding:.15rem .4rem;font-size:.8rem;border-inline-start:4px solid}
mark.badge.sev-error{background:var(--errbg);border-color:var(--err)}
mark.badge.sev-warning{background:var(--warnbg);border-color:var(--warn)}
mark.badge.sev-info{background:var(--infobg);border-color:var(--info)}
mark.badge.off{display:none}
.sg.linked,mark.linked{outline:2px solid #7b1fa2;outline-offset:1px}
.flash{animation:flash 1.2s ease-out}@keyframes flash{from{outline:3px solid #000}to{outline:3px solid transparent}}
.problem{color:var(--err)}
table{border-collapse:collapse;font-size:.85rem;margin-top:.6rem;background:#fff}
caption{text-align:start;font-weight:600;padding:.2rem 0}
th,td{border:1px solid var(--line);padding:.25rem .4rem;vertical-align:top;text-align:start}
td.path,td.flagged,td.msg,td.sugg{overflow-wrap:anywhere}td.nw{white-space:nowrap}
#findings{width:100%}#findings td.flagged{white-space:pre-wrap}
th button{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
#findings tbody tr{cursor:pointer}#findings tbody tr:hover{background:#f5f5ff}
.sev{font-weight:600}.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
mark.sev-error,mark.sev-warning,mark.sev-info{color:inherit}
.rel{color:#555;font-size:.8rem}
#pop{position:absolute;z-index:10;max-width:28rem;background:#fff;border:1px solid #999;border-radius:6px;
box-shadow:0 4px 16px rgba(0,0,0,.2);padding:.5rem .7rem;font-size:.85rem}
#pop .item+.item{border-top:1px solid var(--line);margin-top:.4rem;padding-top:.4rem}
#pop .sugg{color:#2e7d32}
"""

JS = r"""
(function(){
"use strict";
var table=document.getElementById("findings"),tbody=table.tBodies[0];
var rows=Array.prototype.slice.call(tbody.rows);
var byId={};rows.forEach(function(r){byId[r.dataset.f]=r;});
var marks=Array.prototype.slice.call(document.querySelectorAll("mark[data-f]"));
var filters=Array.prototype.slice.call(document.querySelectorAll(".filters select"));
var q=document.getElementById("filter-q"),shown=document.getElementById("shown");
function applyFilters(){
  var want={};filters.forEach(function(s){if(s.value)want[s.dataset.key]=s.value;});
  var text=(q.value||"").toLowerCase(),visible={},n=0;
  rows.forEach(function(r){
    var ok=Object.keys(want).every(function(k){return r.dataset[k]===want[k];});
    if(ok&&text)ok=r.textContent.toLowerCase().indexOf(text)>=0;
    r.hidden=!ok;if(ok){visible[r.dataset.f]=true;n++;}
  });
  marks.forEach(function(m){
    var on=m.dataset.f.split(" ").some(function(id){return visible[id];});
    m.classList.toggle("off",!on);
  });
  shown.textContent=n+" of "+rows.length+" findings shown";
}
filters.forEach(function(s){s.addEventListener("change",applyFilters);});
q.addEventListener("input",applyFilters);
Array.prototype.forEach.call(table.tHead?table.tHead.rows[0].cells:[],function(th){
  th.addEventListener("click",function(){
    var col=+th.dataset.col,asc=th.getAttribute("aria-sort")!=="ascending";
    Array.prototype.forEach.call(th.parentNode.cells,function(o){o.setAttribute("aria-sort","none");});
    th.setAttribute("aria-sort",asc?"ascending":"descending");
    var keyed=rows.map(function(r,i){var c=r.cells[col];
      return {r:r,i:i,k:c.dataset.v!==undefined?c.dataset.v:c.textContent};});
    keyed.sort(function(a,b){var x=a.k<b.k?-1:a.k>b.k?1:a.i-b.i;return asc?x:-x;});
    keyed.forEach(function(o){tbody.appendChild(o.r);});
    rows=keyed.map(function(o){return o.r;});
  });
});
var pop=document.getElementById("pop");
function item(r){
  var d=document.createElement("div");d.className="item";
  var h=document.createElement("div");
  var sev=document.createElement("span");sev.className="sev sev-"+r.dataset.severity;
  sev.textContent=r.dataset.severity;h.appendChild(sev);
  h.appendChild(document.createTextNode(" "+r.cells[1].textContent+" · "+r.dataset.file+":"+r.cells[5].textContent));
  d.appendChild(h);
  var m=document.createElement("div");m.dir="auto";m.textContent=r.querySelector(".msg").textContent;d.appendChild(m);
  var s=r.querySelector(".sugg").textContent;
  if(s){var sd=document.createElement("div");sd.className="sugg";sd.dir="auto";sd.textContent="→ "+s;d.appendChild(sd);}
  return d;
}
function openPop(mark){
  pop.textContent="";
  mark.dataset.f.split(" ").forEach(function(id){if(byId[id]&&!byId[id].hidden)pop.appendChild(item(byId[id]));});
  if(!pop.childNodes.length){pop.hidden=true;return;}
  var b=mark.getBoundingClientRect();
  pop.style.top=(window.scrollY+b.bottom+4)+"px";
  pop.style.left=Math.max(4,Math.min(window.scrollX+b.left,window.scrollX+document.documentElement.clientWidth-460))+"px";
  pop.hidden=false;
}
document.addEventListener("click",function(e){
  var m=e.target.closest&&e.target.closest("mark[data-f]");
  if(m){openPop(m);e.stopPropagation();return;}
  var r=e.target.closest&&e.target.closest("#findings tbody tr");
  if(r){var t=document.querySelector('mark[data-f~="'+r.dataset.f+'"]');
    if(t){t.scrollIntoView({block:"center"});t.classList.remove("flash");void t.offsetWidth;t.classList.add("flash");openPop(t);}
    return;}
  var sg=e.target.closest&&e.target.closest("[data-s]");
  if(sg){var ids=sg.dataset.s.split(" "),own=sg.closest(".version");
    var other=Array.prototype.filter.call(document.querySelectorAll('[data-s~="'+ids[0]+'"]'),
      function(x){return x.closest(".version")!==own;});
    if(other.length)other[0].scrollIntoView({block:"nearest"});}
  if(!pop.contains(e.target))pop.hidden=true;
});
document.addEventListener("keydown",function(e){
  if(e.key==="Escape")pop.hidden=true;
  if(e.key==="Enter"&&e.target.matches&&e.target.matches("mark[data-f]"))openPop(e.target);
});
function link(e,on){
  var el=e.target.closest&&e.target.closest("[data-s]");if(!el)return;
  var story=el.closest(".story");
  el.dataset.s.split(" ").forEach(function(id){
    Array.prototype.forEach.call(story.querySelectorAll('[data-s~="'+id+'"]'),function(x){x.classList.toggle("linked",on);});
  });
}
document.addEventListener("mouseover",function(e){link(e,true);});
document.addEventListener("mouseout",function(e){link(e,false);});
})();
"""
