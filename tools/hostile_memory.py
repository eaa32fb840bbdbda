#!/usr/bin/env python3
"""Peak memory and time of `edc` on hostile inputs, measured with /usr/bin/time -v.

Writes each input to a temporary folder, runs the command, and prints a Markdown table:
input, size, command, exit code, peak RSS (MiB), wall time. Not part of CI.

    python3 tools/hostile_memory.py [path/to/edc]     (default: target/release/edc under
                                                       $CARGO_TARGET_DIR or ~/.cache/edc/target)
"""

import base64
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

VC2 = ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"]
DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
BOGUS_PROOF = {
    "type": "DataIntegrityProof",
    "cryptosuite": "eddsa-rdfc-2022",
    "verificationMethod": DID + "#" + DID.split(":")[-1],
    "proofPurpose": "assertionMethod",
    "proofValue": "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiZt7DCaGHNWq6MEq",
}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def credential(subjects):
    return {"@context": VC2, "type": ["VerifiableCredential"], "issuer": DID,
            "credentialSubject": subjects, "proof": BOGUS_PROOF}


def bogus_proof(n):
    return json.dumps(credential([{"name": f"learner {i}"} for i in range(n)])).encode()


def nested_sd_jwt(depth):
    inner = "the bottom"
    disclosures = []
    for level in reversed(range(depth)):
        d = b64url(json.dumps([f"salt{level}", "n", inner]).encode())
        inner = {"_sd": [b64url(hashlib.sha256(d.encode()).digest())]}
        disclosures.append(d)
    payload = {"iss": DID, "@context": VC2, "type": ["VerifiableCredential"],
               "credentialSubject": {"_sd": inner["_sd"]}, "_sd_alg": "sha-256"}
    header = {"alg": "EdDSA", "typ": "vc+sd-jwt", "kid": BOGUS_PROOF["verificationMethod"]}
    jwt = ".".join([b64url(json.dumps(header).encode()), b64url(json.dumps(payload).encode()),
                    b64url(bytes(64))])
    return (jwt + "~" + "~".join(reversed(disclosures)) + "~").encode()


XLSX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx(path, dimension, rows, padding=0):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in XLSX_PARTS.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=padding > 1 << 30) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/>'.encode())
            chunk = b" " * (1 << 20)
            left = padding
            while left > 0:
                f.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
            f.write(f"<sheetData>{rows}</sheetData></worksheet>".encode())


def ods(path):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">'
               '<table:table-row><table:table-cell office:value-type="string"><text:p>given_name</text:p></table:table-cell></table:table-row>'
               '<table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)


def run(edc, args):
    result = subprocess.run(["/usr/bin/time", "-v", edc, *args], capture_output=True, text=True)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", result.stderr)
    return result.returncode, int(rss.group(1)) / 1024 if rss else float("nan"), wall.group(1) if wall else "?"


def main():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/edc/target"))
    edc = sys.argv[1] if len(sys.argv) > 1 else os.path.join(target, "release", "edc")
    with tempfile.TemporaryDirectory() as d:
        def write(name, data):
            path = os.path.join(d, name)
            with open(path, "wb") as f:
                f.write(data)
            return path

        cases = []
        cases.append(("1.2 MB credential, 49 000 blank nodes (just under the 50 000 JSON objects cap), bogus proof", write("bogus49.json", bogus_proof(49_000)), ["verify"]))
        cases.append(("same, validate", os.path.join(d, "bogus49.json"), ["validate"]))
        cases.append(("same, rdf --canonical", os.path.join(d, "bogus49.json"), ["rdf", "--canonical"]))
        cases.append(("1.5 MB credential, 60 000 blank nodes, bogus proof", write("bogus.json", bogus_proof(60_000)), ["verify"]))
        cases.append(("15 MB credential, 600 000 blank nodes, bogus proof", write("bogus15.json", bogus_proof(600_000)), ["verify"]))
        cases.append(("20 MB credential (over the 16 MiB limit)", write("big.json", bogus_proof(800_000)), ["verify"]))
        cases.append(("same, validate", os.path.join(d, "big.json"), ["validate"]))
        cases.append(("same, rdf", os.path.join(d, "big.json"), ["rdf"]))
        sd = write("nested.sd-jwt", nested_sd_jwt(20_000))
        cases.append(("SD-JWT, disclosures nested 20 000 deep", sd, ["verify"]))
        cases.append(("same, inspect", sd, ["inspect"]))
        far = os.path.join(d, "far.xlsx")
        xlsx(far, "A1:XFD1048576", f'<row r="1">{cell("A1", "name")}</row><row r="2">{cell("A2", "Ana")}</row><row r="1048576">{cell("XFD1048576", "x")}</row>')
        bomb = os.path.join(d, "bomb.xlsx")
        xlsx(bomb, "A1", f'<row r="1">{cell("A1", "name")}</row>', padding=3 << 30)
        repeats = os.path.join(d, "repeats.ods")
        ods(repeats)
        mapping = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "provider-export", "mapping.toml")
        out = os.path.join(d, "out")
        for label, path in [("XLSX naming XFD1048576", far), ("XLSX zip bomb (3 GiB unpacked)", bomb), ("ODS, a cell repeated 10^9 x 10^9", repeats)]:
            cases.append((label, path, ["convert", "--mapping", mapping, "--out", out]))
        print("| input | size | command | exit | peak RSS (MiB) | wall |")
        print("|---|---:|---|---:|---:|---:|")
        for label, path, command in cases:
            args = [command[0], path, *command[1:]]
            code, rss, wall = run(edc, args)
            size = os.path.getsize(path)
            print(f"| {label} | {size / 1048576:.1f} MiB | `edc {command[0]}` | {code} | {rss:.0f} | {wall} |")


if __name__ == "__main__":
    main()
