"""Fits of the product's learned classifiers (scikit-learn), writing JSON artefacts.

    python -m finetune.classifiers.verdict [--data-dir DIR] [--cv-seeds 5]   # PubMedQA verdicts
    python -m finetune.classifiers.safety --data-dir DIR                    # harmful requests
    python -m finetune.classifiers.triage [--data CSV] [--out DIR]          # KTAS acuity model

The product (``assistant/``) only loads the artefacts (``assistant/artifacts/*.json``,
``assistant/triage/artifacts/*``) and never imports this package; the evaluation (``eval/``)
imports what it needs to score out-of-fold from here.
"""

from finetune.classifiers.common import cached_embeddings

__all__ = ["cached_embeddings"]
