"""The assessment being worked on: its answers, where the user is, and autosave.

Front-end state, not business logic: every question of *what* to recommend goes to the engine."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.engine import flow, progress
from framework_advisor.engine.answers import required_now
from framework_advisor.engine.recommend import recommend
from framework_advisor.sessions import SessionStore, dump_session

_WRITER: ThreadPoolExecutor | None = None


def _writer() -> ThreadPoolExecutor:
    """One background thread, so autosaves land in the order they were made."""
    global _WRITER
    if _WRITER is None:
        _WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
    return _WRITER


class Assessment:
    """Answers, cursor and session name; saves after every change when a store is given."""

    def __init__(
        self,
        kb: KnowledgeBase,
        store: SessionStore | None,
        name: str | None = None,
        answers: Answers | None = None,
        cursor: str | None = None,
        participant: str | None = None,
        fixed: Answers | None = None,
        title: str | None = None,
    ) -> None:
        self.kb = kb
        self.store = store
        self.name = name
        """The session's file stem (None before a session is named)."""
        self.title = title
        """The session's name as typed, when it differs from its file's stem."""
        self.fixed: Answers = dict(fixed or {})
        """A workshop's answers fixed for everyone: kept in the answers, never asked."""
        self.answers: Answers = {**dict(answers or {}), **self.fixed}
        self.not_asked = set(progress.not_asked(self.fixed))
        """Never asked: the fixed answers, and both size questions when either is fixed."""
        for size in (self.not_asked & progress.SIZE) - set(self.fixed):
            self.answers.pop(size, None)  # a fixed size decides the other
        self.cursor = cursor
        self.participant = participant
        self.version = 0
        self._recommendation: tuple[int, Recommendation] | None = None
        self.saved_to: Path | None = None
        self.on_save_error: Callable[[BaseException], None] | None = None
        self.read_only = False
        """Open in another window too: shown and editable here, never saved from here."""
        self.revision = 0
        """The revision of the file this state was loaded from or last saved as: each save
        writes the next one, and is refused if the file has moved past it meanwhile."""
        self.export_folder: str | None = None
        self.export_ticked: dict[str, bool] = {}
        """The export dialog's folder and ticks (by label), kept while the session is open."""

    @property
    def display_name(self) -> str | None:
        """The name people read: as typed, else the file's stem."""
        return self.title or self.name

    # questions -------------------------------------------------------------------------
    def visible(self) -> list[Question]:
        return progress.asked_questions(self.kb, self.answers, self.fixed)

    def question(self, question_id: str) -> Question:
        question = self.kb.question(question_id)
        if question is None:
            raise KeyError(question_id)
        return question

    def first_question(self) -> Question | None:
        return self._asked(flow.next_question(self.kb, self.answers, None), flow.next_question)

    def next_question(self, current: str) -> Question | None:
        return self._asked(flow.next_question(self.kb, self.answers, current), flow.next_question)

    def previous_question(self, current: str) -> Question | None:
        return self._asked(
            flow.previous_question(self.kb, self.answers, current), flow.previous_question
        )

    def _asked(
        self, question: Question | None, step: Callable[..., Question | None]
    ) -> Question | None:
        """Past the fixed questions, in the direction of ``step``."""
        while question is not None and question.id in self.not_asked:
            question = step(self.kb, self.answers, question.id)
        return question

    def position(self, question_id: str) -> tuple[int, int]:
        """(1-based position, count) among the questions that apply now."""
        ids = [q.id for q in self.visible()]
        index = ids.index(question_id) + 1 if question_id in ids else 0
        return index, len(ids)

    def missing_required(self) -> list[Question]:
        from framework_advisor.engine.answers import missing_required

        return missing_required(self.visible(), self.answers)

    def is_required(self, question: Question) -> bool:
        """Whether the user must answer this question before moving on (the engine's rule,
        `required_now`, over the questions shown now)."""
        return required_now(question, self.visible(), self.answers)

    # changes -----------------------------------------------------------------------------
    def set_answer(self, question_id: str, value: Any) -> None:
        if question_id in self.not_asked:
            return  # fixed for the whole workshop
        if value is None or value == [] or value == "":
            if question_id not in self.answers:
                return
            del self.answers[question_id]
        else:
            if self.answers.get(question_id) == value:
                return
            self.answers[question_id] = value
        self._trim_drawn(question_id)
        self.version += 1
        self.save()

    def _trim_drawn(self, source: str) -> None:
        """An answer whose options are drawn from ``source`` keeps only what is still there
        (a framework taken out of "in use" cannot stay "not working")."""
        for question in self.kb.questions:
            drawn = self.answers.get(question.id)
            if question.drawn_from != source or not isinstance(drawn, list):
                continue
            kept = [v for v in drawn if v in (self.answers.get(source) or [])]
            if kept:
                self.answers[question.id] = kept
            else:
                del self.answers[question.id]

    def move_to(self, question_id: str | None) -> None:
        if question_id != self.cursor:
            self.cursor = question_id
            self.save()

    def save(self) -> None:
        """Autosave: the file is written in the background, in order, each write atomic."""
        if self.store is None or not self.name or self.read_only:
            return
        store, name, kb = self.store, self.name, self.kb
        answers, cursor, participant = dict(self.answers), self.cursor, self.participant
        title = self.title if self.title != name else None
        based_on = self.revision
        self.revision = revision = based_on + 1
        self.saved_to = store.path_for(name)
        future = _writer().submit(
            lambda: store.write(
                name,
                dump_session(kb, answers, cursor, participant, revision, title),
                based_on=based_on,
                words=kb.text,
            )
        )
        future.add_done_callback(self._report)

    def _report(self, future: Future[Path]) -> None:
        from framework_advisor.sessions import NewerSession

        error = future.exception()
        if isinstance(error, NewerSession):
            self.read_only = True  # the newer answers stay; nothing more is saved from here
        if error is not None and self.on_save_error is not None:
            self.on_save_error(error)

    @staticmethod
    def flush() -> None:
        """Wait for every pending autosave (on quit, and in tests)."""
        global _WRITER
        if _WRITER is not None:
            _WRITER.shutdown(wait=True)
            _WRITER = None

    # results -----------------------------------------------------------------------------
    @property
    def recommendation(self) -> Recommendation:
        cached = self._recommendation
        if cached is None or cached[0] != self.version:
            cached = (self.version, recommend(self.kb, self.answers))
            self._recommendation = cached
        return cached[1]
