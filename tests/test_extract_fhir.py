"""FHIR Bundle mapping: validates, refuted absent findings, family history, LOINC vitals."""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle

from assistant.extract.fhir import to_fhir_bundle
from assistant.schema import Allergy, ExtractionRecord, Lab, Medication, Problem, Vital

TEXT = "No fever. HTN. Mother: breast cancer. Metformin 500 mg PO BID. PCN (hives). HR 88. K 5.6 (H)"


def _record() -> ExtractionRecord:
    return ExtractionRecord(
        note_id="n 1/x",  # not a valid FHIR id: it goes into Bundle.identifier
        problems=[Problem(text="fever", status="absent", icd10="R50.9", span=(3, 8)),
                  Problem(text="hypertension", status="present", icd10="I10", span=(10, 13)),
                  Problem(text="breast cancer", status="family", span=(23, 36))],
        medications=[Medication(name="metformin", dose="500 mg", route="PO", frequency="BID",
                                status="held", span=(38, 61))],
        allergies=[Allergy(substance="penicillin", reaction="hives", span=(63, 74))],
        vitals=[Vital(name="heart_rate", value=88, unit="bpm", raw="HR 88", span=(76, 81))],
        labs=[Lab(name="potassium", value=5.6, flag="high", raw="K 5.6 (H)", span=(83, 92))])


def test_bundle_validates_and_maps() -> None:
    bundle = to_fhir_bundle(_record(), TEXT)
    Bundle.model_validate(bundle)
    res = [e["resource"] for e in bundle["entry"]]
    assert [r["resourceType"] for r in res] == [
        "Patient", "Condition", "Condition", "FamilyMemberHistory", "MedicationStatement",
        "AllergyIntolerance", "Observation", "Observation"]
    fever, htn = res[1], res[2]
    assert fever["verificationStatus"]["coding"][0]["code"] == "refuted"
    assert "clinicalStatus" not in fever
    assert fever["code"]["coding"][0] == {"system": "http://hl7.org/fhir/sid/icd-10-cm",
                                          "code": "R50.9", "display": "fever"}
    assert htn["clinicalStatus"]["coding"][0]["code"] == "active"
    assert res[4]["status"] == "on-hold" and res[4]["dosage"][0]["text"] == "500 mg PO BID"
    assert res[5]["reaction"][0]["manifestation"][0]["text"] == "hives"
    hr = res[6]
    assert hr["code"]["coding"][0]["code"] == "8867-4"
    assert hr["valueQuantity"] == {"value": 88.0, "unit": "bpm",
                                   "system": "http://unitsofmeasure.org", "code": "/min"}
    assert res[7]["interpretation"][0]["coding"][0]["code"] == "H"
    assert bundle["identifier"]["value"] == "n 1/x"
    span = res[6]["extension"][0]["valueRange"]
    assert TEXT[int(span["low"]["value"]):int(span["high"]["value"])] == "HR 88"
    # every reference resolves inside the bundle
    urls = {e["fullUrl"] for e in bundle["entry"]}
    assert fever["subject"]["reference"] in urls


def test_bundle_is_deterministic() -> None:
    assert to_fhir_bundle(_record(), TEXT) == to_fhir_bundle(_record(), TEXT)
