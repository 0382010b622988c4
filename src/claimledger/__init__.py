"""claimledger: turn official statements into a checked, tracked ledger.

Public API::

    from claimledger import extract
    claims = extract("Housing of 18 million m2 was built last year.", "2025-01-10")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimledger.models import Claim, Document, Finding, Quantity, Span, TimeExpr

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
]

if TYPE_CHECKING:
    from claimledger.extract.pipeline import extract


def __getattr__(name: str) -> Any:
    # Lazy: ``import claimledger`` must stay cheap for the CLI's start-up time.
    if name == "extract":
        from claimledger.extract.pipeline import extract

        return extract
    raise AttributeError(f"module 'claimledger' has no attribute {name!r}")
