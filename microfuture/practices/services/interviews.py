"""Practitioners' insights: interview guides (question sets, the seeded ones read from
`data/question_sets.yaml`) and interviews, kept only with the interviewee's consent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from microfuture.datafile import load
from microfuture.kernel.text import Bilingual
from microfuture.practices import permissions
from microfuture.practices.models import (
    Interview,
    InterviewAnswer,
    Practice,
    Question,
    QuestionSet,
    SuccessFactor,
)
from microfuture.practices.practice_file import FileError
from microfuture.practices.services.base import (
    SEED_QUESTION_SETS,
    LibrarySeedError,
    PracticeError,
    _allow,
    _signed_in,
    logger,
)

# The seeded guides' titles are kept in English and worded in the reader's language on pages.
GUIDE_TITLES = (gettext_noop("Practitioner interview"), gettext_noop("CIGALES interview guide"))

Guide = tuple[str, list[tuple[str, str]]]


def _question_text(value: Any) -> tuple[str, str]:
    if isinstance(value, Bilingual):
        return value.sl.strip(), value.en.strip()
    if isinstance(value, str):
        return value.strip(), value.strip()
    if isinstance(value, Mapping):
        return str(value.get("sl") or "").strip(), str(value.get("en") or "").strip()
    raise PracticeError(_('A question is a text or {"sl": …, "en": …}.'))


def question_set_create(*, practice: Practice, title: str, questions: Sequence[Any],
                        actor: Any) -> QuestionSet:
    """The interview guide for a practice's practitioners (editors and the author)."""
    _allow(_signed_in(actor) and permissions.can_manage_insights(actor, practice),
           _("Only an editor or the practice's author may prepare interviews."))
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise PracticeError(_("Give the question set a title of at most 200 characters."))
    texts = [_question_text(q) for q in questions]
    if not texts:
        raise PracticeError(_("A question set needs at least one question."))
    for sl, en in texts:
        if not (sl or en):
            raise PracticeError(_("A question cannot be empty."))
        if max(len(sl), len(en)) > 400:
            raise PracticeError(_("A question is at most 400 characters."))
    with transaction.atomic():
        question_set = QuestionSet.objects.create(practice=practice, title=title)
        Question.objects.bulk_create([
            Question(question_set=question_set, position=position, text_sl=sl, text_en=en)
            for position, (sl, en) in enumerate(texts)
        ])
    return question_set


def interview_record(*, question_set: QuestionSet, actor: Any, interviewee_role: str,
                     organisation: str, held_on: date, consent_given: bool,
                     consent_text: str,
                     answers: Sequence[tuple[Question, str, Sequence[str]]]) -> Interview:
    """Record an interview with a practitioner, only with their consent.

    Each answer is (question of this set, text, keys of the success factors it supports).
    """
    practice = question_set.practice
    _allow(_signed_in(actor) and permissions.can_manage_insights(actor, practice),
           _("Only an editor or the practice's author may record interviews."))
    if consent_given is not True:
        raise PracticeError(_("An interview is kept only with the interviewee's consent."))
    interviewee_role = (interviewee_role or "").strip()
    if not interviewee_role or len(interviewee_role) > 200:
        raise PracticeError(_("Say the interviewee's role (at most 200 characters)."))
    organisation = (organisation or "").strip()
    if len(organisation) > 200:
        raise PracticeError(_("The organisation's name is at most 200 characters."))
    if held_on > timezone.localdate():
        raise PracticeError(_("The interview cannot be held in the future."))
    keys = {k for _q, _t, factor_keys in answers for k in factor_keys}
    factors = {f.key: f for f in SuccessFactor.objects.filter(key__in=keys)}
    unknown = sorted(keys - set(factors))
    if unknown:
        raise PracticeError(_("Not success factors of the library: %(keys)s.")
                            % {"keys": ", ".join(unknown)})
    seen: set[int] = set()
    for question, text, _keys in answers:
        if question.question_set_id != question_set.pk:
            raise PracticeError(_("A question of another question set was answered."))
        if question.pk in seen:
            raise PracticeError(_("A question was answered twice."))
        seen.add(question.pk)
        if not (text or "").strip():
            raise PracticeError(_("An answer cannot be empty."))
    with transaction.atomic():
        interview = Interview.objects.create(
            question_set=question_set, interviewee_role=interviewee_role,
            organisation=organisation, held_on=held_on, consent_given=True,
            consent_text=(consent_text or "").strip(), interviewer=actor)
        for question, text, factor_keys in answers:
            answer = InterviewAnswer.objects.create(interview=interview, question=question,
                                                    text=text.strip())
            answer.factors.set([factors[k] for k in factor_keys])
    logger.info("Interview recorded for practice %r by %s.", practice.slug, actor)
    return interview


def _guide_questions(value: Any, place: str, errors: list[FileError]) -> list[tuple[str, str]]:
    questions: list[tuple[str, str]] = []
    if not isinstance(value, list) or not value:
        errors.append(FileError(place, "needs a list of questions"))
        return questions
    for n, item in enumerate(value, start=1):
        sl = str(item.get("sl") or "").strip() if isinstance(item, Mapping) else ""
        en = str(item.get("en") or "").strip() if isinstance(item, Mapping) else ""
        if not (sl and en) or max(len(sl), len(en)) > 400:
            errors.append(FileError(f"{place}[{n}]",
                                    "needs sl and en, each at most 400 characters"))
        questions.append((sl, en))
    return questions


def read_question_sets(text: str | bytes,
                       filename: str = "") -> tuple[Guide, list[tuple[str, Guide]]]:
    """The interview guides file: the standard guide, and (practice slug, guide) pairs."""
    errors: list[FileError] = []
    data = load(text, filename, errors)
    if errors:
        raise LibrarySeedError(errors)
    if not isinstance(data, Mapping) or not isinstance(data.get("standard"), Mapping):
        raise LibrarySeedError([FileError("standard", "is missing")])
    standard = (str(data["standard"].get("title") or "").strip(),
                _guide_questions(data["standard"].get("questions"), "standard.questions",
                                 errors))
    guides: list[tuple[str, Guide]] = []
    for n, item in enumerate(data.get("guides") or [], start=1):
        place = f"guides[{n}]"
        if not isinstance(item, Mapping) or not str(item.get("practice") or "").strip():
            errors.append(FileError(place, "needs a practice"))
            continue
        title = str(item.get("title") or "").strip()
        if not title or len(title) > 200:
            errors.append(FileError(f"{place}.title", "needs a title of at most 200 characters"))
        questions = (standard[1] if item.get("standard") is True
                     else _guide_questions(item.get("questions"), f"{place}.questions", errors))
        guides.append((str(item["practice"]).strip(), (title, questions)))
    if errors:
        raise LibrarySeedError(errors)
    return standard, guides


def standard_questions() -> list[tuple[str, str]]:
    """The generic interview guide's questions (Slovenian, English)."""
    return read_question_sets(SEED_QUESTION_SETS.read_bytes(), SEED_QUESTION_SETS.name)[0][1]


def question_sets_seed() -> int:
    """Create the seeded interview guides that a practice does not have yet (matched by its
    title); one that exists is never changed, so this is safe to run on any database.
    Returns how many were created."""
    _standard, guides = read_question_sets(SEED_QUESTION_SETS.read_bytes(),
                                           SEED_QUESTION_SETS.name)
    created = 0
    with transaction.atomic():
        practices = Practice.objects.in_bulk([slug for slug, _g in guides], field_name="slug")
        for slug, (title, questions) in guides:
            practice = practices.get(slug)
            if practice is None or practice.question_sets.filter(title=title).exists():
                continue
            question_set = QuestionSet.objects.create(practice=practice, title=title)
            Question.objects.bulk_create([
                Question(question_set=question_set, position=position, text_sl=sl, text_en=en)
                for position, (sl, en) in enumerate(questions)])
            created += 1
    return created
