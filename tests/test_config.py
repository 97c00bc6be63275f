"""Settings: YAML + environment + overrides, precedence, and rejection of unknown keys."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from pydantic import BaseModel

from assistant.config import (
    IndexConfig,
    SearchConfig,
    Settings,
    apply_overrides,
    load_settings,
    parse_overrides,
)
from assistant.config import main as config_main
from assistant.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent


def test_defaults_are_local_embedded(tmp_path: Path) -> None:
    s = load_settings(None, {"cache_dir": str(tmp_path)}, environ={})
    assert s.backend == "local"
    assert s.model_path is None
    assert s.generation.temperature == 0.0
    assert s.resolved_index_dir == tmp_path / "index" / "pubmedqa"


def test_precedence_yaml_then_env_then_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("backend: openai\ngeneration:\n  max_new_tokens: 100\n  batch_size: 3\n")
    env = {"CLINASSIST_GENERATION__MAX_NEW_TOKENS": "200", "CLINASSIST_DEVICE": "cpu"}
    s = load_settings(cfg, parse_overrides(["generation.max_new_tokens=300"]), environ=env)
    assert s.backend == "openai"            # from YAML
    assert s.generation.batch_size == 3     # from YAML, untouched by others
    assert s.device == "cpu"                # from env
    assert s.generation.max_new_tokens == 300  # override beats env beats YAML


def test_config_path_from_env(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("use_llm: false\n")
    assert load_settings(None, environ={"CLINASSIST_CONFIG": str(cfg)}).use_llm is False


@pytest.mark.parametrize("text, needle", [
    ("backnd: local\n", "backnd"),
    ("generation:\n  max_tokens: 5\n", "generation.max_tokens"),
    ("backend: llama\n", "backend"),
    ("generation:\n  temperature: -1\n", "generation.temperature"),
])
def test_unknown_or_invalid_keys_are_rejected(tmp_path: Path, text: str, needle: str) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, environ={})
    assert needle in str(err.value)


def test_unknown_env_key_rejected() -> None:
    with pytest.raises(ConfigError, match="modle_path"):
        load_settings(None, environ={"CLINASSIST_MODLE_PATH": "/x"})


def test_variables_of_other_parts_are_not_settings() -> None:
    env = {"CLINASSIST_AUTH": "dr:x", "CLINASSIST_EVAL_DATA": "/d", "CLINASSIST_MEDQA_SET": "dev",
           "CLINASSIST_MEDQA_METHOD": "lm", "CLINASSIST_DEVICE": "cpu"}
    assert load_settings(None, environ=env).device == "cpu"


def test_missing_file_and_bad_override() -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings("/nonexistent/c.yaml", environ={})
    with pytest.raises(ConfigError, match="key=value"):
        parse_overrides(["backend"])
    assert parse_overrides(["a.b=1", "c=x"]) == {"a": {"b": 1}, "c": "x"}


# ---------------------------------------------------------------------- one settings tree
def test_sections_are_set_with_dotted_overrides() -> None:
    s = load_settings(None, parse_overrides([
        "literature.k=20", "index.search.rrf_k=30", "app.port=8080",
        "train.learning_rate=1e-4", "train.lora.r=16"]), environ={})
    assert s.literature.k == 20
    assert s.index.search.rrf_k == 30.0
    assert s.app.port == 8080
    assert s.train.learning_rate == 1e-4 and s.train.lora.r == 16
    # everything else keeps its default
    assert s.literature.sentences == 3 and s.index.chunk_size == 1000 and s.app.slots == 1


def test_section_defaults_are_unchanged() -> None:
    s = Settings()
    assert (s.literature.k, s.literature.mode, s.literature.min_strength,
            s.literature.min_strength_agreed, s.literature.min_coverage) == (
        10, "hybrid", 0.5, 0.40, 0.45)
    assert (s.index.chunk_size, s.index.chunk_overlap, s.index.hnsw.m, s.index.ivfpq.m,
            s.index.search.rrf_k) == (1000, 150, 32, 48, 60.0)
    assert (s.app.host, s.app.port, s.app.audit_log, s.app.title) == (
        "127.0.0.1", 7860, None, "ClinAssist")
    assert (s.train.learning_rate, s.train.lora.r, s.train.output_dir, s.train.data.data_dir) == (
        2e-4, 8, Path("runs/finetune/default"), None)


def test_section_env_variables() -> None:
    env = {"CLINASSIST_LITERATURE__K": "20", "CLINASSIST_INDEX__HNSW__M": "48",
           "CLINASSIST_APP__PORT": "8080", "CLINASSIST_TRAIN__DATA__DATA_DIR": "/data/src"}
    s = load_settings(None, environ=env)
    assert (s.literature.k, s.index.hnsw.m, s.app.port) == (20, 48, 8080)
    assert s.train.data.data_dir == Path("/data/src")


def test_section_file_precedence(tmp_path: Path) -> None:
    """defaults < --config < per-section file (--lit-config) < env < overrides."""
    main_file = tmp_path / "c.yaml"
    main_file.write_text("literature:\n  k: 5\n  sentences: 2\n  scan_docs: 6\n")
    lit = tmp_path / "lit.yaml"
    lit.write_text("k: 7\nscan_docs: 8\n")
    files = {"literature": lit}
    assert load_settings(main_file, environ={}).literature.k == 5
    s = load_settings(main_file, environ={}, section_files=files)
    assert (s.literature.k, s.literature.sentences, s.literature.scan_docs) == (7, 2, 8)
    env = {"CLINASSIST_LITERATURE__K": "9"}
    s = load_settings(main_file, environ=env, section_files=files)
    assert (s.literature.k, s.literature.scan_docs) == (9, 8)
    s = load_settings(main_file, parse_overrides(["k=11"], prefix="literature"), environ=env,
                      section_files=files)
    assert s.literature.k == 11
    with pytest.raises(ConfigError, match="literature config file .* does not exist"):
        load_settings(None, environ={}, section_files={"literature": tmp_path / "nope.yaml"})
    with pytest.raises(ConfigError, match="unknown settings section 'lit'"):
        load_settings(None, environ={}, section_files={"lit": lit})


def test_section_keys_at_the_top_level_say_where_they_go(tmp_path: Path) -> None:
    old = tmp_path / "old-train.yaml"
    old.write_text("max_steps: 3\nlora:\n  r: 4\n")
    with pytest.raises(ConfigError) as err:
        load_settings(old, environ={})
    assert "max_steps, lora belong to the train section: put them under `train:`" in str(err.value)
    with pytest.raises(ConfigError, match="k belongs to the literature section"):
        load_settings(None, {"k": 20}, environ={})


def test_apply_overrides_validates_and_keeps_unset_fields_unset() -> None:
    s = load_settings(None, environ={})
    t = apply_overrides(s, {"app": {"port": 9000}})
    assert t.app.port == 9000 and "literature" not in t.model_fields_set
    with pytest.raises(ConfigError, match="app.port"):
        apply_overrides(s, {"app": {"port": 0}})


# ------------------------------------------------------------------------ cross-field checks
@pytest.mark.parametrize("overrides, needle", [
    (["backend=openai", "adapter_path=/adapters/a"],
     "adapter_path is set with backend openai: an adapter applies to a local model; with backend "
     "openai serve the adapter in the server (vLLM --lora-modules) or use --backend local"),
    (["backend=openai", "model_path=/models/m"],
     "model_path is set with backend openai: the server names its model in openai.model"),
    (["index.chunk_size=200", "index.chunk_overlap=200"],
     "index: chunk_overlap must be smaller than chunk_size"),
    (["index.search.bm25_weight=0", "index.search.dense_weight=0"],
     "index.search: bm25_weight and dense_weight are both 0"),
    (["literature.cite_docs=6", "literature.scan_docs=5"],
     "literature: cite_docs (6) exceeds scan_docs (5): only scanned documents can be cited"),
    (["literature.min_strength_agreed=0.6"],
     "literature: min_strength_agreed (0.6) is above min_strength (0.5)"),
])
def test_cross_field_checks(overrides: list[str], needle: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(None, parse_overrides(overrides), environ={})
    assert needle in str(err.value)


def test_cross_field_checks_accept_the_valid_neighbours() -> None:
    ok = ["backend=openai", "openai.model=llama", "index.chunk_overlap=999",
          "index.search.bm25_weight=0", "literature.cite_docs=5",
          "literature.min_strength_agreed=0.5"]
    s = load_settings(None, parse_overrides(ok), environ={})
    assert (s.backend, s.index.chunk_overlap, s.literature.cite_docs) == ("openai", 999, 5)
    local = load_settings(None, parse_overrides(["adapter_path=/a", "model_path=/m"]), environ={})
    assert local.adapter_path == Path("/a")


# ------------------------------------------------------------------------------ field help
def _all_fields(model: type[BaseModel], prefix: str = "") -> list[tuple[str, object]]:
    out = []
    for name, info in model.model_fields.items():
        out.append((prefix + name, info))
        sub = info.annotation
        if isinstance(sub, type) and issubclass(sub, BaseModel):
            out += _all_fields(sub, f"{prefix}{name}.")
    return out


def test_every_field_has_a_description() -> None:
    fields = _all_fields(Settings)
    assert len(fields) > 100
    missing = [name for name, info in fields if not info.description]
    assert missing == []


def test_show_prints_the_resolved_tree_as_loadable_yaml(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in os.environ if k.startswith("CLINASSIST_")]:
        monkeypatch.delenv(key)
    assert config_main(["show", "--set", "literature.k=20", "--set", f"cache_dir={tmp_path}"]) == 0
    out = capsys.readouterr().out
    assert "  # Documents returned per question (at least 10 are always retrieved).\n" \
           "  k: 20  #* int; default 10\n" in out
    assert "backend: local  # local | openai; default local\n" in out
    assert "  hnsw:\n" in out and "model_path: null  # path | null; default null" in out
    shown = tmp_path / "shown.yaml"
    shown.write_text(out)
    assert load_settings(shown, environ={}) == load_settings(
        None, parse_overrides(["literature.k=20", f"cache_dir={tmp_path}"]), environ={})
    assert config_main(["show", "index.search"]) == 0
    assert capsys.readouterr().out.startswith(
        "# Reciprocal rank fusion constant (Cormack et al. 2009 use 60).\nrrf_k: 60.0  # float")
    with pytest.raises(ConfigError, match="'lit' is not a section"):
        config_main(["show", "lit"])


def test_show_cli_help() -> None:
    run = subprocess.run([sys.executable, "-m", "assistant.config", "show", "--help"],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    assert run.stdout.startswith("usage: python -m assistant.config show")
    assert "--set KEY=VALUE" in run.stdout and "'#*' marks values" in " ".join(run.stdout.split())


# ------------------------------------------------------- the old flags map onto the one loader
@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for key in [k for k in os.environ if k.startswith("CLINASSIST_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("CLINASSIST_CACHE_DIR", str(tmp_path / "cache"))
    return monkeypatch


def test_literature_cli_flags(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import assistant.literature as lit

    seen = []

    class FakeQA:
        def __init__(self, settings: Settings, config: object = None, **_: object) -> None:
            seen.append((settings, config))

        def stream(self, question: str) -> list:
            return []

    clean_env.setattr(lit, "LiteratureQA", FakeQA)
    f = tmp_path / "lit.yaml"
    f.write_text("k: 7\nsentences: 2\nscan_docs: 6\n")
    clean_env.setenv("CLINASSIST_LITERATURE__SCAN_DOCS", "8")
    clean_env.setattr(sys, "argv", ["x", "Q?", "--lit-config", str(f), "--lit", "k=20",
                                    "--set", "literature.k=15", "--set", "literature.cite_docs=2"])
    assert lit.main() == 0
    settings, given = seen[-1]
    assert given is None  # no separate config object: the pipeline reads settings.literature
    cfg = settings.literature
    # file < env < --set < --lit
    assert (cfg.k, cfg.sentences, cfg.scan_docs, cfg.cite_docs) == (20, 2, 8, 2)
    clean_env.delenv("CLINASSIST_LITERATURE__SCAN_DOCS")
    clean_env.setattr(sys, "argv", ["x", "Q?"])
    assert lit.main() == 0
    assert seen[-1][0].literature == lit.LiteratureConfig()


def test_index_build_cli_flags(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import index.build as b

    seen = []
    clean_env.setattr(b, "build_index", lambda corpus, out, settings, **kw: seen.append(kw))
    f = tmp_path / "index.yaml"
    f.write_text("chunk_size: 800\nhnsw: {m: 16}\nbatch_size: 8\n")
    clean_env.setattr(sys, "argv", ["x", "c.jsonl", "--out", "o", "--index-config", str(f),
                                    "--index-set", "hnsw.m=48", "--chunk-size", "500",
                                    "--set", "index.chunk_overlap=50", "--set", "index.hnsw.m=24"])
    assert b.main() == 0
    cfg = seen[-1]["config"]
    assert (cfg.chunk_size, cfg.chunk_overlap, cfg.batch_size, cfg.hnsw.m) == (500, 50, 8, 48)
    clean_env.setattr(sys, "argv", ["x", "c.jsonl", "--out", "o"])
    assert b.main() == 0
    assert seen[-1]["config"] == IndexConfig()
    # --append with no index setting keeps the configuration stored in the index
    clean_env.setattr(sys, "argv", ["x", "c.jsonl", "--out", "o", "--append"])
    assert b.main() == 0
    assert seen[-1]["config"] is None and seen[-1]["append"] is True
    clean_env.setattr(sys, "argv", ["x", "c.jsonl", "--out", "o", "--append", "--chunk-size",
                                    "600"])
    assert b.main() == 0
    assert seen[-1]["config"].chunk_size == 600


def test_index_search_cli_applies_set_search_settings(clean_env: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import index.search as srch

    searcher = SimpleNamespace(config=IndexConfig(search=SearchConfig(bm25_weight=2.0)),
                               index_dir=Path("idx"), search=lambda q, k, mode: [])
    clean_env.setattr(srch, "open_index", lambda index_dir, settings: searcher)
    clean_env.setattr(sys, "argv", ["x", "idx", "query"])
    assert srch.main() == 0
    assert searcher.config.search == SearchConfig(bm25_weight=2.0)  # the index's own values
    clean_env.setattr(sys, "argv", ["x", "idx", "query", "--set", "index.search.rrf_k=30"])
    assert srch.main() == 0
    assert (searcher.config.search.rrf_k, searcher.config.search.bm25_weight) == (30.0, 2.0)
    clean_env.setattr(sys, "argv", ["x", "idx", "query", "--set", "index.search.bm25_weight=0",
                                    "--set", "index.search.dense_weight=0"])
    with pytest.raises(ConfigError, match="bm25_weight and dense_weight are both 0"):
        srch.main()
    assert "rank" in capsys.readouterr().out


# ----------------------------------------------------------------------------- finetune rule
CONFIGS = REPO / "finetune" / "configs"


def test_shipped_finetune_configs_keep_their_values(clean_env: pytest.MonkeyPatch) -> None:
    from finetune.train import load_config

    cpu = load_config(CONFIGS / "smollm2-135m-cpu.yaml")
    assert (cpu.model_path, cpu.output_dir, cpu.max_seq_len, cpu.batch_size, cpu.grad_accum,
            cpu.learning_rate, cpu.warmup_steps, cpu.max_steps, cpu.eval_every,
            cpu.precision) == (None, Path("runs/finetune/smollm2-135m-cpu"), 320, 1, 2, 1e-3, 3,
                               24, 8, "fp32")
    assert cpu.data.tasks == ["extraction", "extraction_assist", "triage"]
    assert (cpu.data.max_eval_examples, cpu.lora.r, cpu.lora.alpha) == (6, 8, 16)
    gpu = load_config(CONFIGS / "smollm2-135m-gpu.yaml")
    assert (gpu.max_seq_len, gpu.batch_size, gpu.learning_rate, gpu.epochs, gpu.max_steps,
            gpu.lora.r, gpu.lora.alpha, gpu.data.n_synthetic) == (
        2048, 32, 5e-4, 3.0, None, 32, 64, 20000)
    big = load_config(CONFIGS / "llama-8b-multigpu.yaml")
    assert (big.model_path, big.max_seq_len, big.grad_accum, big.warmup_steps, big.epochs,
            big.gradient_checkpointing, big.data.max_eval_examples, big.lora.r) == (
        Path("/models/llama-3.1-8b-instruct"), 4096, 4, 100, 2.0, True, 512, 16)
    for cfg in (cpu, gpu, big):
        assert cfg.data.data_dir is None and cfg.data.build_if_missing is True


def test_finetune_set_keys_are_relative_to_train(clean_env: pytest.MonkeyPatch) -> None:
    from finetune.train import config_yaml, load_config

    cfg = load_config(CONFIGS / "smollm2-135m-cpu.yaml",
                      ["max_steps=20", "train.learning_rate=1e-4", "lora.r=16"])
    assert (cfg.max_steps, cfg.learning_rate, cfg.lora.r) == (20, 1e-4, 16)
    clean_env.setenv("CLINASSIST_TRAIN__MAX_STEPS", "30")
    assert load_config(CONFIGS / "smollm2-135m-cpu.yaml").max_steps == 30
    assert load_config(CONFIGS / "smollm2-135m-cpu.yaml", ["max_steps=40"]).max_steps == 40
    assert config_yaml(cfg).startswith("train:\n  model_path: null\n")


def test_finetune_missing_data_dir_is_a_clear_error(clean_env: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    from finetune.train import TrainConfig, train

    cfg = TrainConfig.model_validate({"data": {"train_file": str(tmp_path / "none.jsonl")}})
    with pytest.raises(ConfigError, match="set: give the source data folder with --set "
                                          r"train.data.data_dir=DIR"):
        train(cfg)
