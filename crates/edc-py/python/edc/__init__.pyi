from typing import Any, Literal, Mapping, Optional, Sequence, TypedDict, Union

__version__: str

class EdcError(Exception):
    """Every error edc raises; `code` is stable (branch on it), the message is for people."""
    code: str

class InvalidInput(EdcError): ...
class KeyFileError(EdcError): ...
class SealError(EdcError): ...
class ConvertError(EdcError): ...

class Finding(TypedDict):
    pointer: str
    code: str
    message: str

class _CheckBase(TypedDict):
    check: Literal["format", "integrity", "issuer", "owner", "status", "validity period",
                   "accreditation", "micro-credential elements"]
    status: Literal["ok", "failed", "skipped", "not applicable"]
    code: str
    reason: str

class Check(_CheckBase, total=False):
    findings: list[Finding]

class Report(TypedDict):
    verdict: Literal["verified", "partially verified", "could not check", "failed"]
    policy: Literal["europass", "strict", "lenient"]
    checks: list[Check]

class Validation(TypedDict):
    conforms: bool
    code: str
    reason: str
    findings: list[Finding]

class Converted(TypedDict):
    credentials: list[Any]
    errors: list[dict[str, Any]]
    produced: int
    skipped: int
    profile: str

def verify(
    data: bytes,
    *,
    at: Optional[Union[str, int]] = None,
    trust_anchors: Sequence[Union[str, bytes]] = (),
    trusted_dids: Sequence[str] = (),
    policy: Literal["europass", "strict", "lenient"] = "europass",
    challenge: Optional[str] = None,
    domain: Optional[str] = None,
    expected_subject: Optional[str] = None,
    status_lists: Optional[Mapping[str, Any]] = None,
    shapes_dir: Optional[str] = None,
) -> Report: ...
def inspect(data: bytes, *, language: str = "en") -> dict[str, Any]: ...
def validate(data: bytes, *, shapes_dir: Optional[str] = None, at: Optional[Union[str, int]] = None) -> Validation: ...
def convert_rows(rows: Sequence[Mapping[str, Any]], mapping: str, *, shapes_dir: Optional[str] = None) -> Converted: ...
def sign(data: bytes, key_file: str, *, suite: Optional[str] = None, set_issuer: bool = False) -> Any: ...
def seal(data: bytes, p12_file: str, password: str) -> Any: ...
