"""Extraction: text -> claims, in named stages.

Stages (each module documents what it reads and writes):
    sentences  text -> sentence spans
    numbers    sentence -> quantities (value, range, bound, magnitude); units via ``units``
    time       sentence -> time expressions, resolved against the document date;
               assigns each quantity its period
    kinds      sentence (+ quantity) -> achievement | status | target | forecast, with cues
    subject    sentence + quantity -> short phrase naming what is measured

``pipeline.extract`` runs them in order.
"""

from claimledger.extract.pipeline import EXTRACTOR, extract, extract_stream, iter_claims

__all__ = ["EXTRACTOR", "extract", "extract_stream", "iter_claims"]
