"""LoRA fine-tuning of the assistant's language model.

- ``finetune.synth``: synthetic notes with exact gold labels by construction.
- ``finetune.data``: chat-format SFT JSONL (extraction, extraction_assist, triage, literature),
  dedup, held-out split (``python -m finetune.data build --out runs/sft``); see DATA_CARD.md.
- ``finetune.train``: accelerate + peft LoRA/QLoRA training
  (``accelerate launch -m finetune.train --config finetune/configs/<name>.yaml``).
- ``finetune.export``: package or merge an adapter; refuses NaN/inf weights.
- ``finetune.evaluate``: extraction metrics, base model vs adapter, side by side.
"""

import assistant as _assistant  # noqa: F401,E402  (OpenMP wait policy before torch)
