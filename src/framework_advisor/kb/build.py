"""Merge and validate knowledge: pass 1 checks the shape of every entry, pass 2 the
cross-references between them. Every problem is collected and reported at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framework_advisor.domain.brand import Brand
from framework_advisor.domain.contract import FIXED_QUESTIONS, FRAMEWORK_IDS
from framework_advisor.domain.examples import ExampleSet, RoleExamples
from framework_advisor.domain.framework import Framework
from framework_advisor.domain.knowledge import (
    KnowledgeBase,
    PackInfo,
    Settings,
)
from framework_advisor.domain.report_layout import ReportLayout
from framework_advisor.domain.text import Catalogue, message
from framework_advisor.errors import KnowledgeBaseError
from framework_advisor.kb.brand import checked_brand
from framework_advisor.kb.cross_checks import CrossChecks
from framework_advisor.kb.example_checks import split_conditions, with_metric_ids
from framework_advisor.kb.files import SourceFiles
from framework_advisor.kb.kinds import KINDS, RETIRED_FILES, Kind
from framework_advisor.kb.locate import embedded_dir
from framework_advisor.kb.report_layout import FILE as LAYOUT_FILE
from framework_advisor.kb.report_layout import check_complete, read_layout
from framework_advisor.kb.schema import (
    SCHEMA_VERSION,
    KbFile,
    Located,
    PackFile,
)
from framework_advisor.kb.templates import RULE, read_template
from framework_advisor.kb.text import FILE as TEXT_FILE
from framework_advisor.kb.text import RULE as TEXT_RULE
from framework_advisor.kb.text import TextBuilder
from framework_advisor.problems import ProblemCollector, did_you_mean, worded
from framework_advisor.sources.yaml_lines import (
    KeyPath,
    YamlDocument,
    YamlSyntaxError,
    load_yaml_file,
    parse_yaml,
)

__all__ = ["build"]


class _Builder(CrossChecks):
    """Pass 1: each file parsed and each entry checked for shape; pass 2 (``CrossChecks``)."""

    def __init__(self) -> None:
        self.problems = ProblemCollector()
        self.name = ""
        self.version = ""
        self.settings = Settings()
        self.settings_at: Located | None = None
        self.policies_at: Located | None = None
        self.frameworks: dict[str, Located] = {}
        for kind in KINDS:  # questions, rules, needs, pairings, glossary, forbidden phrases
            setattr(self, kind.table, {})
        self.examples: dict[str, Located] = {}
        self.role_examples: dict[str, Located] = {}
        self.templates: dict[str, Located] = {}
        self.packs: list[PackInfo] = []
        self.brand = Brand()
        self.text = TextBuilder()
        self.report = ReportLayout()
        self.report_at: YamlDocument | None = None
        self.report_broken = False

    # pass 1 ----------------------------------------------------------------------------
    def doc(self, source: SourceFiles, name: str) -> YamlDocument | None:
        raw = source.texts.get(name)
        if raw is None:
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problems.add(source.display(name), (), message("kb.not_utf8", reason=exc.reason))
            return None
        try:
            document = parse_yaml(text, source.display(name))
        except YamlSyntaxError as exc:
            self.problems.extend([exc.problem])
            return None
        self.problems.extend(document.duplicates)
        return document

    def add_source(self, source: SourceFiles) -> None:
        if source.is_pack:
            if not self._pack_header(source):
                return  # a pack for another schema: one error, not one per entry
        else:
            self._kb_header(source)
        for name, moved in RETIRED_FILES.items():
            if name in source.texts:
                with self.problems.checking(TEXT_RULE):
                    self.problems.add(source.display(name), (), message(moved))
        for kind in KINDS:
            self._entries(source, kind)
        layout_doc = self.doc(source, LAYOUT_FILE)
        if layout_doc is not None:
            layout = read_layout(self.problems, layout_doc, self.report)
            if layout is None:
                self.report_broken = True
            else:
                self.report = layout
            self.report_at = self.report_at or layout_doc
        for name in sorted(n for n in source.texts if n.startswith("examples/")):
            self._examples(source, name)
        for name in sorted(n for n in source.texts if n.startswith("templates/")):
            self._template(source, name)
        text = self.doc(source, TEXT_FILE)
        if text is not None:
            with self.problems.checking(TEXT_RULE):
                self.text.add(self.problems, text)
        for name in sorted(n for n in source.texts if n.startswith("frameworks/")):
            doc = self.doc(source, name)
            if doc is None:
                continue
            data, step_conditions = _split_step_conditions(doc.data)
            framework = self.problems.convert(doc, (), data, Framework)
            if framework is None:
                continue
            stem = Path(name).stem
            if framework.id != stem:
                said = message("kb.file_name", id=framework.id, stem=stem)
                self.problems.add(doc, ("id",), said)
                continue
            self.frameworks[framework.id] = Located(framework, doc, (), step_conditions)

    def _examples(self, source: SourceFiles, name: str) -> None:
        doc = self.doc(source, name)
        if doc is None:
            return
        if name.startswith("examples/roles/"):  # a pack's file replaces ours of that name
            with self.problems.checking("kb-example"):
                role_examples = self.problems.convert(doc, (), doc.data, RoleExamples)
            if role_examples is not None:
                self.role_examples[Path(name).stem] = Located(role_examples, doc, ())
            return
        data, conditions = split_conditions(doc.data)
        with self.problems.checking("kb-example"):
            examples = self.problems.convert(doc, (), data, ExampleSet)
        if examples is None:
            return
        stem = Path(name).stem
        kind = "function" if name.startswith("examples/functions/") else "industry"
        if examples.area != stem:
            self.problems.add(doc, ("area",), message("kb.file_name", id=examples.area, stem=stem))
        elif examples.kind != kind:
            self.problems.add(doc, ("kind",), message("kb.example.kind", kind=kind))
        else:
            self.examples[f"{kind}:{stem}"] = Located(
                with_metric_ids(examples), doc, (), conditions
            )

    def _template(self, source: SourceFiles, name: str) -> None:
        doc = self.doc(source, name)
        if doc is None:
            return
        with self.problems.checking(RULE):
            template = read_template(self.problems, doc, Path(name).stem)
        if template is not None:
            self.templates[template.id] = Located(template, doc, ())  # a pack's replaces ours

    def _kb_header(self, source: SourceFiles) -> None:
        doc = self.doc(source, "kb.yaml")
        if doc is None:
            return
        header = self.problems.convert(doc, (), doc.data, KbFile)
        if header is not None:
            self.name, self.version, self.settings = header.name, header.version, header.settings
            self.settings_at = Located(header.settings, doc, ("settings",))
            self.policies_at = Located(header.policies, doc, ("policies",))
            with self.problems.checking("kb-brand"):
                self.brand = checked_brand(self.problems, doc, header.brand).over(self.brand)

    def _pack_header(self, source: SourceFiles) -> bool:
        doc = self.doc(source, "pack.yaml")
        if doc is None:
            return False
        header = self.problems.convert(doc, (), doc.data, PackFile)
        if header is None:
            return False
        if header.schema_version != SCHEMA_VERSION:
            said = (
                message("kb.pack.schema_none", version=SCHEMA_VERSION, changes=CHANGES)
                if header.schema_version is None
                else message(
                    "kb.pack.schema",
                    written=header.schema_version,
                    version=SCHEMA_VERSION,
                    changes=CHANGES,
                )
            )
            self.problems.add(
                doc, ("schema_version",) if header.schema_version is not None else (), said
            )
            return False
        self.packs.append(
            PackInfo(header.name, header.version, source.digest()[:12], str(source.root))
        )
        with self.problems.checking("kb-brand"):
            self.brand = checked_brand(self.problems, doc, header.brand).over(self.brand)
        removal = header.remove
        for kind, ids, table, fixed in (
            ("frameworks", removal.frameworks, self.frameworks, FRAMEWORK_IDS),
            ("questions", removal.questions, self.questions, tuple(FIXED_QUESTIONS)),
            ("rules", removal.rules, self.rules, ()),
        ):
            for index, entry_id in enumerate(ids):
                path = ("remove", kind, index)
                if entry_id in fixed:
                    self.problems.add(doc, path, message("kb.pack.fixed_id", id=entry_id))
                elif entry_id not in table:
                    said = message(f"kb.pack.no_{kind[:-1]}", id=entry_id)
                    self.problems.add(doc, path, did_you_mean(said, entry_id, table))
                else:
                    del table[entry_id]
        return True

    def _entries(self, source: SourceFiles, kind: Kind) -> None:
        """Every entry of one kind's file, each converted on its own; an entry whose id is
        already there (from ours or an earlier pack) replaces it."""
        doc = self.doc(source, kind.file)
        if doc is None:
            return
        data, key = doc.data, kind.key
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            self.problems.add(doc, (), message("kb.file.list_under", key=key))
            return
        unknown = [k for k in data if k != key]
        for extra in unknown:
            self.problems.add(doc, (extra,), message("kb.file.top_key", key=key))
        table: dict[str, Located] = getattr(self, kind.table)
        seen: set[str] = set()
        for index, raw in enumerate(data[key]):
            path: KeyPath = (key, index)
            located = self._entry(kind, doc, path, raw)
            if located is None:
                continue
            entry_id = kind.id_of(located.value)
            if entry_id in seen:
                self.problems.add(doc, path, message("kb.entry.twice", id=entry_id))
                continue
            seen.add(entry_id)
            table[entry_id] = located  # a pack entry with an existing id replaces it

    def _entry(self, kind: Kind, doc: YamlDocument, path: KeyPath, raw: Any) -> Located | None:
        if kind.before is not None and not kind.before(self.problems, doc, path, raw):
            return None
        raw_when = None
        if kind.when and isinstance(raw, dict):
            raw_when = raw.get("when")
            raw = {k: v for k, v in raw.items() if k != "when"}
        value = self.problems.convert(doc, path, raw, kind.model)
        if value is None:
            return None
        if kind.after is not None and not kind.after(self.problems, doc, path, value):
            return None
        return Located(value, doc, path, raw_when)


CHANGES = message("kb.pack.schema_changes")
"""What changed since schema 1, said to a pack written for an earlier schema."""


def build(sources: list[SourceFiles]) -> KnowledgeBase:
    """A validated KnowledgeBase from the embedded source and packs in order (each pack
    overlays what came before); raises KnowledgeBaseError listing every problem with file,
    line and field."""
    builder = _Builder()
    for source in sources:
        builder.add_source(source)
    if builder.report_at is not None and not builder.report_broken:
        check_complete(builder.problems, builder.report_at, builder.report)
    if builder.problems:
        raise builder.refused()
    return builder.cross_check()


def embedded_words() -> Catalogue | None:
    """The embedded catalogue's words, read afresh: for a problem found where no knowledge base
    is loaded (a knowledge folder that cannot be read, the check book). None when they cannot
    be read; its problems are then printed plainly."""
    path = embedded_dir() / TEXT_FILE
    text = TextBuilder()
    # Anything at all may be wrong with the very file that would say what is wrong: reporting
    # the first problem must never raise a second one.
    try:
        text.add(ProblemCollector(), load_yaml_file(path, "knowledge file"))
    except Exception:
        return None
    return text.words()


def refused(problems: ProblemCollector) -> KnowledgeBaseError:
    """A KnowledgeBaseError for problems found where no knowledge base is loaded, said in the
    embedded catalogue's words."""
    words = embedded_words()
    return KnowledgeBaseError(worded(problems.problems, words), words)


def _split_step_conditions(data: Any) -> tuple[Any, dict[int, dict[str, Any]]]:
    """A framework's mapping without its rollout steps' ``when``/``unless`` (parsed in pass 2,
    once every question is known), and those conditions by step index."""
    if not isinstance(data, dict) or not isinstance(data.get("rollout"), list):
        return data, {}
    conditions: dict[int, dict[str, Any]] = {}
    steps: list[Any] = []
    for index, step in enumerate(data["rollout"]):
        if isinstance(step, dict) and ("when" in step or "unless" in step):
            step = dict(step)
            conditions[index] = {k: step.pop(k) for k in ("when", "unless") if k in step}
        steps.append(step)
    return {**data, "rollout": steps}, conditions
