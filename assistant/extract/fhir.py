"""CONTRACT record -> FHIR Bundle (``fhir.resources.R4B``, the R4-compatible 4.3 models).

Conditions (verificationStatus ``refuted`` for absent findings, ``unconfirmed`` for possible,
clinicalStatus ``resolved`` for historical; family-history findings become
FamilyMemberHistory, never a patient Condition), MedicationStatement, AllergyIntolerance,
Observation (vital signs with LOINC codes; labs as laboratory Observations). Each resource
carries the source span as an extension so it can be traced to the note text.
"""

from __future__ import annotations

import uuid
from typing import Any

from assistant.schema import ExtractionRecord

SPAN_EXT = "https://clinassist.local/fhir/StructureDefinition/source-span"
NOTE_SYSTEM = "urn:clinassist:note"
_SNOMED = "http://snomed.info/sct"
_ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
_LOINC = "http://loinc.org"
_UCUM = "http://unitsofmeasure.org"

_VITAL_LOINC = {
    "systolic_bp": ("8480-6", "Systolic blood pressure", "mm[Hg]"),
    "diastolic_bp": ("8462-4", "Diastolic blood pressure", "mm[Hg]"),
    "heart_rate": ("8867-4", "Heart rate", "/min"),
    "respiratory_rate": ("9279-1", "Respiratory rate", "/min"),
    "temperature": ("8310-5", "Body temperature", "Cel"),
    "spo2": ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%"),
    "weight": ("29463-7", "Body weight", "kg"),
    "height": ("8302-2", "Body height", "cm"),
    "bmi": ("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2"),
}
_MED_STATUS = {"active": "active", "new": "intended", "discontinued": "stopped",
               "held": "on-hold", "given": "completed", None: "unknown"}


def _ext(span: tuple[int, int]) -> list[dict[str, Any]]:
    return [{"url": SPAN_EXT, "valueRange": {"low": {"value": span[0]},
                                             "high": {"value": span[1]}}}]


def _cc(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}]}


#: FHIR code systems of the terminology prefixes in ``codes`` (CONTRACT, issue 16).
_CODE_SYSTEMS = {"HP": "http://purl.obolibrary.org/obo/hp.owl", "MESH": "http://id.nlm.nih.gov/mesh",
                 "DRUGBANK": "http://www.drugbank.ca", "MEDLINE": "https://medlineplus.gov/druginfo"}


def _codings(codes: list[str] | None, display: str) -> list[dict[str, Any]]:
    """FHIR codings for ``codes`` ("HP:0002240" keeps its prefix; "MESH:D017706" -> D017706)."""
    out = []
    for c in codes or []:
        prefix, _, value = c.partition(":")
        system = _CODE_SYSTEMS.get(prefix)
        if system and value:
            out.append({"system": system, "code": c if prefix == "HP" else value,
                        "display": display})
    return out


def _id(note_id: str, n: int) -> str:
    """Deterministic resource ids: the same note gives the same Bundle (diffs, resume)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{NOTE_SYSTEM}:{note_id}/{n}"))


def to_fhir_bundle(record: ExtractionRecord, text: str | None = None) -> dict[str, Any]:
    """A validated FHIR Bundle (type collection) as a JSON-ready dict for ``record``.

    ``text`` (the note) is optional; when given, each resource's ``text`` narrative quotes
    its span. Raises pydantic.ValidationError if a resource does not validate.
    """
    from fhir.resources.R4B.bundle import Bundle

    pid = _id(record.note_id, 0)
    patient_ref = {"reference": f"urn:uuid:{pid}"}
    patient = {"resourceType": "Patient", "id": pid}
    entries: list[dict[str, Any]] = [{"fullUrl": f"urn:uuid:{pid}", "resource": patient}]

    def narrative(span: tuple[int, int]) -> dict[str, Any] | None:
        if text is None:
            return None
        quote = (text[span[0]:span[1]].replace("&", "&amp;").replace("<", "&lt;")
                 .replace(">", "&gt;"))
        return {"status": "generated",
                "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{quote}</div>'}

    def add(resource: dict[str, Any], span: tuple[int, int]) -> None:
        resource["id"] = _id(record.note_id, len(entries))
        resource["extension"] = _ext(span)
        n = narrative(span)
        if n:
            resource["text"] = n
        entries.append({"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource})

    for p in record.problems:
        code: dict[str, Any] = {"text": p.text}
        codings = [{"system": _ICD10CM, "code": p.icd10, "display": p.text}] if p.icd10 else []
        codings += _codings(p.codes, p.text)
        if codings:
            code["coding"] = codings
        if p.status == "family":
            add({"resourceType": "FamilyMemberHistory", "status": "partial",
                 "patient": patient_ref,
                 "relationship": _cc("http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                                     "FAMMEMB", "family member"),
                 "condition": [{"code": code}]}, p.span)
            continue
        verification = {"absent": "refuted", "possible": "unconfirmed"}.get(p.status,
                                                                              "confirmed")
        res: dict[str, Any] = {
            "resourceType": "Condition", "subject": patient_ref, "code": code,
            "verificationStatus": _cc(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", verification,
                verification),
        }
        if p.status != "absent":  # clinicalStatus must be absent when refuted
            clinical = "resolved" if p.status == "historical" else "active"
            res["clinicalStatus"] = _cc(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", clinical, clinical)
        add(res, p.span)

    for m in record.medications:
        dosage_text = " ".join(x for x in (m.dose, m.route, m.frequency) if x)
        res = {"resourceType": "MedicationStatement", "status": _MED_STATUS[m.status],
               "subject": patient_ref, "medicationCodeableConcept": {
                   "text": m.name, **({"coding": _codings(m.codes, m.name)}
                                      if _codings(m.codes, m.name) else {})}}
        if dosage_text:
            dosage: dict[str, Any] = {"text": dosage_text}
            if m.route:
                dosage["route"] = {"text": m.route}
            res["dosage"] = [dosage]
        if m.status:
            res["note"] = [{"text": f"status in note: {m.status}"}]
        add(res, m.span)

    for a in record.allergies:
        res = {"resourceType": "AllergyIntolerance", "patient": patient_ref,
               "code": {"text": a.substance},
               "verificationStatus": _cc(
                   "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                   "confirmed", "Confirmed")}
        if a.reaction:
            res["reaction"] = [{"manifestation": [{"text": a.reaction}]}]
        add(res, a.span)

    vital_cat = _cc("http://terminology.hl7.org/CodeSystem/observation-category",
                    "vital-signs", "Vital Signs")
    for v in record.vitals:
        loinc, display, ucum = _VITAL_LOINC[v.name]
        add({"resourceType": "Observation", "status": "final", "category": [vital_cat],
             "code": _cc(_LOINC, loinc, display), "subject": patient_ref,
             "valueQuantity": {"value": v.value, "unit": v.unit, "system": _UCUM,
                               "code": ucum}}, v.span)

    lab_cat = _cc("http://terminology.hl7.org/CodeSystem/observation-category",
                  "laboratory", "Laboratory")
    for lab in record.labs:
        res = {"resourceType": "Observation", "status": "final", "category": [lab_cat],
               "code": {"text": lab.name}, "subject": patient_ref}
        if lab.value is not None:
            q: dict[str, Any] = {"value": lab.value}
            if lab.unit:
                q["unit"] = lab.unit
            res["valueQuantity"] = q
        if lab.flag:
            code_, disp = {"high": ("H", "High"), "low": ("L", "Low"),
                           "critical_high": ("HH", "Critical high"),
                           "critical_low": ("LL", "Critical low"), "normal": ("N", "Normal"),
                           "abnormal": ("A", "Abnormal")}[lab.flag]
            res["interpretation"] = [_cc(
                "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                code_, disp)]
        add(res, lab.span)

    bundle = {"resourceType": "Bundle", "type": "collection",
              "identifier": {"system": NOTE_SYSTEM, "value": record.note_id},
              "entry": entries}
    return Bundle.model_validate(bundle).model_dump(mode="json", exclude_none=True)


def error_bundle(note_id: str, message: str) -> dict[str, Any]:
    """The FHIR line for a note that failed: a Bundle holding one OperationOutcome."""
    from fhir.resources.R4B.bundle import Bundle

    outcome = {"resourceType": "OperationOutcome", "id": _id(note_id, 0),
               "issue": [{"severity": "error", "code": "processing", "diagnostics": message}]}
    bundle = {"resourceType": "Bundle", "type": "collection",
              "identifier": {"system": NOTE_SYSTEM, "value": note_id},
              "entry": [{"fullUrl": f"urn:uuid:{outcome['id']}", "resource": outcome}]}
    return Bundle.model_validate(bundle).model_dump(mode="json", exclude_none=True)
