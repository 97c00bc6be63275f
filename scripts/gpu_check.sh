#!/usr/bin/env bash
# GPU proof of the fine-tuning and serving paths (issue 19): every stage of eval.gpu_proof in
# its own process with its own time limit, then `pytest -m gpu`, then summary.json.
#
#   bash scripts/gpu_check.sh [OUT_DIR]      # default $OUT (device machine), else runs/gpu_check
#   GPU_PROOF_TINY=1 bash scripts/gpu_check.sh /tmp/gpu_out    # small sizes, runs on a CPU
#
# Needs the folders scripts/gpu_prepare.sh writes (.whl, .gpu; .gpu_a/.gpu_b or a stash for
# the embedded LLM weights). Writes at most 8 flat files into OUT_DIR: gpu_check.log, env.json,
# lora.json, compare.json, accelerate.json, generate.json, embed.json, summary.json.
# The whole run stops starting stages once GPU_CHECK_BUDGET seconds (default 480) are spent;
# a stage's limit is cut to what is left, so the script ends within the budget + ~20 s.
set -u
OUT_DIR=${1:-${OUT:-runs/gpu_check}}
WORK=${GPU_PROOF_WORK:-/tmp/gpu_proof}
BUDGET=${GPU_CHECK_BUDGET:-480}
PY=${PYTHON:-python3}
mkdir -p "$OUT_DIR" "$WORK/pkgs"
OUT_DIR=$(cd "$OUT_DIR" && pwd)
LOG="$OUT_DIR/gpu_check.log"
: >"$WORK/stages.txt"
T0=$(date +%s)
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export CLINASSIST_CACHE_DIR="$WORK/cache" GPU_PROOF_WORK="$WORK"

echo "gpu_check $(date -u +%FT%TZ) budget ${BUDGET}s tiny=${GPU_PROOF_TINY:-0} $(uptime)" >"$LOG"
if ls .whl/*.whl >/dev/null 2>&1; then
  if $PY -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
      --target "$WORK/site" .whl/*.whl >>"$LOG" 2>&1; then
    export PYTHONPATH="$WORK/site${PYTHONPATH:+:$PYTHONPATH}"
  else
    echo "wheel install failed" >>"$LOG"
  fi
fi
export PYTHONPATH="$PWD:$WORK/pkgs${PYTHONPATH:+:$PYTHONPATH}"
# the two-call variant: a first call left the GGUF's first part here
mkdir -p /tmp/clinassist_stash 2>/dev/null || true

stage() {  # stage NAME LIMIT_S COMMAND...
  local name=$1 limit=$2 start rc left
  shift 2
  start=$(date +%s)
  left=$((BUDGET - (start - T0)))
  if [ "$left" -lt 15 ]; then
    echo "=== $name skipped: budget spent" >>"$LOG"
    echo "$name 125 0" >>"$WORK/stages.txt"
    return
  fi
  [ "$limit" -le "$left" ] || limit=$left
  echo "=== $name (limit ${limit}s) $(date -u +%T)" >>"$LOG"
  timeout -k 10 "$limit" "$@" >>"$LOG" 2>&1
  rc=$?
  echo "$name $rc $(($(date +%s) - start))" >>"$WORK/stages.txt"
  echo "=== $name rc=$rc in $(($(date +%s) - start))s" >>"$LOG"
}

P=(-m eval.gpu_proof --work "$WORK" --out "$OUT_DIR")
stage assets 120 $PY "${P[@]}" assets
stage env 45 $PY "${P[@]}" env
stage lora 170 $PY "${P[@]}" lora
stage accelerate 150 $PY "${P[@]}" accelerate
stage generate 75 $PY "${P[@]}" generate
stage embed 75 $PY "${P[@]}" embed
stage pytest 120 bash -c "set -o pipefail; $PY -m pytest -m gpu tests/test_gpu.py -q -rA \
  -p no:cacheprovider 2>&1 | tee '$WORK/pytest_tail.txt'"
stage compare 90 $PY "${P[@]}" compare
$PY "${P[@]}" summary >>"$LOG" 2>&1
echo "done in $(($(date +%s) - T0))s" >>"$LOG"
cat "$WORK/stages.txt" >>"$LOG"
cat "$OUT_DIR/summary.json" 2>/dev/null
