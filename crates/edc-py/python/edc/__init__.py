"""edc for Python: verify, inspect, validate, convert, sign and seal European Digital
Credentials and W3C Verifiable Credentials.

    import edc
    report = edc.verify(open("diploma.jsonld", "rb").read(), trust_anchors=["anchors/root.pem"])
    report["verdict"]          # "verified" | "partially verified" | "could not check" | "failed"
    [c["code"] for c in report["checks"]]   # the stable codes of `edc verify --json`

Verification releases the GIL: verify from many threads at once.
"""

from ._edc import (
    EdcError,
    InvalidInput,
    KeyFileError,
    SealError,
    ConvertError,
    verify,
    inspect,
    validate,
    convert_rows,
    sign,
    seal,
    __version__,
)

__all__ = [
    "EdcError",
    "InvalidInput",
    "KeyFileError",
    "SealError",
    "ConvertError",
    "verify",
    "inspect",
    "validate",
    "convert_rows",
    "sign",
    "seal",
    "__version__",
]
