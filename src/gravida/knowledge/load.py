"""Load and cross-check the knowledge pack.

Every file is validated against its schema, then every id is checked against
the vocabulary, so a broken pack fails at start-up with an error that names
the file, the entry and the problem, never later with a wrong answer. The
loaded form (``Pack`` and its memo) is in ``loaded.py``, file reading in
``files.py``; both are re-exported here, where readers have always found them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from gravida.knowledge import expr, i18n
from gravida.knowledge.errors import PackError as PackError
from gravida.knowledge.files import default_pack_dir as default_pack_dir
from gravida.knowledge.files import read_text_yaml as read_text_yaml
from gravida.knowledge.files import read_yaml as read_yaml
from gravida.knowledge.files import validate as validate
from gravida.knowledge.loaded import PACK_VERSION as PACK_VERSION
from gravida.knowledge.loaded import CompiledRule as CompiledRule
from gravida.knowledge.loaded import ConditionLevel, Form, Memo
from gravida.knowledge.loaded import Pack as Pack
from gravida.knowledge.loaded import derived as derived
from gravida.knowledge.overlays import Overlays
from gravida.knowledge.schema import (
    Cited,
    ConditionForm,
    ConditionsFile,
    FindingsFile,
    LikelihoodsFile,
    NumberMap,
    Rule,
    Source,
    TriageFile,
    Vocabulary,
)


def _check_source(src: str, sources: dict[str, Source], file: str, entry: str) -> None:
    if src not in sources:
        raise PackError(file, entry, f"unknown source {src!r}")


def _check_ids(ids: Iterable[str], known: set[str], file: str, what: str) -> None:
    for i in ids:
        if i not in known:
            raise PackError(file, i, f"unknown {what} id")


def load_pack(
    directory: Path | None = None, lang: str = i18n.DEFAULT_LANGUAGE, like: Pack | None = None
) -> Pack:
    """Load the pack in ``directory`` (the packaged one by default) and check it whole.

    ``lang`` chooses the language of every text the pack gives people; each of its
    overlay files is checked whole, so a missing translation fails here. ``like``:
    the same pack loaded in another language, whose ``files_memo`` (what is built
    from the files whatever the language) this one shares when the files are the same.
    """
    d = directory or default_pack_dir()
    digest = hashlib.sha256()
    for path in sorted(d.rglob("*.yaml")):
        digest.update(path.relative_to(d).as_posix().encode())
        digest.update(path.read_bytes())
    same = like is not None and like.digest == digest.hexdigest()
    texts = like.texts if like is not None and same else Overlays(d)
    i18n.check_language(lang, texts.languages)
    for name in texts.fields:
        read_text_yaml(texts, name, lang)
    vocab = validate(Vocabulary, read_text_yaml(texts, "vocabulary.yaml", lang), "vocabulary.yaml")
    sources: dict[str, Source] = {}
    source_files = ["sources.yaml"] + [
        f"sources/{p.name}" for p in sorted((d / "sources").glob("*.yaml"))
    ]
    for name in source_files:
        raw = read_yaml(d, name) or {}
        for k, v in (raw.get("sources") or {}).items():
            if k in sources:
                raise PackError(name, k, "source id defined twice")
            sources[k] = validate(Source, v, f"{name} ({k})")
    vfind = {f.id: f for f in vocab.findings}
    booleans = {f.id for f in vocab.findings if f.kind == "boolean"}
    numbers = {f.id for f in vocab.findings if f.kind == "number"}
    levels = tuple(t.id for t in vocab.triage_levels)

    # findings
    ff = validate(FindingsFile, read_text_yaml(texts, "findings.yaml", lang), "findings.yaml")
    for fid, fi in ff.findings.items():
        if fid not in vfind:
            raise PackError("findings.yaml", fid, "not a vocabulary finding")
        if fi.background is not None:
            if vfind[fid].kind != "boolean":
                raise PackError("findings.yaml", fid, "a number finding has no background rate")
            _check_source(fi.background.src, sources, "findings.yaml", fid)
    for fid in vfind:
        if fid not in ff.findings:
            raise PackError("findings.yaml", fid, "vocabulary finding has no entry (label)")
    derived_nodes: dict[str, expr.Node] = {}
    for dfd in ff.derived:
        if dfd.id in vfind or dfd.id in derived_nodes:
            raise PackError("findings.yaml", dfd.id, "derived id clashes with another finding")
        _check_source(dfd.background.src, sources, "findings.yaml", dfd.id)
        try:
            derived_nodes[dfd.id] = expr.AnyOf(
                tuple(expr.parse(p, set(), numbers) for p in dfd.present_if)
            )
        except expr.ExprError as exc:
            raise PackError("findings.yaml", dfd.id, str(exc)) from None
    for dfd in ff.derived:
        if dfd.within is not None and dfd.within not in derived_nodes:
            raise PackError("findings.yaml", dfd.id, "within: not another derived finding")
    all_booleans = booleans | set(derived_nodes)
    nmaps: list[tuple[NumberMap, expr.Node, expr.Node | None]] = []
    for nm in ff.number_maps:
        if nm.finding not in booleans:
            raise PackError("findings.yaml", nm.finding, "number map target is not boolean")
        _check_source(nm.src, sources, "findings.yaml", nm.finding)
        try:
            p_node = expr.parse(nm.present_if, set(), numbers)
            a_node = expr.parse(nm.absent_if, set(), numbers) if nm.absent_if else None
        except expr.ExprError as exc:
            raise PackError("findings.yaml", nm.finding, str(exc)) from None
        nmaps.append((nm, p_node, a_node))
    for imp in ff.implies:
        _check_ids([imp.if_, imp.then], booleans, "findings.yaml", "finding (implies)")
    for fid in booleans:
        if ff.findings[fid].background is None:
            raise PackError("findings.yaml", fid, "boolean finding has no background rate")

    # conditions
    cf = validate(ConditionsFile, read_text_yaml(texts, "conditions.yaml", lang), "conditions.yaml")
    vcond = [c.id for c in vocab.conditions]
    for cid in cf.conditions:
        if cid not in vcond:
            raise PackError("conditions.yaml", cid, "not a vocabulary condition")
    for cid in vcond:
        if cid not in cf.conditions:
            raise PackError("conditions.yaml", cid, "vocabulary condition is missing")
    for cid, ci in cf.conditions.items():
        _check_source(ci.prior.src, sources, "conditions.yaml", f"{cid}.prior")
        if ci.prior_by_weeks is not None:
            _check_source(ci.prior_by_weeks.src, sources, "conditions.yaml",
                          f"{cid}.prior_by_weeks")
        if ci.weeks_src:
            _check_source(ci.weeks_src, sources, "conditions.yaml", f"{cid}.weeks")
    conditions = {cid: cf.conditions[cid] for cid in vcond}
    if cf.coexisting is not None:
        co = cf.coexisting
        _check_ids([co.condition, *co.conditions], set(conditions), "conditions.yaml",
                   "condition (coexisting)")
        if co.condition in co.conditions:
            raise PackError("conditions.yaml", "coexisting",
                            "a condition cannot co-exist with itself")
        _check_source(co.prevalence.src, sources, "conditions.yaml", "coexisting.prevalence")

    # likelihoods (one or more files under likelihoods/)
    likelihoods: dict[str, dict[str, Cited]] = {}
    forms: dict[str, tuple[Form, ...]] = {}
    files = sorted((d / "likelihoods").glob("*.yaml"))
    if not files:
        raise PackError("likelihoods/", "-", "no likelihood files")
    for path in files:
        name = f"likelihoods/{path.name}"
        lf = validate(LikelihoodsFile, read_yaml(d, name), name)
        for cid, table in lf.likelihoods.items():
            if cid not in conditions:
                raise PackError(name, cid, "unknown condition id")
            if cid in likelihoods:
                raise PackError(name, cid, "condition already has likelihoods in another file")
            for fid, cited in table.items():
                if fid not in all_booleans:
                    raise PackError(name, f"{cid}.{fid}", "unknown (or non-boolean) finding id")
                _check_source(cited.src, sources, name, f"{cid}.{fid}")
            likelihoods[cid] = dict(table)
        for cid, forms_of in lf.forms.items():
            forms[cid] = _forms(name, cid, forms_of, lf.likelihoods.get(cid), all_booleans,
                                sources)
    for cid in conditions:
        if cid not in likelihoods:
            raise PackError("likelihoods/", cid, "condition has no likelihoods")

    # triage
    tf = validate(TriageFile, read_text_yaml(texts, "triage.yaml", lang), "triage.yaml")
    _check_source(tf.thresholds_src, sources, "triage.yaml", "thresholds")
    if set(tf.thresholds) != set(levels):
        raise PackError("triage.yaml", "thresholds", "needs exactly one threshold per level")
    for lv in tf.cumulative_levels:
        if lv not in levels:
            raise PackError("triage.yaml", "cumulative_levels", f"unknown triage level {lv!r}")
    if "{conditions}" not in tf.cumulative_says:
        raise PackError("triage.yaml", "cumulative_says", "needs the {conditions} placeholder")
    if "{reason}" not in tf.working_says:
        raise PackError("triage.yaml", "working_says", "needs the {reason} placeholder")
    if (tf.working_strong_evidence is None) != (tf.working_strong_evidence_src is None):
        raise PackError("triage.yaml", "working_strong_evidence",
                        "working_strong_evidence and working_strong_evidence_src go together")
    if tf.working_strong_evidence_src is not None:
        _check_source(tf.working_strong_evidence_src, sources, "triage.yaml",
                      "working_strong_evidence")
    if tf.cumulative_levels:
        if tf.cumulative_src is None:
            raise PackError("triage.yaml", "cumulative_levels", "needs cumulative_src")
        _check_source(tf.cumulative_src, sources, "triage.yaml", "cumulative_levels")
    _check_ids(tf.red_flags, booleans, "triage.yaml", "finding (red_flags)")
    if tf.red_flags:
        if tf.red_flags_src is None:
            raise PackError("triage.yaml", "red_flags", "needs red_flags_src")
        _check_source(tf.red_flags_src, sources, "triage.yaml", "red_flags")
    definitions: dict[str, expr.Node] = {}
    for name, raw in tf.definitions.items():
        try:
            definitions[name] = expr.parse(raw, all_booleans, numbers, definitions)
        except expr.ExprError as exc:
            raise PackError("triage.yaml", f"definitions.{name}", str(exc)) from None

    def compile_rule(rule: Rule, where: str) -> CompiledRule:
        if rule.level not in levels:
            raise PackError("triage.yaml", where, f"unknown triage level {rule.level!r}")
        _check_source(rule.src, sources, "triage.yaml", where)
        try:
            return CompiledRule(rule, expr.parse(rule.when, all_booleans, numbers, definitions))
        except expr.ExprError as exc:
            raise PackError("triage.yaml", where, str(exc)) from None

    floors = tuple(compile_rule(r, f"floors.{r.id}") for r in tf.floors)
    for r in tf.floors:
        for cid in r.suspects:
            if cid not in conditions:
                raise PackError("triage.yaml", f"floors.{r.id}.suspects",
                                f"unknown condition {cid!r}")
        if r.before_same_level_src is not None:
            _check_source(r.before_same_level_src, sources, "triage.yaml",
                          f"floors.{r.id}.before_same_level")
    clevels: dict[str, ConditionLevel] = {}
    for cid, ct in tf.conditions.items():
        if cid not in conditions:
            raise PackError("triage.yaml", cid, "unknown condition id")
        if ct.level not in levels:
            raise PackError("triage.yaml", cid, f"unknown triage level {ct.level!r}")
        _check_source(ct.src, sources, "triage.yaml", cid)
        adjust = tuple(compile_rule(r, f"conditions.{cid}.{r.id}") for r in ct.adjust)
        for r in ct.adjust:
            if r.suspects or r.before_same_level:
                raise PackError("triage.yaml", f"conditions.{cid}.{r.id}.suspects",
                                "only a floor rule names the conditions it suspects")
        if ct.threshold_src is not None:
            _check_source(ct.threshold_src, sources, "triage.yaml", f"{cid}.threshold")
        requires = None
        if ct.requires is not None and ct.requires_src is not None:
            requires = compile_rule(
                Rule(id=f"{cid}_requires", level=ct.level, when=ct.requires, says="",
                     src=ct.requires_src), f"conditions.{cid}.requires")
            if not _only_present(requires.node):
                raise PackError("triage.yaml", f"conditions.{cid}.requires",
                                "only findings present, in {any} or {all} (a yes never lowers)")
        clevels[cid] = ConditionLevel(ct.level, ct.src, adjust, ct.threshold, requires)
    for cid in conditions:
        if cid not in clevels:
            raise PackError("triage.yaml", cid, "condition has no triage level")

    return Pack(
        directory=d,
        vocabulary=vocab,
        findings=vfind,
        info=dict(ff.findings),
        derived=tuple(ff.derived),
        derived_nodes=derived_nodes,
        number_maps=tuple(nmaps),
        implies=tuple(ff.implies),
        conditions=conditions,
        likelihoods=likelihoods,
        sources=sources,
        levels=levels,
        thresholds=dict(tf.thresholds),
        cumulative_levels=tuple(tf.cumulative_levels),
        cumulative_src=tf.cumulative_src or tf.thresholds_src,
        cumulative_says=tf.cumulative_says,
        working_says=tf.working_says,
        working_strong_evidence=tf.working_strong_evidence,
        red_flags=tuple(tf.red_flags),
        definitions=definitions,
        floors=floors,
        condition_levels=clevels,
        digest=digest.hexdigest(),
        texts=texts,
        lang=lang,
        coexisting=cf.coexisting,
        forms=forms,
        files_memo=like.files_memo if like is not None and same else Memo(),
    )


def _forms(name: str, cid: str, forms_of: list[ConditionForm],
           table: dict[str, Cited] | None, booleans: set[str] | frozenset[str],
           sources: dict[str, Source]) -> tuple[Form, ...]:
    """A condition's forms, checked (in its own file, two or more, distinct ids, shares
    adding up to 1 in every trimester, known findings, none both the condition's and a
    form's) and merged with the condition's table."""
    if table is None:
        raise PackError(name, f"forms.{cid}", "forms of a condition with no likelihoods here")
    if len(forms_of) < 2 or len({f.id for f in forms_of}) != len(forms_of):
        raise PackError(name, f"forms.{cid}", "two or more forms, each with its own id")
    for t in range(3):
        total = sum(f.share.by_trimester()[t] for f in forms_of)
        if abs(total - 1.0) > 1e-9:
            raise PackError(name, f"forms.{cid}", f"the shares add up to {total:g}, not 1")
    out = []
    for form in forms_of:
        where = f"forms.{cid}.{form.id}"
        _check_source(form.share.src, sources, name, f"{where}.share")
        for fid, cited in form.likelihoods.items():
            if fid not in booleans:
                raise PackError(name, f"{where}.{fid}", "unknown (or non-boolean) finding id")
            if fid in table:
                raise PackError(name, f"{where}.{fid}",
                                "the condition's table has it too: one place for each rate")
            _check_source(cited.src, sources, name, f"{where}.{fid}")
        out.append(Form(form.id, form.share, {**table, **form.likelihoods}))
    return tuple(out)


def default_pack(lang: str = i18n.DEFAULT_LANGUAGE) -> Pack:
    """The packaged pack in ``lang``, loaded once per process and language; the
    languages share what is built from the files alone (``Pack.memo_files``)."""
    return _packaged(lang)


@cache  # keyed on the language alone: default_pack() and default_pack("en") are one pack
def _packaged(lang: str) -> Pack:
    if lang == i18n.DEFAULT_LANGUAGE:
        return load_pack()
    return load_pack(lang=lang, like=_packaged(i18n.DEFAULT_LANGUAGE))


def _only_present(node: expr.Node) -> bool:
    """Whether an expression holds more often, never less, as findings become present."""
    if isinstance(node, expr.Atom):
        return node.present
    if isinstance(node, expr.All | expr.AnyOf):
        return all(_only_present(p) for p in node.parts)
    return False
