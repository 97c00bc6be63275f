"""LoRA fine-tuning with accelerate: one CPU process up to many GPUs, same code.

Commands::

    python -m finetune.train --config finetune/configs/smollm2-135m-cpu.yaml
    accelerate launch --cpu --num_processes 2 -m finetune.train \\
        --config finetune/configs/smollm2-135m-cpu.yaml       # 2 CPU processes (gloo)
    accelerate launch --config_file finetune/configs/accelerate/fsdp.yaml -m finetune.train \\
        --config finetune/configs/llama-8b-multigpu.yaml
    python -m finetune.train --config ... --set max_steps=20 --set lora.r=16 --resume

Configuration: a training config is an ordinary settings file (``assistant.config``) whose
training options sit under its ``train:`` section (the shipped ``finetune/configs/*.yaml``; the
same file may set other settings, e.g. ``cache_dir``). Precedence as everywhere: defaults <
``--config`` file < ``CLINASSIST_TRAIN__*`` variables < ``--set`` / ``--output-dir``. Here
``--set`` keys are relative to the ``train`` section (``--set max_steps=20`` is
``train.max_steps=20``; a leading ``train.`` is accepted too). Every checkpoint's
``config.yaml`` is written the same way, so it can be passed back to ``--config``. See every
field with ``python -m assistant.config show train``.

CPU processes: ``accelerate launch --cpu --num_processes N`` (accelerate 1.x, no MPI) starts
only one process; this script notices (see ``_requested_cpu_processes``) and starts the N
processes itself with torchrun. ``accelerate launch --multi_gpu --num_processes N`` on a
machine without CUDA works directly: the script passes ``cpu=True`` when CUDA is absent, so
the processes train data-parallel over gloo. A launch whose processes do not join one group
is refused rather than run as N unsynchronised copies.

What it does: reads the SFT JSONL written by ``finetune.data`` (building it first when
missing), tokenises each chat with the model's chat template and computes the loss on the
assistant tokens only; batches are length-bucketed (similar lengths together, little padding);
AdamW + cosine schedule with warm-up, gradient accumulation, gradient clipping; bf16 on a
CUDA GPU that supports it, QLoRA (4-bit NF4 base) when bitsandbytes and a GPU are present and
``quantization`` allows it, gradient checkpointing when configured. Every ``eval_every``
steps the held-out loss is measured; every ``save_every`` steps a checkpoint is written to
``<output_dir>/checkpoints/step-N`` holding the accelerate state (LoRA weights, optimizer,
scheduler, RNG), the adapter, the resolved config and the trainer state; ``--resume`` continues
from the last complete one. At the end: ``<output_dir>/adapter`` (peft adapter + tokenizer +
config), ``history.jsonl``, ``summary.json`` (losses, tokens/s, peak memory) and ``loss.png``.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

import yaml

from assistant.config import (  # noqa: F401  (the models are importable from here too)
    DataConfig,
    LoraConfig,
    TrainConfig,
    load_settings,
    parse_overrides,
)
from assistant.errors import ConfigError

log = logging.getLogger(__name__)


def train_overrides(pairs: list[str]) -> dict[str, Any]:
    """``--set`` pairs of this command as settings overrides: keys are relative to ``train``."""
    return parse_overrides([p.removeprefix("train.") for p in pairs], prefix="train")


def load_config(path: str | Path | None, overrides: list[str] | None = None) -> TrainConfig:
    """The ``train`` section of settings file ``path`` with ``--set``-style ``overrides``."""
    return load_settings(path, train_overrides(list(overrides or []))).train


def _check_data_source(cfg: TrainConfig) -> None:
    """Fail early when the SFT files must be built here but no source folder is configured."""
    d = cfg.data
    if not d.train_file.is_file() and d.build_if_missing and d.data_dir is None:
        raise ConfigError(f"{d.train_file} is missing and train.data.data_dir is not set: give "
                          "the source data folder with --set train.data.data_dir=DIR, or build "
                          "the SFT files first with `python -m finetune.data build`")


def config_yaml(cfg: TrainConfig) -> str:
    """The resolved config as a settings file (``train:`` section; ``load_config`` reads it)."""
    return yaml.safe_dump({"train": cfg.model_dump(mode="json")}, sort_keys=False)


# ----------------------------------------------------------------------------- tokenising
def tokenize_example(tokenizer: Any, messages: list[dict[str, str]], max_len: int
                     ) -> tuple[list[int], list[int]] | None:
    """(input_ids, labels) with labels -100 everywhere except the final assistant turn.

    The prompt part is found by character offset (the chat template renders the prompt as a
    prefix of the full chat), so no assumption about token merges at the boundary is needed.
    Returns None when the chat is longer than ``max_len`` (dropped, never truncated: a cut
    JSON target would teach the model to stop mid-object).
    """
    if not messages or messages[-1]["role"] != "assistant":
        raise ValueError("an SFT example must end with an assistant message")
    prompt = tokenizer.apply_chat_template(messages[:-1], tokenize=False,
                                           add_generation_prompt=True)
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    if not full.startswith(prompt):
        raise ValueError("chat template does not render the prompt as a prefix of the chat")
    enc = tokenizer(full, add_special_tokens=False, return_offsets_mapping=True)
    ids = list(enc["input_ids"])
    if len(ids) > max_len:
        return None
    cut = len(prompt)
    labels = [tok if start >= cut else -100
              for tok, (start, _end) in zip(ids, enc["offset_mapping"], strict=True)]
    return ids, labels


def make_batches(lengths: list[int], batch_size: int, *, seed: int, epoch: int,
                 mode: str = "length_bucketed", bucket_size: int = 64) -> list[list[int]]:
    """Index batches for one epoch; deterministic in (seed, epoch).

    length_bucketed: shuffle, then sort by length inside windows of ``bucket_size`` batches,
    cut into batches and shuffle the batch order (little padding, still random order).
    """
    rng = random.Random(seed * 1_000_003 + epoch)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    if mode == "length_bucketed":
        window = batch_size * bucket_size
        order = [i for w in range(0, len(order), window)
                 for i in sorted(order[w:w + window], key=lambda j: lengths[j])]
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    return batches


def collate(examples: list[tuple[list[int], list[int]]], pad_id: int) -> dict[str, Any]:
    """Right-pad to the longest example; padding is masked out of attention and loss."""
    import torch

    width = max(len(ids) for ids, _ in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    labels = torch.full((len(examples), width), -100, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    for row, (x, y) in enumerate(examples):
        ids[row, :len(x)] = torch.tensor(x)
        labels[row, :len(y)] = torch.tensor(y)
        mask[row, :len(x)] = 1
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def load_examples(path: Path, tokenizer: Any, cfg: TrainConfig, limit: int | None,
                  *, subsample_seed: int | None = None) -> tuple[list, int]:
    """Tokenised (ids, labels) for ``path`` filtered to cfg.data.tasks; returns (rows, dropped)."""
    from finetune.data import read_sft

    raw = [ex for ex in read_sft(path) if ex.get("task") in cfg.data.tasks]
    if subsample_seed is not None and limit is not None and limit < len(raw):
        raw = random.Random(subsample_seed).sample(raw, limit)
    rows, dropped = [], 0
    for ex in raw:
        tok = tokenize_example(tokenizer, ex["messages"], cfg.max_seq_len)
        if tok is None or not any(t != -100 for t in tok[1]):
            dropped += 1
            continue
        rows.append(tok)
        if subsample_seed is None and limit is not None and len(rows) >= limit:
            break
    return rows, dropped


# ----------------------------------------------------------------------------- model
def resolve_precision(cfg: TrainConfig) -> str:
    """accelerate mixed_precision value: bf16 on a capable CUDA GPU under 'auto', else 'no'."""
    import torch

    if cfg.precision == "auto":
        return "bf16" if torch.cuda.is_available() and torch.cuda.is_bf16_supported() else "no"
    return {"fp32": "no", "bf16": "bf16", "fp16": "fp16"}[cfg.precision]


def use_qlora(cfg: TrainConfig) -> bool:
    """QLoRA when asked for (or 'auto') and bitsandbytes + a CUDA GPU are present."""
    import importlib.util

    import torch

    available = torch.cuda.is_available() and importlib.util.find_spec("bitsandbytes") is not None
    if cfg.quantization == "4bit" and not available:
        raise ConfigError("quantization=4bit needs a CUDA GPU and `pip install bitsandbytes`; "
                          "set quantization: none (or auto) to train without it")
    return cfg.quantization != "none" and available


def resolve_model_path(cfg: TrainConfig) -> Path:
    """The configured model folder, else the embedded SmolLM2 (converted once, never downloaded)."""
    from assistant.config import load_settings
    from assistant.models import resolve_llm_path

    overrides = {"model_path": str(cfg.model_path)} if cfg.model_path else {}
    return resolve_llm_path(load_settings(cfg.settings_file, overrides))


def build_model(cfg: TrainConfig, model_path: Path, mixed_precision: str, qlora: bool,
                device_index: int | None, *, sharded: str | None = None) -> Any:
    """Base model (fp32/bf16, or 4-bit for QLoRA) wrapped with a fresh peft LoRA adapter.

    ``device_index``: the GPU this process loads a 4-bit model onto (DDP); None to let
    accelerate place it. ``sharded``: "FSDP" or "DEEPSPEED" when the model will be sharded.
    """
    import torch
    from peft import LoraConfig as PeftLoraConfig
    from peft import get_peft_model, prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM

    kwargs: dict[str, Any] = {"attn_implementation": cfg.attn_implementation}
    # On GPU the frozen base is stored in bf16 (half the memory); LoRA weights stay fp32
    # (peft autocasts adapter params) and accelerate autocasts the forward pass.
    kwargs["dtype"] = torch.bfloat16 if mixed_precision == "bf16" else torch.float32
    if sharded == "FSDP" and not qlora:
        # FSDP flattens each wrapped block into one tensor of a single dtype: keep base and LoRA
        # weights both fp32 and let FSDP's mixed precision compute in bf16.
        kwargs["dtype"] = torch.float32
    if qlora:
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
            bnb_4bit_quant_storage=torch.bfloat16)  # bf16 storage lets FSDP shard 4-bit weights
        if device_index is not None and sharded is None:
            kwargs["device_map"] = {"": device_index}
    model = AutoModelForCausalLM.from_pretrained(model_path, **kwargs)
    model.config.use_cache = False  # the KV cache is useless in training and breaks checkpointing
    if qlora:
        model = prepare_model_for_kbit_training(
            model, use_gradient_checkpointing=cfg.gradient_checkpointing,
            gradient_checkpointing_kwargs={"use_reentrant": False})
    elif cfg.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    peft_cfg = PeftLoraConfig(r=cfg.lora.r, lora_alpha=cfg.lora.alpha,
                              lora_dropout=cfg.lora.dropout,
                              target_modules=list(cfg.lora.target_modules), bias="none",
                              task_type="CAUSAL_LM")
    peft_model = get_peft_model(model, peft_cfg)
    if sharded == "FSDP" and qlora:
        # peft keeps adapter weights fp32; FSDP needs one dtype per block: the bf16 storage.
        for param in peft_model.parameters():
            if param.dtype == torch.float32:
                param.data = param.data.to(torch.bfloat16)
    return peft_model


# ----------------------------------------------------------------------------- checkpoints
def list_checkpoints(output_dir: Path) -> list[Path]:
    """Complete checkpoints (trainer_state.json written last), oldest first."""
    root = output_dir / "checkpoints"
    if not root.is_dir():
        return []
    done = [p for p in root.glob("step-*") if (p / "trainer_state.json").is_file()
            and p.name.split("-", 1)[1].isdigit()]
    return sorted(done, key=lambda p: int(p.name.split("-", 1)[1]))


def _lora_state(model: Any) -> dict[str, Any]:
    from peft import get_peft_model_state_dict

    return get_peft_model_state_dict(model)


def _register_adapter_only_state(accelerator: Any) -> None:
    """Make save_state/load_state store only the LoRA weights for plain (DDP/CPU) models.

    The frozen base is never saved into checkpoints (it is the base model folder); FSDP and
    DeepSpeed keep their own sharded formats, which accelerate handles itself.
    """
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file, save_file

    def save_hook(models: list, weights: list, output_dir: str) -> None:
        for i, model in enumerate(models):
            state = {k: v.detach().cpu().contiguous()
                     for k, v in _lora_state(accelerator.unwrap_model(model)).items()}
            save_file(state, os.path.join(output_dir, f"lora_{i}.safetensors"))
        while weights:  # accelerate must not write the full model
            weights.pop()

    def load_hook(models: list, input_dir: str) -> None:
        while models:
            i = len(models) - 1
            model = models.pop()
            state = load_file(os.path.join(input_dir, f"lora_{i}.safetensors"))
            result = set_peft_model_state_dict(accelerator.unwrap_model(model), state)
            if getattr(result, "unexpected_keys", None):
                raise ConfigError(f"checkpoint {input_dir} does not match this LoRA config "
                                  f"(unexpected keys {result.unexpected_keys[:3]})")

    accelerator.register_save_state_pre_hook(save_hook)
    accelerator.register_load_state_pre_hook(load_hook)


def save_adapter(accelerator: Any, model: Any, tokenizer: Any, cfg: TrainConfig,
                 out: Path) -> None:
    """Write the peft adapter (+ tokenizer, config); called on every process.

    ``get_state_dict`` gathers FSDP / ZeRO-3 shards (a collective, hence every process); only
    the main process writes.
    """
    state = accelerator.get_state_dict(model)
    if accelerator.is_main_process:
        unwrapped = accelerator.unwrap_model(model)
        unwrapped.save_pretrained(out, state_dict=state, safe_serialization=True)
        tokenizer.save_pretrained(out)
        (out / "training_config.yaml").write_text(config_yaml(cfg))


def save_checkpoint(accelerator: Any, model: Any, tokenizer: Any, cfg: TrainConfig,
                    state: dict[str, Any]) -> Path:
    """Write checkpoints/step-N atomically (tmp folder + rename) and prune old ones."""
    root = cfg.output_dir / "checkpoints"
    final = root / f"step-{state['step']}"
    tmp = root / f".step-{state['step']}.tmp"
    if accelerator.is_main_process:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
    accelerator.wait_for_everyone()
    accelerator.save_state(str(tmp))
    save_adapter(accelerator, model, tokenizer, cfg, tmp / "adapter")
    if accelerator.is_main_process:
        (tmp / "config.yaml").write_text(config_yaml(cfg))
        (tmp / "trainer_state.json").write_text(json.dumps(state, indent=1))  # marks complete
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
        for old in list_checkpoints(cfg.output_dir)[:-cfg.keep_checkpoints]:
            shutil.rmtree(old, ignore_errors=True)
    accelerator.wait_for_everyone()
    return final


# ----------------------------------------------------------------------------- loop
def _evaluate(accelerator: Any, model: Any, rows: list, cfg: TrainConfig, pad_id: int) -> float:
    """Token-weighted mean loss over the eval rows, sharded across processes."""
    import torch

    model.eval()
    total = torch.zeros(2, dtype=torch.float64, device=accelerator.device)
    mine = rows[accelerator.process_index::accelerator.num_processes]
    with torch.no_grad():
        for i in range(0, len(mine), cfg.batch_size):
            batch = {k: v.to(accelerator.device)
                     for k, v in collate(mine[i:i + cfg.batch_size], pad_id).items()}
            loss = model(**batch).loss
            n = (batch["labels"][:, 1:] != -100).sum()
            total[0] += loss.double() * n
            total[1] += n
    total = accelerator.reduce(total, reduction="sum")
    model.train()
    return float(total[0] / total[1]) if total[1] > 0 else float("nan")


def _time_is_up(accelerator: Any, cfg: TrainConfig, t_start: float) -> bool:
    """True once ``cfg.max_seconds`` have passed; every process gets the main one's answer.

    One collective per step, only when a limit is set: the processes' clocks differ, and a
    process that stopped alone would leave the others waiting in the next all-reduce.
    """
    if cfg.max_seconds is None:
        return False
    import torch

    late = time.perf_counter() - t_start >= cfg.max_seconds and accelerator.is_main_process
    flag = torch.tensor(1.0 if late else 0.0, device=accelerator.device)
    return bool(accelerator.reduce(flag, reduction="sum") > 0)


def plot_losses(history: list[dict[str, Any]], path: Path) -> Path:
    """Train loss per step (and its running mean) with eval loss points, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = [h["step"] for h in history if "loss" in h]
    losses = [h["loss"] for h in history if "loss" in h]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(steps, losses, alpha=0.35, label="train loss")
    if losses:
        k = max(1, len(losses) // 20)
        smooth = [sum(losses[max(0, i - k + 1):i + 1]) / len(losses[max(0, i - k + 1):i + 1])
                  for i in range(len(losses))]
        ax.plot(steps, smooth, label=f"train loss (mean of {k})")
    ev = [(h["step"], h["eval_loss"]) for h in history if "eval_loss" in h]
    if ev:
        ax.plot([s for s, _ in ev], [v for _, v in ev], "o-", label="held-out loss")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss (assistant tokens)")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def train(cfg: TrainConfig, *, resume: bool = False, show_progress: bool = True) -> dict[str, Any]:
    """Run (or continue) one training run; returns the summary also written to summary.json."""
    _check_data_source(cfg)
    import torch
    from accelerate import Accelerator
    from accelerate.utils import set_seed
    from tqdm.auto import tqdm
    from transformers import AutoTokenizer, get_constant_schedule_with_warmup
    from transformers import get_cosine_schedule_with_warmup as cosine

    mixed = resolve_precision(cfg)
    # cpu=True without CUDA: accelerate only sets up gloo (MULTI_CPU) for torchrun-launched
    # processes when told it runs on CPU; otherwise each process would train alone.
    accelerator = Accelerator(gradient_accumulation_steps=cfg.grad_accum, mixed_precision=mixed,
                              cpu=not torch.cuda.is_available())
    launched = int(os.environ.get("WORLD_SIZE", "1"))
    if launched != accelerator.num_processes:
        raise ConfigError(f"{launched} processes were launched but accelerate sees "
                          f"{accelerator.num_processes}; refusing to train copies that do not "
                          "synchronise (on CPU use `accelerate launch --multi_gpu "
                          "--num_processes N`, see finetune/DATA_CARD.md)")
    is_main = accelerator.is_main_process
    set_seed(cfg.seed)

    # Data: build once on the main process when missing, then everyone reads it.
    if is_main and not cfg.data.train_file.is_file():
        if not cfg.data.build_if_missing:
            raise ConfigError(f"{cfg.data.train_file} is missing; run `python -m finetune.data "
                              "build` or set data.build_if_missing: true")
        from finetune.data import build

        build(cfg.data.train_file.parent, data_dir=cfg.data.data_dir,
              n_synthetic=cfg.data.n_synthetic, seed=cfg.data.seed,
              tasks=tuple(cfg.data.tasks))
    accelerator.wait_for_everyone()

    model_path = resolve_model_path(cfg)
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None \
        else tokenizer.eos_token_id
    train_rows, dropped = load_examples(cfg.data.train_file, tokenizer, cfg,
                                        cfg.data.max_train_examples)
    eval_rows: list = []
    if cfg.data.eval_file is not None and cfg.data.eval_file.is_file():
        eval_rows, _ = load_examples(cfg.data.eval_file, tokenizer, cfg,
                                     cfg.data.max_eval_examples, subsample_seed=cfg.seed)
    if not train_rows:
        raise ConfigError(f"no training example fits max_seq_len={cfg.max_seq_len} "
                          f"({dropped} dropped); raise max_seq_len")
    world = accelerator.num_processes
    lengths = [len(ids) for ids, _ in train_rows]
    per_epoch = len(make_batches(lengths, cfg.batch_size, seed=cfg.seed, epoch=0,
                                 mode=cfg.batching)) // world
    if per_epoch < cfg.grad_accum:
        raise ConfigError(f"{len(train_rows)} examples give {per_epoch} micro-batches per process "
                          f"per epoch, fewer than grad_accum={cfg.grad_accum}")
    total_steps = cfg.max_steps or max(1, math.floor(cfg.epochs * per_epoch / cfg.grad_accum))

    qlora = use_qlora(cfg)
    sharded = accelerator.distributed_type.name
    sharded = sharded if sharded in ("FSDP", "DEEPSPEED") else None
    device_index = accelerator.local_process_index if torch.cuda.is_available() else None
    model = build_model(cfg, model_path, mixed, qlora, device_index, sharded=sharded)
    params = [p for p in model.parameters() if p.requires_grad]
    n_trainable = sum(p.numel() for p in params)
    n_total = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
    if cfg.lr_schedule == "cosine":
        scheduler = cosine(optimizer, cfg.warmup_steps, total_steps)
    else:
        scheduler = get_constant_schedule_with_warmup(optimizer, cfg.warmup_steps)
    model, optimizer = accelerator.prepare(model, optimizer)
    # The scheduler is stepped by hand once per optimizer step (not per process or micro-batch).
    accelerator.register_for_checkpointing(scheduler)
    if sharded is None:
        _register_adapter_only_state(accelerator)

    step, history = 0, []
    if resume:
        ckpts = list_checkpoints(cfg.output_dir)
        if ckpts:
            accelerator.load_state(str(ckpts[-1]))
            saved = json.loads((ckpts[-1] / "trainer_state.json").read_text())
            step, history = saved["step"], saved["history"]
            if is_main:
                log.warning("resumed from %s (step %d)", ckpts[-1], step)
        elif is_main:
            log.warning("--resume: no checkpoint in %s; starting from step 0", cfg.output_dir)

    if is_main:
        cfg.output_dir.mkdir(parents=True, exist_ok=True)
        (cfg.output_dir / "config.yaml").write_text(config_yaml(cfg))
        print(f"model {model_path} | qlora={qlora} precision={mixed} "
              f"grad_ckpt={cfg.gradient_checkpointing} | trainable {n_trainable:,} / "
              f"{n_total:,} params | {len(train_rows)} train examples ({dropped} longer than "
              f"{cfg.max_seq_len} tokens dropped), {len(eval_rows)} eval | processes {world} | "
              f"{total_steps} steps x {cfg.grad_accum} accum x {cfg.batch_size} batch",
              flush=True)

    def micro_batches(start_micro: int):
        """This process's micro-batches from ``start_micro`` on, across epochs."""
        epoch, skip = divmod(start_micro, per_epoch)
        while True:
            batches = make_batches(lengths, cfg.batch_size, seed=cfg.seed, epoch=epoch,
                                   mode=cfg.batching, bucket_size=cfg.bucket_size)
            mine = batches[accelerator.process_index::world][:per_epoch]
            for idx in mine[skip:]:
                yield epoch, collate([train_rows[i] for i in idx], pad_id)
            epoch, skip = epoch + 1, 0

    stream = micro_batches(step * cfg.grad_accum)
    bar = tqdm(total=total_steps, initial=step, desc="train", disable=not (is_main and
                                                                            show_progress))
    model.train()
    t_start, tokens_seen = time.perf_counter(), 0
    start_step = step
    if cuda := torch.cuda.is_available():
        torch.cuda.reset_peak_memory_stats()
    if eval_rows and step == 0:  # the untrained adapter's held-out loss: the baseline
        history.append({"step": 0, "eval_loss": round(
            _evaluate(accelerator, model, eval_rows, cfg, pad_id), 5)})
    stopped_by = "max_steps"
    while step < total_steps:
        micro_losses = []
        for _ in range(cfg.grad_accum):
            epoch, batch = next(stream)
            batch = {k: v.to(accelerator.device) for k, v in batch.items()}
            tokens_seen += int(batch["attention_mask"].sum())
            with accelerator.accumulate(model):
                loss = model(**batch).loss
                accelerator.backward(loss)
                if accelerator.sync_gradients:
                    # the prepared model's parameters: under FSDP accelerate then clips by
                    # the global norm across shards (frozen weights have no grad)
                    accelerator.clip_grad_norm_(model.parameters(), cfg.max_grad_norm)
                optimizer.step()
                optimizer.zero_grad()
            micro_losses.append(loss.detach().float())
        scheduler.step()
        step += 1
        step_loss = float(accelerator.reduce(torch.stack(micro_losses).mean(), reduction="mean"))
        if not math.isfinite(step_loss):
            raise ConfigError(f"loss became {step_loss} at step {step}; lower learning_rate "
                              "(or use precision: fp32) and rerun")
        entry: dict[str, Any] = {"step": step, "epoch": epoch, "loss": round(step_loss, 5),
                                 "lr": scheduler.get_last_lr()[0]}
        if eval_rows and (step % cfg.eval_every == 0 or step == total_steps):
            entry["eval_loss"] = round(_evaluate(accelerator, model, eval_rows, cfg, pad_id), 5)
        history.append(entry)
        bar.update(1)
        bar.set_postfix(loss=f"{step_loss:.3f}", **({"eval": f"{entry['eval_loss']:.3f}"}
                                                    if "eval_loss" in entry else {}))
        if is_main and (step % cfg.log_every == 0 or "eval_loss" in entry):
            log.info("step %d %s", step, entry)
        out_of_time = _time_is_up(accelerator, cfg, t_start)
        if out_of_time:
            stopped_by = "max_seconds"
        if step % cfg.save_every == 0 or step == total_steps or out_of_time:
            save_checkpoint(accelerator, model, tokenizer, cfg,
                            {"step": step, "history": history, "total_steps": total_steps})
        if out_of_time:
            break
    bar.close()
    elapsed = time.perf_counter() - t_start
    tokens = float(accelerator.reduce(torch.tensor(float(tokens_seen), device=accelerator.device),
                                      reduction="sum"))
    summary: dict[str, Any] = {}
    adapter_dir = cfg.output_dir / "adapter"
    save_adapter(accelerator, model, tokenizer, cfg, adapter_dir)
    if is_main:
        with (cfg.output_dir / "history.jsonl").open("w") as fh:
            for h in history:
                fh.write(json.dumps(h) + "\n")
        plot_losses(history, cfg.output_dir / "loss.png")
        losses = [h["loss"] for h in history if "loss" in h]
        evals = [h["eval_loss"] for h in history if "eval_loss" in h]
        k = max(1, min(5, len(losses) // 4))
        summary = {
            "model": str(model_path), "adapter": str(adapter_dir), "steps": step,
            "processes": world, "qlora": qlora, "precision": mixed,
            "trainable_params": n_trainable, "total_params": n_total,
            "train_examples": len(train_rows), "dropped_too_long": dropped,
            "first_loss": losses[0] if losses else None,
            "last_loss": losses[-1] if losses else None,
            f"first_{k}_mean_loss": round(sum(losses[:k]) / k, 5) if losses else None,
            f"last_{k}_mean_loss": round(sum(losses[-k:]) / k, 5) if losses else None,
            "eval_losses": evals,
            "seconds_this_run": round(elapsed, 1),
            "tokens_per_s": round(tokens / elapsed, 1) if step > start_step else None,
            "peak_gpu_mem_gb": round(torch.cuda.max_memory_allocated() / 2**30, 2) if cuda
            else None,
            "planned_steps": total_steps, "stopped_by": stopped_by,
            "tokens_this_run": int(tokens),
        }
        (cfg.output_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    accelerator.wait_for_everyone()
    accelerator.end_training()
    return summary


def _requested_cpu_processes() -> int | None:
    """N when ``accelerate launch --cpu --num_processes N`` (N > 1) started just this process.

    Without MPI, accelerate's simple launcher runs one process for ``--cpu`` and only marks the
    request by setting MASTER_ADDR (no WORLD_SIZE/RANK); N is read from the launcher's command
    line (our parent process). None when this is not that situation.
    """
    env = os.environ
    if env.get("ACCELERATE_USE_CPU", "").lower() not in ("true", "1") or "MASTER_ADDR" not in env \
            or "WORLD_SIZE" in env or "RANK" in env:
        return None
    try:
        argv = Path(f"/proc/{os.getppid()}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return None
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--num_processes=") else (
            argv[i + 1] if arg in ("--num_processes", "--num-processes") and i + 1 < len(argv)
            else None)
        if value and value.isdigit() and int(value) > 1:
            return int(value)
    return None


def _relaunch_on_cpu(n: int) -> int:
    """Start ``n`` CPU processes of this command with torchrun; they join one gloo group."""
    import sys

    from torch.distributed.run import main as torchrun

    log.warning("accelerate started 1 CPU process for --num_processes %d; starting %d with "
                "torchrun (gloo)", n, n)
    torchrun(["--nproc_per_node", str(n), "--master_addr", os.environ["MASTER_ADDR"],
              "--master_port", os.environ.get("MASTER_PORT", "29500"),
              "-m", "finetune.train", *sys.argv[1:]])
    return 0


def main() -> int:
    from assistant.cli import setup_logging

    if (n := _requested_cpu_processes()) is not None:
        return _relaunch_on_cpu(n)

    parser = argparse.ArgumentParser(prog="python -m finetune.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True,
                        help="settings file with a train: section (finetune/configs/<name>.yaml)")
    parser.add_argument("--set", dest="overrides", action="append", default=[],
                        metavar="KEY=VALUE", help="override a train setting, e.g. --set "
                        "max_steps=20 (keys relative to the train section)")
    parser.add_argument("--output-dir", help="shortcut for --set output_dir=...")
    parser.add_argument("--resume", action="store_true",
                        help="continue from the last checkpoint in output_dir")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    setup_logging(args.verbose)
    overrides = list(args.overrides)
    if args.output_dir:
        overrides.append(f"output_dir={args.output_dir}")
    cfg = load_config(args.config, overrides)
    summary = train(cfg, resume=args.resume, show_progress=not args.no_progress)
    if summary:
        print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    from assistant.cli import run_cli

    run_cli(main)
