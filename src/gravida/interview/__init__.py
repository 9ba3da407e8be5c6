"""The adaptive interview: the fewest questions to a safe, settled answer.

``start`` a Session from what is known, ask ``next_question`` until it is
None, feed each reply to ``answer`` (``back`` undoes the last one), then read
``result``. The session is a plain value (``to_json`` / ``Session.from_json``).
How questions are chosen and when it stops: docs/interview.md.
"""

from gravida.interview.answers import Answer, InterviewError
from gravida.interview.question import Question, next_question
from gravida.interview.result import Result, result
from gravida.interview.session import (
    Session,
    answer,
    answered_by_text,
    back,
    start,
)

__all__ = [
    "Answer",
    "InterviewError",
    "Question",
    "Result",
    "Session",
    "answer",
    "answered_by_text",
    "back",
    "next_question",
    "result",
    "start",
]
