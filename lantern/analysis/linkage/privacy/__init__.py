"""Privacy-preserving linkage: agencies exchange keyed Bloom-filter encodings, not values.

Each data owner (a police force, a council) runs ``encode_extract`` with a secret the owners
share and the linkage unit does not; it sends the resulting ``EncodedExtract`` (record ids,
CLKs, keyed blocking keys). The linkage unit runs ``link_encoded`` over the encodings and
returns the linked id pairs to each owner, who sees only the pairs involving its own records.
Threat model and key handling: docs/explanation/privacy-preserving-linkage.md; decision:
docs/adr/ (privacy-preserving linkage).

    secret = os.urandom(32)                       # agreed between the owners, never sent
    police = encode_extract(police_extract, secret)
    council = encode_extract(council_extract, secret)
    result = link_encoded([police, council])      # at the linkage unit
    result.pairs                                  # left_id (police), right_id (council), dice
"""

from lantern.analysis.linkage.privacy.clk import ClkConfig, derive_key, dice
from lantern.analysis.linkage.privacy.encode import EncodedExtract, encode_extract, encode_frame
from lantern.analysis.linkage.privacy.match import (
    DEFAULT_THRESHOLD,
    EncodedLinkResult,
    link_encoded,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "ClkConfig",
    "EncodedExtract",
    "EncodedLinkResult",
    "derive_key",
    "dice",
    "encode_extract",
    "encode_frame",
    "link_encoded",
]
