"""edc through Python, against the native `edc` binary: the same verdicts and codes on the EU
corpus and the W3C Data Integrity vectors, `convert_rows` gives `edc convert`'s credentials,
errors carry stable codes. Run by tools/test-python.sh (EDC_BIN: the native binary;
EDC_SHARED_DIR: the reference data)."""

import csv
import glob
import json
import os
import subprocess
import tempfile
import threading

import pytest

import edc

EDC_BIN = os.environ["EDC_BIN"]
SHARED = os.environ["EDC_SHARED_DIR"]
ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
AT = "2024-06-01T00:00:00Z"


def native(*args):
    return subprocess.run([EDC_BIN, *args], capture_output=True, text=True)


@pytest.fixture(scope="session")
def anchors(tmp_path_factory):
    out = tmp_path_factory.mktemp("anchors")
    samples = os.path.join(SHARED, "europass", "samples")
    sealed = glob.glob(os.path.join(samples, "elm-2023", "*-signed.jsonld")) + glob.glob(
        os.path.join(samples, "elm-support-2024", "*-signed.jsonld"))
    native("trust", "export", "--roots-only", "--out", str(out), *sealed)
    return sorted(glob.glob(os.path.join(str(out), "*.pem")))


EU = sorted(glob.glob(os.path.join(SHARED, "europass", "samples", "*", "*-signed*.json*")))
W3C = sorted(glob.glob(os.path.join(SHARED, "vectors", "w3c+vc-di-eddsa", "TestVectors", "*", "signed*.json"))
             + glob.glob(os.path.join(SHARED, "vectors", "w3c+vc-di-ecdsa", "TestVectors", "*", "signed*.json")))


def codes(report):
    return [f"{c['check']}:{c['code']}" for c in report["checks"]]


@pytest.mark.parametrize("path", EU, ids=lambda p: "/".join(p.split(os.sep)[-2:]))
def test_eu_samples_get_edc_verifys_verdict(path, anchors):
    expected = json.loads(native("verify", "--json", "--at", AT, *sum((["--trust", a] for a in anchors), []), path).stdout)
    report = edc.verify(open(path, "rb").read(), at=AT, trust_anchors=anchors)
    assert report["verdict"] == expected["verdict"]
    assert codes(report) == codes(expected)


@pytest.mark.parametrize("path", W3C, ids=lambda p: "/".join(p.split(os.sep)[-2:]))
def test_w3c_vectors_get_edc_verifys_verdict(path):
    expected = json.loads(native("verify", "--json", "--at", AT, path).stdout)
    report = edc.verify(open(path, "rb").read(), at=AT)
    assert report["verdict"] == expected["verdict"]
    assert codes(report) == codes(expected)


def test_verification_runs_in_threads_at_once():
    data = open(W3C[0], "rb").read()
    results = []
    threads = [threading.Thread(target=lambda: results.append(edc.verify(data, at=AT)["verdict"])) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(results) == 8 and len(set(results)) == 1


def test_convert_rows_gives_edc_converts_credentials():
    example = os.path.join(ROOT, "examples", "provider-export")
    with open(os.path.join(example, "learners-with-errors.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    result = edc.convert_rows(rows, os.path.join(example, "mapping.toml"))
    with tempfile.TemporaryDirectory() as out:
        jsonl = os.path.join(out, "out.jsonl")
        native("convert", "--mapping", os.path.join(example, "mapping.toml"), "--jsonl", jsonl,
               os.path.join(example, "learners-with-errors.csv"))
        expected = [json.loads(line) for line in open(jsonl) if line.strip()]
    assert result["produced"] == len(expected) > 0
    # `edc convert` converts on a worker per core: its lines come in any order.
    by_id = lambda credentials: sorted(credentials, key=lambda c: c["id"])
    assert by_id(result["credentials"]) == by_id(expected)
    assert result["skipped"] > 0 and all(e["row"] > 0 and e["message"] for e in result["errors"])


def test_sign_then_verify_and_a_change_fails(tmp_path):
    key = tmp_path / "key.json"
    assert native("keygen", "--out", str(key)).returncode == 0
    credential = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                  "credentialSubject": {"id": "did:example:ada", "name": "Ada"}}
    signed = edc.sign(json.dumps(credential).encode(), str(key), set_issuer=True)
    assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    report = edc.verify(json.dumps(signed).encode())
    assert next(c for c in report["checks"] if c["check"] == "integrity")["status"] == "ok"
    signed["credentialSubject"]["name"] = "Mallory"
    assert edc.verify(json.dumps(signed).encode())["verdict"] == "failed"


def test_errors_are_typed_with_stable_codes(tmp_path):
    with pytest.raises(edc.InvalidInput) as e:
        edc.verify(b"{}", policy="sloppy")
    assert e.value.code == "invalid_option" and isinstance(e.value, edc.EdcError)
    with pytest.raises(edc.KeyFileError) as e:
        edc.sign(b"{}", str(tmp_path / "missing.json"))
    assert e.value.code == "unreadable_file"
    with pytest.raises(edc.SealError):
        edc.seal(b"{}", str(tmp_path / "missing.p12"), "x")
    # Hostile bytes are a report, not an exception.
    assert edc.verify(b"\xff\xfe\x00")["verdict"] == "failed"
    assert edc.verify(b"[" * 100000 + b"]" * 100000)["verdict"] == "failed"


def test_validate_and_inspect():
    sealed = next(p for p in EU if "elm-support-2024" in p)
    assert edc.inspect(open(sealed, "rb").read())["kind"] == "sealed"
    result = edc.validate(open(sealed, "rb").read(), at=AT)
    assert isinstance(result["conforms"], bool) and "code" in result
