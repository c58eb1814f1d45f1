"""Batch record linkage across agency extracts (Splink on DuckDB, or Spark), Django-free.

Public API:

- ``Extract``: one agency's table, its id column and a ``{column: field}`` mapping onto
  ``FIELDS``; ``ExtractError`` for input that cannot be linked.
- ``link(extracts, thresholds=...)``: standardise, block, train, predict, cluster; returns a
  ``LinkageResult`` with scored ``pairs`` (each in a ``Thresholds`` band: automatic link, human
  review, no link), ``clusters`` and ``review_candidates()`` for the review queue.
- ``Thresholds``: the automatic-link and human-review cut-offs.
- ``explain(left, right)``: the reasons for and against a pair, field by field, for reviewers.
- ``evaluate``: pairwise and cluster precision, recall and F1 against known truth.
- ``lantern.analysis.linkage.privacy``: the privacy-preserving (Bloom filter) mode.

Example::

    import pandas as pd
    from lantern.analysis.linkage import Extract, link

    police = Extract("police", pd.read_csv("police.csv"), "urn",
                     {"forename": "first_name", "surname": "last_name", "dob": "date_of_birth"})
    result = link([police])
    result.pairs.head()
"""

from lantern.analysis.linkage.extracts import Extract, ExtractError, prepare
from lantern.analysis.linkage.model import Thresholds
from lantern.analysis.linkage.pipeline import Candidate, LinkageResult, link
from lantern.analysis.linkage.reasons import Reason, explain
from lantern.analysis.linkage.standardise import FIELDS

__all__ = [
    "FIELDS",
    "Candidate",
    "Extract",
    "ExtractError",
    "LinkageResult",
    "Reason",
    "Thresholds",
    "explain",
    "link",
    "prepare",
]
