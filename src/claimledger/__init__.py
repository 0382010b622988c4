"""claimledger: turn official statements into a checked, tracked ledger.

Public API::

    from claimledger import extract
    claims = extract("Housing of 18 million m2 was built last year.", "2025-01-10")
"""

from __future__ import annotations

from claimledger.extract.pipeline import extract, extract_stream
from claimledger.models import Claim, Document, Finding, Quantity, Span, TimeExpr

# ``extract`` above is the function; it deliberately shadows the ``claimledger.extract``
# subpackage attribute (the subpackage is still importable by its full name).

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "Document",
    "Finding",
    "Quantity",
    "Span",
    "TimeExpr",
    "__version__",
    "extract",
    "extract_stream",
]
