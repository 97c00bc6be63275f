"""The one device picker for torch models (the embedder here, the local LLM in ``assistant``).

It lives in ``index`` because ``index`` may import from ``assistant`` only its config and
errors, while ``assistant`` may import ``index``: both callers can reach it here.
"""

from __future__ import annotations

from assistant.errors import BackendError


def pick_device(requested: str, *, check: bool = True) -> str:
    """Resolve ``auto`` to cuda, then mps, then cpu; any other value is returned as given.

    With ``check`` (the LLM's behaviour) an explicit ``cuda`` with no visible CUDA device
    raises ``BackendError`` at once; without it (the embedder's behaviour) the request is
    passed on and the model loader reports the problem. torch is imported only when needed.
    """
    if requested != "auto" and not (check and requested == "cuda"):
        return requested
    import torch

    if requested == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if not torch.cuda.is_available():
        raise BackendError("device=cuda was requested but no CUDA device is visible; "
                           "use --device cpu or install a CUDA build of torch")
    return requested
