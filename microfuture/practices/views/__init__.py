"""Pages of the good-practice library (HTTP only), one module per part, as `urls.py` maps them:
`library.py` (search and facets), `detail.py` (a practice), `compare.py`, `practice_map.py`,
`transferability.py` (to a region), `editing.py` (with revisions written by the services),
`workflow.py`, `revisions.py`, `regions.py` (region profiles), `interviews.py` (practitioner
interviews); `common.py` what they share (spec: shared/specs/good-practices.md).

Who may see and do what is asked of `permissions` and again by the services; a record the
person may not see is a 404 (from `selectors.practice_for`), an action they may not take a 403.
"""
