"""The chat's single path: safety screen, route, then extraction, literature, triage or general.

    python -m assistant.ask --in PROMPTS.jsonl --out FILE.jsonl [--resume]
    python -m assistant.ask "Does metformin reduce cancer risk?"

Input lines ``{"id": ..., "prompt": ...}``; output lines (CONTRACT.md)
``{"id", "route", "refused", "answer", "error"}``. Logs carry ids, routes and sizes only;
any prompt text that reaches a log goes through ``redact_phi``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
import sys
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.batch import key_hash, read_jsonl_items, run_batch
from assistant.cli import add_settings_args, run_cli, settings_from_args, setup_logging
from assistant.config import Settings
from assistant.errors import ClinAssistError, InputError
from assistant.evidence import is_yes_no_question
from assistant.routing import route_prompt
from assistant.runtime import Runtime
from assistant.safety import DISCLAIMER, SafetyScreen, redact_phi, refusal_message
from assistant.schema import (
    AskRecord,
    ExtractionRecord,
    LiteratureRecord,
    Provenance,
    Route,
    TriageRecord,
)
from assistant.synthesis import UNVERIFIED_LABEL, model_only_enabled, model_only_text
from index.base import DocHit

if TYPE_CHECKING:  # type-only: the components load lazily, through the Runtime
    from assistant.extract.pipeline import Extractor
    from assistant.literature import LiteratureQA
    from assistant.llm.base import LLMBackend
    from assistant.triage import Triager

log = logging.getLogger(__name__)

THANKS_TEXT = "You're welcome."
HELP_TEXT = ("I can (1) extract problems, medications, allergies, vitals and labs from a pasted "
             "clinical note, (2) answer literature questions with citations from the local "
             "index, and (3) triage a patient presentation to an urgency level with reasons. "
             "Paste a note, ask an evidence question, or describe a presentation. Clinical questions "
             "are answered only from the indexed sources, quoted and cited; where the sources "
             "do not cover a question I say so.")


@dataclass
class AskResult:
    """Everything the chat shows for one request."""

    id: str
    route: Route
    refused: bool
    answer: str
    error: str | None = None
    extraction: ExtractionRecord | None = None
    note_text: str | None = None
    triage: TriageRecord | None = None
    literature: LiteratureRecord | None = None
    documents: list[DocHit] = field(default_factory=list)
    """The documents retrieved for this request (cited first); literature route only."""
    provenance: Provenance | None = None
    """Where ``answer`` comes from (``assistant.schema.Provenance``); None on a failure."""
    unverified: str | None = None
    """Model-only text (shown in ``answer`` under ``UNVERIFIED_LABEL``), kept apart so the UI
    can style it differently; only where a site enables ``literature.model_only_answers``."""

    def to_record(self) -> AskRecord:
        """The CONTRACT line for this result."""
        return AskRecord(id=self.id, route=self.route, refused=self.refused, answer=self.answer,
                         error=self.error, provenance=self.provenance)


@dataclass
class AskEvent:
    """A streamed chat event: the route, the deterministic result as soon as it is computed
    (``partial``: rules/extractive output, shown before any language-model text), a token of
    the answer, or the final result."""

    kind: Literal["route", "partial", "token", "final"]
    text: str = ""
    result: AskResult | None = None


class Assistant:
    """Routes chat requests over a ``Runtime``'s components (each built on first use, so the
    UI starts fast). Holds no per-request state: one Assistant serves concurrent requests."""

    def __init__(self, runtime: Runtime | Settings) -> None:
        """``runtime``: the shared components; plain Settings get a runtime of their own."""
        self.runtime = runtime if isinstance(runtime, Runtime) else Runtime(runtime)
        self.settings = self.runtime.settings

    # -- components -----------------------------------------------------------------------
    @property
    def screen(self) -> SafetyScreen:
        """The safety screen (first on every request)."""
        return self.runtime.screen

    @property
    def backend(self) -> LLMBackend:
        """The language model (general route, and rewording in the other routes)."""
        return self.runtime.backend

    @property
    def literature(self) -> LiteratureQA:
        """The literature pipeline."""
        return self.runtime.literature

    @property
    def extractor(self) -> Extractor:
        """The note extractor."""
        return self.runtime.extractor

    @property
    def triager(self) -> Triager:
        """The triager."""
        return self.runtime.triager

    # -- routing --------------------------------------------------------------------------
    def route(self, prompt: str) -> tuple[Route, str]:
        """(route, short reason); the safety screen comes first."""
        decision = self.screen.screen(prompt)
        if decision.refuse:
            return "refused", decision.reason
        route, reason = route_prompt(prompt)
        return route, reason  # type: ignore[return-value]

    # -- answering ------------------------------------------------------------------------
    def ask(self, prompt: str, *, id: str = "chat") -> AskResult:
        """Answer one request (the same path as ``stream``, without the tokens)."""
        final: AskResult | None = None
        for event in self.stream(prompt, id=id):
            if event.kind == "final":
                final = event.result
        assert final is not None
        return final

    def stream(self, prompt: str, *, id: str = "chat",
               triage_setting: str | None = None) -> Iterator[AskEvent]:
        """Yield the route, then the answer, then the final AskResult.

        Extraction and triage yield their deterministic result as one ``partial`` event as
        soon as it is computed; any ``token`` after a partial is language-model text added to
        it. Literature and general answers stream as ``token`` events.

        ``triage_setting``: the care setting a triage prompt is assessed for (``ed``,
        ``urgent_care``, ``primary_care``, ``self``, ``auto``); None uses ``triage.setting``.
        """
        if not isinstance(prompt, str) or not prompt.strip():
            yield AskEvent("route", "general")
            yield AskEvent("final", result=AskResult(id, "general", False, "",
                                                     error="empty prompt"))
            return
        decision = self.screen.screen(prompt)
        if decision.refuse:
            route: Route = "refused"
            reason = decision.reason
        else:
            route, reason = route_prompt(prompt)  # type: ignore[assignment]
        # The id may be an MRN or a name: only its hash is logged, never the text.
        log.info("ask id#%s route=%s chars=%d (%s)", key_hash(id), route, len(prompt), reason)
        yield AskEvent("route", route)
        try:
            if route == "refused":
                text = refusal_message(decision)
                yield AskEvent("token", text)
                result = AskResult(id, "refused", True, text, provenance="refused")
            elif route == "literature":
                result = yield from self._literature_events(prompt, id)
            elif route == "extraction":
                # Deterministic first (issue 17): the whole rules result goes out at once;
                # with an LLM pass on, the rules-only record goes out before the model runs
                # (the rules take milliseconds, so running them twice costs nothing visible).
                if self.settings.llm_for("extraction"):
                    yield AskEvent("partial", result=self._extraction(prompt, id, use_llm=False))
                result = self._extraction(prompt, id)
                yield AskEvent("partial", result=result)
            elif route == "triage":
                if getattr(self.triager, "narrative_on", False):
                    yield AskEvent("partial", result=self._triage(prompt, id, triage_setting,
                                                                  rules_only=True))
                result = self._triage(prompt, id, triage_setting)
                yield AskEvent("partial", result=result)
            else:
                result = yield from self._general_events(prompt, id)
        except ClinAssistError as exc:
            result = AskResult(id, route, False, f"Sorry, I could not complete this: {exc}",
                               error=str(exc))
        except Exception as exc:  # the chat must always get a final event
            log.warning("ask id#%s failed: %s", key_hash(id), type(exc).__name__)
            result = AskResult(id, route, False, "Sorry, something went wrong answering this.",
                               error=f"{type(exc).__name__}: {redact_phi(str(exc))[:300]}")
        yield AskEvent("final", result=result)

    def _literature_events(self, prompt: str, rid: str) -> Generator[AskEvent, None, AskResult]:
        """Every clinical question: quoted, cited sources or the abstention; a dosing question
        only ever gets quoted dose sentences (``assistant.dosing``); labelled model-only text
        is added to an abstention only where a site enables it for a capable model."""
        from assistant.dosing import dosing_drug
        from assistant.literature import LiteratureAnswer

        drug = dosing_drug(prompt)
        if drug is not None:
            result = self._dosing(prompt, rid, drug)
            yield AskEvent("token", result.answer)
            return result
        answer: LiteratureAnswer | None = None
        for piece in self.literature.stream_answer(prompt, rid):
            if isinstance(piece, LiteratureAnswer):
                answer = piece  # this request's own documents (the pipeline keeps none)
            else:
                yield AskEvent("token", piece)
        assert answer is not None
        record = answer.record
        result = AskResult(rid, "literature", False, record.answer, error=record.error,
                           literature=record, documents=answer.documents,
                           provenance="abstained" if record.abstained else "sourced")
        if record.abstained:
            extra = self._model_only(prompt)
            if extra:
                label = f"\n\n**{UNVERIFIED_LABEL}**\n{extra}\n\n{DISCLAIMER}"
                yield AskEvent("token", label)
                result.answer += label
                result.unverified, result.provenance = extra, "unverified_model"
        return result

    def _dosing(self, prompt: str, rid: str, drug: str) -> AskResult:
        """A dosing question: retrieved sentences naming ``drug`` with a dose, or abstain."""
        from assistant.dosing import dosing_record
        from assistant.literature import abstention_text

        qa = self.literature
        ev = qa.gather(prompt)
        yes_no = is_yes_no_question(prompt)
        not_covered = abstention_text(
            prompt, qa.index_name, len(ev.hits), ev.strength, qa.required_strength(
                ev.hits, yes_no=yes_no), qa.top_coverage(prompt, ev.hits),
            qa.min_coverage(yes_no=yes_no),
            why=f"no retrieved sentence names {drug} with a dose")
        record = dosing_record(prompt, drug, ev.hits, rid, not_covered)
        cited = {c.doc_id for c in record.citations}
        docs = sorted(ev.hits, key=lambda h: h.doc_id not in cited)
        return AskResult(rid, "literature", False, record.answer, literature=record,
                         documents=docs,
                         provenance="abstained" if record.abstained else "sourced")

    def _model_only(self, prompt: str) -> str:
        """Model-only text for an abstained question, or "" (the default: off, and never with
        the embedded model; ``assistant.synthesis.model_only_enabled``)."""
        if not model_only_enabled(self.settings, self.settings.literature):
            return ""
        return model_only_text(self.backend, prompt, self.settings.literature)

    def _extraction(self, prompt: str, rid: str, *, use_llm: bool | None = None) -> AskResult:
        rec: ExtractionRecord = self.extractor.extract(prompt, rid, use_llm=use_llm)
        lines = [f"Extracted from the note ({len(prompt)} characters); every item is linked "
                 "to its text span."]
        for label, items, fmt in (
            ("Problems", rec.problems, lambda p: f"{p.text} ({p.status}"
             + (f", ICD-10 {p.icd10}" if p.icd10 else "") + ")"),
            ("Medications", rec.medications, lambda m: " ".join(
                x for x in (m.name, m.dose, m.route, m.frequency) if x)
             + (f" ({m.status})" if m.status else "")),
            ("Allergies", rec.allergies, lambda a: a.substance
             + (f" ({a.reaction})" if a.reaction else "")),
            ("Vitals", rec.vitals, lambda v: f"{v.name} {v.value:g} {v.unit}"),
            ("Labs", rec.labs, lambda lab: f"{lab.name}" + (
                f" {lab.value:g}" if lab.value is not None else "")
             + (f" {lab.unit}" if lab.unit else "") + (f" ({lab.flag})" if lab.flag else "")),
        ):
            if items:
                lines.append(f"\n**{label}**")
                lines += [f"- {fmt(it)}" for it in items]
        if len(lines) == 1:
            lines.append("\nNo items were found in this text.")
        return AskResult(rid, "extraction", False, "\n".join(lines), error=rec.error,
                         extraction=rec, note_text=prompt, provenance="rules")

    def _triage(self, prompt: str, rid: str, setting: str | None = None, *,
                rules_only: bool = False) -> AskResult:
        case = {"id": rid, "text": prompt, **({"setting": setting} if setting else {})}
        # rules_only: the same triager (shared models and caches), the LLM narrative off.
        rec: TriageRecord = self.triager.triage(case, narrative=False if rules_only else None)
        parts = []
        if rec.acuity is not None:
            parts.append(f"**Acuity {rec.acuity} ({rec.level})**")
        if rec.red_flags:
            parts.append("Red flags: " + "; ".join(rec.red_flags))
        parts += [f"- {r}" for r in rec.reasons]
        if rec.advice:
            parts.append(rec.advice)
        parts.append(DISCLAIMER)
        return AskResult(rid, "triage", False, "\n\n".join(parts[:2]) + "\n" +
                         "\n".join(parts[2:]), error=rec.error, triage=rec, provenance="rules")

    def _general_events(self, prompt: str, rid: str) -> Generator[AskEvent, None, AskResult]:
        """Chat about the assistant itself (the only general prompts, ``routing``): the help
        text, written by the project, not the model (clinical questions never come here)."""
        thanks = bool(re.match(r"\s*(?:thanks|thank you|many thanks|cheers)\b", prompt, re.I))
        text = f"{THANKS_TEXT} {HELP_TEXT}" if thanks else HELP_TEXT
        yield AskEvent("token", text)
        return AskResult(rid, "general", False, text, provenance="rules")

    def status(self) -> dict[str, Any]:
        """Model, adapter, backend, device and index (dir + document count) for the UI."""
        out: dict[str, Any] = {"backend": self.settings.backend, "device": self.settings.device,
                               "model": str(self.settings.model_path or "embedded SmolLM2-135M"),
                               "adapter": str(self.settings.adapter_path or ""),
                               "use_llm": self.settings.use_llm}
        backend = self.runtime.loaded_backend  # report it only if loaded: never load here
        if backend is not None:
            try:
                out.update({f"llm_{k}": v for k, v in backend.describe().items()})
            except Exception as exc:
                out["llm_error"] = type(exc).__name__
        index_dir = Path(self.settings.resolved_index_dir)
        out["index_dir"] = str(index_dir)
        out["index_documents"] = None
        manifest = index_dir / "manifest.json"
        if manifest.is_file():
            with contextlib.suppress(KeyError, ValueError, OSError):
                from index.store import manifest_documents, read_manifest
                out["index_documents"] = manifest_documents(read_manifest(index_dir))
        return out


# -- CLI ---------------------------------------------------------------------------------------
def _factory(settings_json: str) -> Callable[[], Callable[[dict[str, Any]], AskRecord]]:
    """The batch runner's per-worker setup: one Runtime per worker process (settings travel
    as JSON because the factory is pickled to spawned workers)."""
    def make() -> Callable[[dict[str, Any]], AskRecord]:
        assistant = Assistant(Runtime(Settings.model_validate_json(settings_json)))

        def process(rec: dict[str, Any]) -> AskRecord:
            prompt = rec.get("prompt")
            if not isinstance(prompt, str) or not prompt.strip():
                raise InputError("record has no 'prompt' text")
            return assistant.ask(prompt, id=str(rec.get("id", "chat"))).to_record()
        return process
    return make


def main() -> int:
    parser = argparse.ArgumentParser(description="Route chat requests (the chat UI's path).")
    parser.add_argument("prompt", nargs="?", help="one request to answer and print")
    parser.add_argument("--in", dest="inp", type=Path, help="JSONL with id and prompt")
    parser.add_argument("--out", type=Path, help="output JSONL")
    parser.add_argument("--resume", action="store_true")
    add_settings_args(parser)
    args = parser.parse_args()
    setup_logging(args.verbose)
    settings = settings_from_args(args)
    if args.prompt:
        if args.inp or args.out:
            parser.error("give either a prompt or --in/--out, not both")
        for ev in Assistant(Runtime(settings)).stream(args.prompt):
            if ev.kind == "route":
                print(f"[route: {ev.text}]", file=sys.stderr)
            elif ev.kind == "token":
                print(ev.text, end="", flush=True)
            elif ev.kind == "partial" and ev.result is not None:
                print(ev.result.answer, end="", flush=True)
            elif ev.result is not None:
                print("\n" + ev.result.to_record().model_dump_json())
        return 0
    if not (args.inp and args.out):
        parser.error("give a prompt, or both --in and --out")
    summary = run_batch(read_jsonl_items(args.inp), _factory(settings.model_dump_json()),
                        lambda key, msg: AskRecord(id=key, error=msg), args.out,
                        key_of=lambda r: str(r.get("id")), resume=args.resume, desc="prompts")
    print(summary.line("prompts"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_cli(main)
