"""Writes of the good-practice library: the only code that changes practices, the shared
success factors, region profiles and practitioners' insights. Split by entity; import from
here (`from microfuture.practices import services`).

- `base.py`: the errors, an import's outcome, the seed files, who may act, the row lock.
- `revisions.py`: the revision each change writes, and the search index told of it.
- `records.py`: a practice's record (`practice_save`, `practice_restore`).
- `workflow.py`: draft → submitted → approved → validated, and sent back.
- `files.py`: the practices file (`practices_import`, `practices_export`).
- `factors.py`: the shared vocabulary of success factors.
- `regions.py`: region profiles and their answers, with their files.
- `interviews.py`: interview guides and interviews.
- `seed.py`: the library shipped with the app (`seed_library`).

Every write runs in one transaction and checks who may do it (`permissions`); a refusal or a
bad value raises `PracticeError` with a plain message (`PracticeForbidden` when the person may
not do it), which the pages and the API turn into a message. Editing a record and every step
of its workflow need a signed-in person as `actor` (never `None`); they lock the row first,
then check the state and the person's rights under the lock, then write. For the vocabulary,
region profiles and imports, `actor=None` means the system (a management command or the
seed).

Every change of a practice, its workflow steps included, writes a `Revision`: the record's
snapshot in the shape of the practices file, with author, time and a note. The notes the
services write are stored in English ("submitted", "sent back: …") and worded in the
reader's language when shown (`revision_text.revision_note`). A revision is
restored by saving its snapshot again, which writes a new revision. After each change the
search index (`search.reindex_practice`) is brought up to date in the same transaction.

Imports are all or nothing: the file is read and checked in full first (`practice_file`
returns every problem with its place); only a file without problems is stored, in one
transaction, each practice upserted by its slug.
"""

from microfuture.practices.services.base import (
    DATA,
    SEED_FACTORS,
    SEED_PRACTICES,
    SEED_QUESTION_SETS,
    SEED_REGIONS,
    ImportOutcome,
    LibrarySeedError,
    PracticeError,
    PracticeForbidden,
)
from microfuture.practices.services.factors import factor_upsert, factors_import
from microfuture.practices.services.files import practices_export, practices_import
from microfuture.practices.services.interviews import (
    GUIDE_TITLES,
    Guide,
    interview_record,
    question_set_create,
    question_sets_seed,
    read_question_sets,
    standard_questions,
)
from microfuture.practices.services.records import practice_restore, practice_save
from microfuture.practices.services.regions import (
    region_answer_set,
    region_profile_create,
    region_profile_save,
    region_profiles_export,
    region_profiles_import,
)
from microfuture.practices.services.revisions import REVISION_NOTE_MAX
from microfuture.practices.services.seed import SeedOutcome, seed_library
from microfuture.practices.services.workflow import (
    practice_approve,
    practice_send_back,
    practice_submit,
    practice_validate,
)

__all__ = [
    "DATA",
    "GUIDE_TITLES",
    "REVISION_NOTE_MAX",
    "SEED_FACTORS",
    "SEED_PRACTICES",
    "SEED_QUESTION_SETS",
    "SEED_REGIONS",
    "Guide",
    "ImportOutcome",
    "LibrarySeedError",
    "PracticeError",
    "PracticeForbidden",
    "SeedOutcome",
    "factor_upsert",
    "factors_import",
    "interview_record",
    "practice_approve",
    "practice_restore",
    "practice_save",
    "practice_send_back",
    "practice_submit",
    "practice_validate",
    "practices_export",
    "practices_import",
    "question_set_create",
    "question_sets_seed",
    "read_question_sets",
    "region_answer_set",
    "region_profile_create",
    "region_profile_save",
    "region_profiles_export",
    "region_profiles_import",
    "seed_library",
    "standard_questions",
]
